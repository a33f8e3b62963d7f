#!/usr/bin/env python3
"""Two (and more) writers at once through the CLI (issue 6, item 2, CLI side).

Part 1, hammer: five writer threads, each running one `ikamet` process after
another against the same store, for thousands of interleaved edits in all,
while a reader thread exports the edited client again and again:

  W1  `ikamet checklist 2026-0101 A1 --set health-insurance=received|missing`
  W2  `ikamet checklist 2026-0101 A1 --set sufficient-means=received|missing`
      (the same client row as W1: both read-modify-write one JSON document)
  W3  `ikamet checklist 2026-0101 A1 --set wr-pair-a=S --set wr-pair-b=S`
      (two items always changed together, same client again)
  W4  `ikamet settings rules.deadlines.soonDays 31|32`
  W5  `ikamet import FILE` of client 2025-0318 with new notes each time
  R   `ikamet export --client 2026-0101` (must never show wr-pair-a and
      wr-pair-b in different states: no half-seen change)

Each writer flips its own item (or value) on every successful exit and counts
its successes; a refusal ("store is busy", a version conflict) changes nothing
and the same edit is retried. At the end: every final state is the one of the
last successful edit, the audit trail has exactly one row per successful edit
and field (and one batch per successful command), client 2026-0101's version
went up by exactly W1+W2+W3 successes, 2025-0318's by W5's, the setting's by
W4's: no lost update. Any exit other than 0 or 1-with-a-clear-message, or any
trace of a crash on standard error, is a failure.

Part 2, a lock held too long: a Python sqlite3 connection holds
`BEGIN IMMEDIATE` (and an uncommitted insert) for longer than the 5-second busy
timeout while `ikamet checklist --set`, `ikamet settings` and `ikamet import`
each try to write: each must exit with status 1 after about 5 s with the
"store is busy" message and no stack trace, and the store must be unchanged.
A lock held for less than the timeout (2 s) must make the CLI wait and succeed.
Read-only commands (`clients`, `export`, `log`, `backup`) started while the
lock is held are recorded, with no WAL file and with a WAL holding committed
frames (see docs/reliability.md): they must either answer or give the same
clear message.

Usage: scripts/reliability/writers.py [--quick] [--ops N] [--seed S] [--binary PATH] [-v]
Prints `N passed, M failed` last; exit status 1 on any failure.
"""
import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TODAY = "2026-11-23"
CLIENT, APP = "2026-0101", "A1"
IMPORT_CLIENT = "2025-0318"
SETTING = "rules.deadlines.soonDays"
BUSY = "the store is busy"
CRASH_MARKS = ("Fatal error", "Stack dump", "stack trace", "Backtrace", "Current stack", "Segmentation", "Illegal instruction",
               "Trace/breakpoint", "Aborted", "0x0000")


from common import Tally, default_binary, snapshot_binary, sqlite_cli, tools_present  # noqa: E402


class Env:
    def __init__(self, binary, store):
        self.binary, self.store = binary, store
        self.base = dict(os.environ, IKAMET_DATA=os.environ.get("IKAMET_DATA", os.path.join(ROOT, "data")), IKAMET_TODAY=TODAY)
        self.base.pop("IKAMET_STORE", None)

    def run(self, args, user="SETUP", store=None):
        env = dict(self.base, IKAMET_USER=user)
        t0 = time.perf_counter()
        p = subprocess.run([self.binary] + args + ["--store", store or self.store], env=env, capture_output=True)
        return p, time.perf_counter() - t0


def classify(p):
    """'ok', 'busy', 'conflict' (clear refusals) or 'bad' (anything else)."""
    err = p.stderr.decode(errors="replace")
    if any(m in err for m in CRASH_MARKS):
        return "bad"
    if p.returncode == 0:
        return "ok"
    if p.returncode == 1 and BUSY in err and err.count("\n") <= 1:
        return "busy"
    if p.returncode == 1 and "changed" in err and "version" in err.lower():
        return "conflict"
    return "bad"


class Writer(threading.Thread):
    """Runs `ops` successful-or-refused edits one process after another."""

    def __init__(self, name, env, ops, make_args, tally):
        super().__init__(name=name)
        self.env, self.ops, self.make_args, self.tally = env, ops, make_args, tally
        self.success = 0
        self.outcomes = {"ok": 0, "busy": 0, "conflict": 0, "bad": 0}
        self.last = None  # the value of the last successful edit
        self.times = []

    def run(self):
        for i in range(self.ops):
            value, args = self.make_args(self.success, i)
            p, t = self.env.run(args, user=self.name)
            self.times.append(t)
            kind = classify(p)
            self.outcomes[kind] += 1
            if kind == "ok":
                self.success += 1
                self.last = value
            elif kind == "bad":
                self.tally.check(False, f"{self.name} op {i} ({' '.join(args)})",
                                 f"status {p.returncode}: {p.stderr.decode(errors='replace')[:500]}")


class Reader(threading.Thread):
    def __init__(self, env, stop, tally):
        super().__init__(name="R")
        self.env, self.stop, self.tally = env, stop, tally
        self.reads = self.half_seen = self.refused = 0

    def run(self):
        while not self.stop.is_set():
            p, _ = self.env.run(["export", "--client", CLIENT], user="R")
            kind = classify(p)
            if kind == "busy":
                self.refused += 1
                continue
            if kind != "ok":
                self.tally.check(False, "reader export", f"status {p.returncode}: {p.stderr.decode(errors='replace')[:500]}")
                continue
            self.reads += 1
            app = next(a for a in json.loads(p.stdout)["clients"][0]["applications"] if a["id"] == APP)
            states = {e["item"]: e["state"] for e in app["checklist"]}
            if states.get("wr-pair-a") != states.get("wr-pair-b"):
                self.half_seen += 1
                self.tally.check(False, "reader: pair items seen in different states",
                                 f"wr-pair-a={states.get('wr-pair-a')} wr-pair-b={states.get('wr-pair-b')}")


def flip(state):
    return "received" if state == "missing" else "missing"


def hammer(env, ops, seed, tally, work, figures):
    con = sqlite3.connect(env.store)
    v_client0 = con.execute("SELECT version FROM client WHERE id = ?", (CLIENT,)).fetchone()[0]
    v_import0 = con.execute("SELECT version FROM client WHERE id = ?", (IMPORT_CLIENT,)).fetchone()[0]
    batch0 = con.execute("SELECT COALESCE(MAX(batch), 0) FROM audit").fetchone()[0]
    con.close()
    base_import = json.loads(env.run(["export", "--client", IMPORT_CLIENT])[0].stdout)

    def checklist_item(item):
        def make(successes, i):
            target = "received" if successes % 2 == 0 else "missing"  # initial state is missing
            return target, ["checklist", CLIENT, APP, "--set", f"{item}={target}"]
        return make

    def pair(successes, i):
        target = "received" if successes % 2 == 0 else "missing"
        return target, ["checklist", CLIENT, APP, "--set", f"wr-pair-a={target}", "--set", f"wr-pair-b={target}"]

    def setting(successes, i):
        value = "31" if successes % 2 == 0 else "32"
        return value, ["settings", SETTING, value]

    def importer(successes, i):
        doc = json.loads(json.dumps(base_import))
        doc["clients"][0]["notes"] = f"writers.py import {i}"
        path = os.path.join(work, f"import-{i % 4}.json")
        with open(path, "w") as f:
            json.dump(doc, f, ensure_ascii=False)
        return f"writers.py import {i}", ["import", path]

    writers = [Writer("W1", env, ops, checklist_item("health-insurance"), tally),
               Writer("W2", env, ops, checklist_item("sufficient-means"), tally),
               Writer("W3", env, ops, pair, tally),
               Writer("W4", env, ops, setting, tally),
               Writer("W5", env, ops, importer, tally)]
    stop = threading.Event()
    reader = Reader(env, stop, tally)
    t0 = time.perf_counter()
    reader.start()
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    stop.set()
    reader.join()
    elapsed = time.perf_counter() - t0
    w1, w2, w3, w4, w5 = writers
    total_ok = sum(w.success for w in writers)
    print(f"[hammer] {len(writers)} writers x {ops} commands + 1 reader in {elapsed:.1f} s: "
          + ", ".join(f"{w.name} {w.outcomes['ok']} ok/{w.outcomes['busy']} busy/{w.outcomes['conflict']} conflict/"
                      f"{w.outcomes['bad']} bad (max {max(w.times) * 1000:.0f} ms)" for w in writers)
          + f"; reader {reader.reads} exports, {reader.refused} busy, {reader.half_seen} half-seen")
    figures["hammer"] = dict(writers=len(writers), ops=ops, elapsed=elapsed, total=len(writers) * ops, ok=total_ok,
                             busy=sum(w.outcomes["busy"] for w in writers),
                             conflict=sum(w.outcomes["conflict"] for w in writers),
                             bad=sum(w.outcomes["bad"] for w in writers), reads=reader.reads, half_seen=reader.half_seen)

    for w in writers:
        tally.check(w.outcomes["bad"] == 0, f"{w.name}: every command exited 0 or with a clear refusal", str(w.outcomes))
    tally.check(reader.half_seen == 0, "reader never saw half a change", f"{reader.half_seen} of {reader.reads}")
    rc, out, err = sqlite_cli(env.store, "PRAGMA integrity_check")
    tally.check(rc == 0 and out == "ok", "integrity_check after the hammer", out + err)
    rc, out, err = sqlite_cli(env.store, "PRAGMA foreign_key_check")
    tally.check(rc == 0 and out == "", "foreign_key_check after the hammer", out + err)

    con = sqlite3.connect(env.store)
    q = lambda sql, *a: con.execute(sql, a).fetchall()
    doc = json.loads(q("SELECT doc FROM client WHERE id = ?", CLIENT)[0][0])
    app = next(a for a in doc["applications"] if a["id"] == APP)
    states = {e["item"]: e["state"] for e in app["checklist"]}

    def audit_rows(user, field):
        return q("SELECT COUNT(*) FROM audit WHERE user = ? AND field = ? AND batch > ?", user, field, batch0)[0][0]

    for w, item in ((w1, "health-insurance"), (w2, "sufficient-means"), (w3, "wr-pair-a"), (w3, "wr-pair-b")):
        expected = w.last or "missing"
        tally.check(states.get(item) == expected, f"{w.name}: final state of {item} is that of its last successful edit",
                    f"store has {states.get(item)}, expected {expected} after {w.success} successes")
        n = audit_rows(w.name, f"applications[{APP}].checklist[{item}].state")
        tally.check(n == w.success, f"{w.name}: one audit row per successful edit of {item}", f"{n} rows, {w.success} successes")
    v_client = q("SELECT version FROM client WHERE id = ?", CLIENT)[0][0]
    tally.check(v_client - v_client0 == w1.success + w2.success + w3.success,
                f"client {CLIENT}: version rose by exactly the successful edits (no lost update)",
                f"{v_client0} -> {v_client}, successes {w1.success}+{w2.success}+{w3.success}")
    setting = q("SELECT value, version FROM setting WHERE key = ?", SETTING)
    tally.check(bool(setting) and setting[0][0] == w4.last and setting[0][1] == w4.success,
                "W4: setting value and version are those of its successful edits",
                f"store {setting}, expected value {w4.last} version {w4.success}")
    n = audit_rows("W4", SETTING)
    tally.check(n == w4.success, "W4: one audit row per successful setting", f"{n} rows, {w4.success} successes")
    doc5 = json.loads(q("SELECT doc FROM client WHERE id = ?", IMPORT_CLIENT)[0][0])
    v_import = q("SELECT version FROM client WHERE id = ?", IMPORT_CLIENT)[0][0]
    tally.check(doc5.get("notes") == w5.last, "W5: notes are those of the last successful import",
                f"store {doc5.get('notes')!r}, expected {w5.last!r}")
    tally.check(v_import - v_import0 == w5.success, f"client {IMPORT_CLIENT}: version rose by exactly the successful imports",
                f"{v_import0} -> {v_import}, {w5.success} successes")
    n = audit_rows("W5", "notes")
    tally.check(n == w5.success, "W5: one audit row per successful import", f"{n} rows, {w5.success} successes")
    batches = q("SELECT COUNT(DISTINCT batch) FROM audit WHERE batch > ?", batch0)[0][0]
    tally.check(batches == total_ok, "one audit batch per successful command", f"{batches} batches, {total_ok} successes")
    others = q("SELECT COUNT(*) FROM audit WHERE batch > ? AND user NOT IN ('W1','W2','W3','W4','W5')", batch0)[0][0]
    tally.check(others == 0, "no audit rows from anyone else (readers write none)", f"{others} rows")
    con.close()


class HeldLock:
    """A Python connection holding the write lock (BEGIN IMMEDIATE and an uncommitted insert)."""

    def __init__(self, store, prime_wal=False):
        self.con = sqlite3.connect(store, isolation_level=None, timeout=30)
        if prime_wal:  # leave committed frames in the WAL first (what GRDB does when it opens a store)
            self.con.execute("CREATE TABLE reliability_wal (id INTEGER PRIMARY KEY)")
            self.con.execute("DROP TABLE reliability_wal")

    def __enter__(self):
        self.con.execute("BEGIN IMMEDIATE")
        self.con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('reliability-lock', 'held')")
        return self

    def __exit__(self, *exc):
        self.con.execute("ROLLBACK")
        self.con.close()


def state_summary(store):
    con = sqlite3.connect(store)
    try:
        return (con.execute("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM audit").fetchone(),
                con.execute("SELECT group_concat(id || ':' || version, ',') FROM (SELECT id, version FROM client ORDER BY id)").fetchone(),
                con.execute("SELECT group_concat(key || '=' || value || ':' || version, ',') FROM setting").fetchone())
    finally:
        con.close()


def busy_tests(env, rounds, tally, work, figures):
    base_import = json.loads(env.run(["export", "--client", IMPORT_CLIENT])[0].stdout)
    base_import["clients"][0]["notes"] = "written while the lock was held"
    import_file = os.path.join(work, "busy-import.json")
    with open(import_file, "w") as f:
        json.dump(base_import, f, ensure_ascii=False)
    con = sqlite3.connect(env.store)
    states = {e["item"]: e["state"] for a in json.loads(con.execute("SELECT doc FROM client WHERE id = ?", (CLIENT,)).fetchone()[0])["applications"]
              if a["id"] == APP for e in a["checklist"]}
    cur_setting = (con.execute("SELECT value FROM setting WHERE key = ?", (SETTING,)).fetchone() or ["30"])[0]
    con.close()
    writes = [("checklist", ["checklist", CLIENT, APP, "--set", f"health-insurance={flip(states['health-insurance'])}",
                             "--set", f"sufficient-means={flip(states['sufficient-means'])}"]),
              ("settings", ["settings", SETTING, "33" if cur_setting != "33" else "34"]),
              ("import", ["import", import_file])]
    reads = [("clients", ["clients"]), ("export", ["export", "--client", CLIENT]), ("log", ["log", "--limit", "3"]),
             ("backup", ["backup", os.path.join(work, "busy-backup.sqlite")])]
    hold = 7.0
    fig = figures.setdefault("busy", {"refused": 0, "writes": 0, "times": [], "reads": {}})
    # Rounds alternate: odd rounds start with no WAL file (no other ikamet process open, the usual case when
    # someone else's tool holds the lock), even rounds with committed frames in the WAL (another process open).
    for r in range(rounds):
        before = state_summary(env.store)
        results = {}
        primed = r % 2 == 1
        wal = "WAL-with-frames" if primed else "no-WAL"

        def attempt(name, args):
            results[name] = env.run(args, user="BUSY")

        with HeldLock(env.store, prime_wal=primed):
            t_lock = time.perf_counter()
            threads = [threading.Thread(target=attempt, args=(n, a)) for n, a in writes + reads]
            for t in threads:
                t.start()
            time.sleep(max(0.0, hold - (time.perf_counter() - t_lock)))
            returned = sum(not t.is_alive() for t in threads)
        for t in threads:
            t.join()
        tally.check(returned == len(threads), f"busy round {r + 1} ({wal}): every command returned while the lock was still held",
                    f"{len(threads) - returned} still waiting after {hold:.0f} s")
        for name, _ in writes:
            p, t = results[name]
            err = p.stderr.decode(errors="replace")
            fig["writes"] += 1
            fig["times"].append(t)
            ok = p.returncode == 1 and BUSY in err and classify(p) == "busy" and 4.5 <= t <= hold
            fig["refused"] += ok
            tally.check(ok, f"busy round {r + 1} ({wal}): {name} under a lock held {hold:.0f} s exits 1 with the busy message after ~5 s",
                        f"status {p.returncode} after {t:.1f} s: {err[:400]!r}")
        for name, _ in reads:
            p, t = results[name]
            kind = classify(p)
            fig["reads"].setdefault(f"{name}/{wal}", []).append(f"{kind} {t:.1f}s")
            tally.check(kind in ("ok", "busy"), f"busy round {r + 1} ({wal}): read-only {name} during the lock answers or says busy",
                        f"status {p.returncode} after {t:.1f} s: {p.stderr.decode(errors='replace')[:400]!r}")
        for f in os.listdir(work):
            if f.startswith("busy-backup.sqlite"):
                os.remove(os.path.join(work, f))
        tally.check(state_summary(env.store) == before, f"busy round {r + 1} ({wal}): the store is unchanged by the refused writes",
                    f"{before} -> {state_summary(env.store)}")

    # a lock held for less than the busy timeout: the write waits and succeeds
    results = {}
    name, args = writes[1]
    with HeldLock(env.store):
        th = threading.Thread(target=lambda: results.setdefault("w", env.run(args, user="BUSY")))
        th.start()
        time.sleep(2.0)
    th.join()
    p, t = results["w"]
    fig["short"] = round(t, 2)
    tally.check(p.returncode == 0 and t >= 1.8, "a lock held 2 s: settings waits for it and succeeds",
                f"status {p.returncode} after {t:.1f} s: {p.stderr.decode(errors='replace')[:300]!r}")
    print(f"[busy] {rounds} round(s) of a {hold:.0f} s lock: {fig['refused']} of {fig['writes']} writes refused with the busy "
          f"message after {min(fig['times']):.1f}..{max(fig['times']):.1f} s; read-only commands during the lock: "
          + ", ".join(f"{k} {v}" for k, v in fig["reads"].items())
          + f"; a 2 s lock: the write waited and succeeded in {t:.1f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a short CI-sized run (5 x 40 edits, two busy rounds)")
    ap.add_argument("--ops", type=int, help="commands per writer (default 1000; 40 with --quick)")
    ap.add_argument("--busy-rounds", type=int, help="rounds of the held-lock test (default 4; 2 with --quick)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    tally = Tally(args.verbose)
    if not tools_present(args.binary):
        return 1
    ops = args.ops or (40 if args.quick else 1000)
    rounds = args.busy_rounds or (2 if args.quick else 4)
    work = tempfile.mkdtemp(prefix="ikamet-writers-")
    figures = {}
    try:
        args.binary = snapshot_binary(args.binary, work)
        store = os.path.join(work, "office.sqlite")
        env = Env(args.binary, store)
        p, _ = env.run(["import", os.path.join(ROOT, "data", "demo.json")])
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode(errors="replace"))
        p, _ = env.run(["checklist", CLIENT, APP, "--add", "wr-pair-a", "--add", "wr-pair-b"])
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode(errors="replace"))
        hammer(env, ops, args.seed, tally, work, figures)
        busy_tests(env, rounds, tally, work, figures)
    except Exception as e:
        tally.check(False, "setup", repr(e))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
