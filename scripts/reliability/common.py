"""Helpers shared by the reliability scripts: the binary under test, a tally of
checks, and the sqlite3 shell."""
import hashlib
import os
import shutil
import struct
import subprocess
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_binary():
    if os.environ.get("IKAMET_BIN"):
        return os.environ["IKAMET_BIN"]
    for d in (".build-static/release", ".build/release"):
        p = os.path.join(ROOT, d, "ikamet")
        if os.path.exists(p):
            return p
    return os.path.join(ROOT, ".build-static/release/ikamet")


def snapshot_binary(path, work):
    """A private copy of the binary, so a rebuild during the run neither breaks it nor changes what is tested."""
    dest = os.path.join(work, "ikamet")
    for _ in range(24):
        try:
            shutil.copyfile(path, dest)
            os.chmod(dest, 0o755)
            if subprocess.run([dest, "--help"], capture_output=True).returncode == 0:
                with open(dest, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()[:12]
                print(f"binary: {path} (sha256 {digest}…), copied for the run")
                return dest
        except OSError:
            pass
        time.sleep(5)  # being relinked: wait
    raise RuntimeError(f"{path} cannot be run (a build in progress?)")


class Tally:
    def __init__(self, verbose):
        self.passed, self.failed, self.verbose = 0, 0, verbose
        self.lock = threading.Lock()

    def check(self, ok, label, detail=""):
        with self.lock:
            if ok:
                self.passed += 1
                if self.verbose:
                    print(f"  ok   {label}")
            else:
                self.failed += 1
                print(f"  FAIL {label}: {detail}")
        return ok


def sqlite_cli(path, sql):
    p = subprocess.run(["sqlite3", path, sql], capture_output=True, text=True)
    return p.returncode, p.stdout.strip(), p.stderr.strip()


def tools_present(binary):
    """Whether the binary and the sqlite3 shell are there; if not, says so in the closing-line form."""
    if os.path.exists(binary) and shutil.which("sqlite3") is not None:
        return True
    print(f"needs the ikamet binary ({binary}: set IKAMET_BIN or --binary) and the sqlite3 shell")
    print("0 passed, 1 failed")
    return False


def skip_build():
    """Whether IKAMET_SKIP_BUILD asks to test the binary that is already built."""
    return os.environ.get("IKAMET_SKIP_BUILD", "").strip().lower() in ("1", "true", "yes")


def build_release(named_binary=None):
    """Builds the release binary the scripts test by default (CI relies on this), unless
    IKAMET_SKIP_BUILD=1 or a binary was named (`--binary` or IKAMET_BIN). Returns the binary to test."""
    named = named_binary or os.environ.get("IKAMET_BIN")
    if named:
        print(f"binary under test: {named} (named; not building)")
        return named
    if skip_build():
        print("IKAMET_SKIP_BUILD=1: testing the binary already built, not building")
    else:
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", ".build-static",
                        "--product", "ikamet"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return default_binary()


WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little-endian / big-endian words
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def _wal_checksum(data, s1, s2, big_endian):
    """SQLite's WAL checksum (walChecksumBytes) of data (a multiple of 8 bytes), continuing from (s1, s2)."""
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & mask
        s2 = (s2 + words[i + 1] + s1) & mask
    return s1, s2


def wal_tail(store):
    """What a killed process left in the store's -wal and -journal files. Read the files directly, before
    anything opens the store again (opening runs recovery and rolls a hot journal back).

    Returns a dict: `frames` (frames of the current WAL generation: header salts match), `committed` (frames up
    to and including the last commit frame whose checksum verifies), `uncommitted` (frames after it: a
    transaction was writing when the process died), `journal` (a hot rollback journal: the file exists and its
    header is not zeroed), `note` (why the WAL counts as empty, if it does)."""
    out = {"frames": 0, "committed": 0, "uncommitted": 0, "journal": False, "note": ""}
    try:
        with open(store + "-journal", "rb") as f:
            head = f.read(8)
        out["journal"] = len(head) == 8 and head == JOURNAL_MAGIC
    except FileNotFoundError:
        pass
    try:
        with open(store + "-wal", "rb") as f:
            wal = f.read()
    except FileNotFoundError:
        out["note"] = "no -wal file"
        return out
    if len(wal) < 32:
        out["note"] = f"-wal of {len(wal)} bytes"
        return out
    magic, _version, page, _seq, salt1, salt2, ck1, ck2 = struct.unpack(">8I", wal[:32])
    if magic not in WAL_MAGIC or page < 512 or page & (page - 1):
        out["note"] = "no valid WAL header"
        return out
    big = magic & 1 == 1
    if _wal_checksum(wal[:24], 0, 0, big) != (ck1, ck2):
        out["note"] = "WAL header checksum does not match (SQLite ignores the file)"
        return out
    size = 24 + page
    headers = []  # (page number, commit size, stored checksum) of each frame of this generation
    offset = 32
    while offset + 24 <= len(wal):
        pgno, commit, s1, s2, c1, c2 = struct.unpack(">6I", wal[offset:offset + 24])
        if (s1, s2) != (salt1, salt2):
            break
        headers.append((pgno, commit, (c1, c2), offset))
        offset += size
    out["frames"] = len(headers)

    def verifies(i):
        """Frame i's checksum, chained from the stored checksum of frame i-1 (or the header)."""
        _, _, stored, off = headers[i]
        if off + size > len(wal):
            return False  # cut short: its page was never written
        prev = headers[i - 1][2] if i else (ck1, ck2)
        s = _wal_checksum(wal[off:off + 8], prev[0], prev[1], big)
        return _wal_checksum(wal[off + 24:off + size], s[0], s[1], big) == stored

    last_commit = -1
    for i in range(len(headers) - 1, -1, -1):
        if headers[i][1] != 0 and verifies(i):
            last_commit = i
            break
    out["committed"] = last_commit + 1
    out["uncommitted"] = len(headers) - last_commit - 1
    return out
