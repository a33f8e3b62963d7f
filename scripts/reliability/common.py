"""Helpers shared by the reliability scripts: the binary under test, a tally of
checks, and the sqlite3 shell."""
import hashlib
import os
import shutil
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
