#!/usr/bin/env python3
"""Backup under load and restore (issue 6, item 3).

A store of 5,053 clients (1,053 with --quick): the 53 demo clients and
`ikamet demo --generate 5000 --seed S`. A writer thread runs `ikamet` writes one after another without
pause: multi-item checklist changes on random clients (6 in 10), an import of
a file updating 3 random clients (3 in 10), a settings change (1 in 10). After
every command it records the store's committed state (every client's id,
version and document, the audit trail's length and last row, the settings),
read in one transaction by a Python connection. Meanwhile the main thread runs
`ikamet backup DEST` again and again.

Each backup must: exit 0 saying "integrity check ok"; pass
`sqlite3 DEST 'PRAGMA integrity_check'` (`ok`) and `foreign_key_check`
(empty); be a single owner-only file (mode 0600, no -wal, -shm or -journal);
and equal one of the committed states the writer recorded (which one, and
whether write commands ran, or even committed, while the backup ran, is
reported; so is the backup file's journal mode).

Then each backup is restored with `ikamet restore DEST --yes` into a copy of
the final store: the restored store's `ikamet export` must equal the backup's
export byte for byte, its clients (ids, versions, documents) must be the
backup's, and its audit trail must be the whole trail of the store it
replaced plus one "restored from" row (the trail is never shortened).

Usage: scripts/reliability/backup.py [--quick] [--backups N] [--seed S] [--binary PATH] [-v]
Prints `N passed, M failed` last; exit status 1 on any failure.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TODAY = "2026-11-23"
CRASH_MARKS = ("Fatal error", "Stack dump", "stack trace", "Backtrace", "Current stack", "Segmentation", "Illegal instruction")


from common import Tally, default_binary, snapshot_binary, sqlite_cli, tools_present  # noqa: E402


class Env:
    def __init__(self, binary, store):
        self.binary, self.store = binary, store
        self.env = dict(os.environ, IKAMET_DATA=os.environ.get("IKAMET_DATA", os.path.join(ROOT, "data")),
                        IKAMET_TODAY=TODAY, IKAMET_USER="BACKUP")
        self.env.pop("IKAMET_STORE", None)

    def run(self, args, store=None, user=None):
        env = dict(self.env, IKAMET_USER=user) if user else self.env
        return subprocess.run([self.binary] + args + ["--store", store or self.store], env=env, capture_output=True)


def committed_state(con):
    """The state a backup must equal: clients (id, version, doc), audit length and last row, settings."""
    con.execute("BEGIN")
    try:
        h = hashlib.sha256()
        n = 0
        for row in con.execute("SELECT id, version, doc FROM client ORDER BY id"):
            h.update(repr(row).encode())
            n += 1
        audit = con.execute("SELECT COUNT(*), MAX(seq) FROM audit").fetchone()
        last = con.execute("SELECT seq, batch, user, clientId, entity, field, old, new FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        settings = con.execute("SELECT key, value, version FROM setting ORDER BY key").fetchall()
    finally:
        con.execute("COMMIT")
    h.update(repr((audit, last, settings)).encode())
    return h.hexdigest()[:20], n, audit[0]


def client_rows(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id, version, doc FROM client ORDER BY id").fetchall()
    finally:
        con.close()


def audit_rows(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT seq, batch, at, user, clientId, entity, field, old, new FROM audit ORDER BY seq").fetchall()
    finally:
        con.close()


class Writer(threading.Thread):
    def __init__(self, env, rng, pool, clients, work, tally):
        super().__init__(name="writer")
        self.env, self.rng, self.pool, self.clients, self.work, self.tally = env, rng, pool, clients, work, tally
        self.stop = threading.Event()
        self.states = {}       # hash -> index of the first time it was seen
        self.log = []          # (index, hash, start, end, kind, ok)
        self.counts = {"checklist": 0, "import": 0, "settings": 0, "ok": 0, "refused": 0}
        self.con = sqlite3.connect(env.store, isolation_level=None, check_same_thread=False)
        self.record(0.0, 0.0, "initial", True)

    def record(self, start, end, kind, ok):
        h, _, _ = committed_state(self.con)
        if h not in self.states:
            self.states[h] = len(self.states)
        self.log.append((self.states[h], h, start, end, kind, ok))

    def op(self, i):
        r = self.rng.random()
        if r < 0.6:
            picks = self.rng.sample(self.pool, 1)
            client, app = picks[0]
            items = self.pool_items[(client, app)]
            chosen = self.rng.sample(sorted(items), min(3, len(items)))
            args = ["checklist", client, app]
            for item in chosen:
                args += ["--set", f"{item}={'missing' if items[item] == 'received' else 'received'}"]
            return "checklist", args, lambda: items.update({k: ('missing' if items[k] == 'received' else 'received') for k in chosen})
        if r < 0.9:
            chosen = self.rng.sample(sorted(self.clients), 3)
            docs = []
            for cid in chosen:
                doc = json.loads(json.dumps(self.clients[cid]))
                doc["notes"] = f"backup.py update {i}"
                docs.append(doc)
            path = os.path.join(self.work, "writer-import.json")
            with open(path, "w") as f:
                json.dump({"format": "ikamet/1", "clients": docs}, f, ensure_ascii=False)
            return "import", ["import", path], lambda: None
        return "settings", ["settings", "rules.deadlines.soonDays", str(31 + i % 2)], lambda: None

    def run(self):
        i = 0
        while not self.stop.is_set():
            i += 1
            kind, args, on_success = self.op(i)
            t0 = time.perf_counter()
            p = self.env.run(args, user="WRITER")
            t1 = time.perf_counter()
            err = p.stderr.decode(errors="replace")
            self.counts[kind] += 1
            if p.returncode == 0:
                self.counts["ok"] += 1
                on_success()
            elif p.returncode == 1 and "the store is busy" in err:
                self.counts["refused"] += 1
            else:
                self.tally.check(False, f"writer command {' '.join(args)}", f"status {p.returncode}: {err[:400]}")
            self.record(t0, t1, kind, p.returncode == 0)
        self.con.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a short CI-sized run (5 backups, each restored)")
    ap.add_argument("--backups", type=int, help="backups taken under load (default 50; 5 with --quick)")
    ap.add_argument("--clients", type=int, help="synthetic clients besides the 53 demo ones (default 5000; 1000 with --quick)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    tally = Tally(args.verbose)
    if not tools_present(args.binary):
        return 1
    n_backups = args.backups or (5 if args.quick else 50)
    n_clients = args.clients or (1000 if args.quick else 5000)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="ikamet-backup-")
    try:
        args.binary = snapshot_binary(args.binary, work)
        store = os.path.join(work, "office.sqlite")
        env = Env(args.binary, store)
        for cmd in (["import", os.path.join(ROOT, "data", "demo.json")],
                    ["demo", "--generate", str(n_clients), "--seed", str(args.seed), "--output", os.path.join(work, "gen.json")],
                    ["import", os.path.join(work, "gen.json")]):
            p = subprocess.run([args.binary] + cmd + ([] if cmd[0] == "demo" else ["--store", store]), env=env.env,
                               capture_output=True)
            if p.returncode != 0:
                raise RuntimeError(f"{cmd}: {p.stderr.decode(errors='replace')}")
        caseload = json.loads(env.run(["export"]).stdout)
        clients = {c["id"]: c for c in caseload["clients"]}
        pool_items = {}
        for c in caseload["clients"]:
            for a in c.get("applications", []):
                items = {e["item"]: e["state"] for e in a.get("checklist", []) if e["state"] in ("missing", "received")}
                if len(items) >= 2:
                    pool_items[(c["id"], a["id"])] = items
        writer = Writer(env, rng, sorted(pool_items), clients, work, tally)
        writer.pool_items = pool_items

        backups = []  # (path, start, end, process)
        writer.start()
        time.sleep(0.3)
        for i in range(n_backups):
            time.sleep(rng.uniform(0, 0.3))
            dest = os.path.join(work, f"backup-{i:03}.sqlite")
            t0 = time.perf_counter()
            p = env.run(["backup", dest], user="BACKUP")
            t1 = time.perf_counter()
            backups.append((dest, t0, t1, p))
        time.sleep(0.2)
        writer.stop.set()
        writer.join()
        final_audit = audit_rows(store)
        print(f"[load] store of {len(clients)} clients; writer: {writer.counts['ok']} commits ({writer.counts['checklist']} checklist, {writer.counts['import']} import, "
              f"{writer.counts['settings']} settings commands; {writer.counts['refused']} refused busy), "
              f"{len(writer.states)} distinct committed states recorded")

        matched, overlapped, inside, durations, journal_modes = [], 0, 0, [], {}
        for dest, t0, t1, p in backups:
            name = os.path.basename(dest)
            out = p.stdout.decode(errors="replace")
            err = p.stderr.decode(errors="replace")
            durations.append(t1 - t0)
            if not tally.check(p.returncode == 0 and "integrity check ok" in out and not any(m in err for m in CRASH_MARKS),
                               f"{name}: ikamet backup exits 0 and reports the check", f"status {p.returncode}: {out} {err[:400]}"):
                continue
            rc, res, e = sqlite_cli(dest, "PRAGMA integrity_check")
            tally.check(rc == 0 and res == "ok", f"{name}: PRAGMA integrity_check", res + e)
            rc, res, e = sqlite_cli(dest, "PRAGMA foreign_key_check")
            tally.check(rc == 0 and res == "", f"{name}: PRAGMA foreign_key_check", res + e)
            mode = stat.S_IMODE(os.stat(dest).st_mode)
            rc, jm, _ = sqlite_cli(dest, "PRAGMA journal_mode")
            journal_modes[jm] = journal_modes.get(jm, 0) + 1
            leftovers = [s for s in ("-wal", "-shm", "-journal") if os.path.exists(dest + s)]
            tally.check(mode == 0o600 and not leftovers, f"{name}: one owner-only file",
                        f"mode {oct(mode)}, left over: {leftovers}")
            con = sqlite3.connect(dest, isolation_level=None)
            h, n, na = committed_state(con)
            con.close()
            idx = writer.states.get(h)
            during = [e for e in writer.log if e[5] and e[0] > 0 and e[2] < t1 and e[3] > t0]
            overlapped += bool(during)
            inside += any(e[2] > t0 and e[3] < t1 for e in during)  # a whole write command ran within the backup
            tally.check(idx is not None, f"{name}: equals a committed state of the writer",
                        f"{n} clients, {na} audit rows: matches none of the {len(writer.states)} recorded states")
            if idx is not None:
                matched.append(idx)
        print(f"[backup] {len(backups)} backups under load in {min(durations) * 1000:.0f}..{max(durations) * 1000:.0f} ms, "
              f"{overlapped} with a write command running at the same time, {inside} with a whole successful write command "
              f"(start to commit to exit) inside the backup's run; each equals committed state #"
              + ",".join(str(i) for i in matched) + f" of 0..{len(writer.states) - 1}; journal mode of the files: {journal_modes}")

        # restore each backup into a copy of the final store
        restored = 0
        for dest, _, _, p in backups:
            if p.returncode != 0:
                continue
            name = os.path.basename(dest)
            target = os.path.join(work, "restore-target.sqlite")
            copy = os.path.join(work, "backup-copy.sqlite")
            for f in (target, copy):
                for suffix in ("", "-wal", "-shm", "-journal"):
                    if os.path.exists(f + suffix):
                        os.remove(f + suffix)
            shutil.copyfile(store, target)
            shutil.copyfile(dest, copy)
            os.chmod(target, 0o600)
            os.chmod(copy, 0o600)
            r = env.run(["restore", dest, "--yes"], store=target, user="RESTORE")
            if not tally.check(r.returncode == 0, f"{name}: ikamet restore --yes",
                               f"status {r.returncode}: {r.stderr.decode(errors='replace')[:400]}"):
                continue
            restored += 1
            rc, res, e = sqlite_cli(target, "PRAGMA integrity_check")
            tally.check(rc == 0 and res == "ok", f"{name}: restored store passes integrity_check", res + e)
            e1 = env.run(["export"], store=target)
            e2 = env.run(["export"], store=copy)
            tally.check(e1.returncode == 0 and e2.returncode == 0 and e1.stdout == e2.stdout,
                        f"{name}: export of the restored store equals the backup's export",
                        f"status {e1.returncode}/{e2.returncode}, {len(e1.stdout)} vs {len(e2.stdout)} bytes")
            tally.check(client_rows(target) == client_rows(dest), f"{name}: restored clients (ids, versions, documents) are the backup's")
            trail = audit_rows(target)
            tally.check(trail[:-1] == final_audit and trail[-1][5] == "store" and (trail[-1][8] or "").startswith("restored from"),
                        f"{name}: audit trail = the replaced store's whole trail + one restore row",
                        f"{len(trail)} rows after restore, {len(final_audit)} before; last {trail[-1][5:]}")
        print(f"[restore] {restored} of {len(backups)} backups restored over the final store and compared")
    except Exception as e:
        tally.check(False, "setup", repr(e))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
