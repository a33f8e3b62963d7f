#!/usr/bin/env python3
"""Crash consistency of the CLI's writes (issue 6, item 1, CLI parts).

`kill -9` at a random moment of (half of the trials: a uniform random delay
between 0 and 1.1 times the command's measured clean run time; the other
half: between 0.75 and 1.1 times, where the commit and the checkpoint are;
a kill that comes after the command has exited is not counted):

  import-1000   `ikamet import` of a 1,000-client synthetic file
                (`ikamet demo --generate 1000 --seed S`) into a store that
                already holds the 53 demo clients;
  import-update `ikamet import` of a small file that updates 20 existing
                clients (a multi-row save);
  checklist     `ikamet checklist 2026-0101 A1 --set ...x4 --add ...x2
                --set ...` (one multi-item checklist save);
  restore       `ikamet restore BACKUP --yes` of a 53-client backup over a
                1,053-client store (restore replaces every row and carries
                over the later audit rows: a multi-row save too).

Every trial starts from a fresh copy of the scenario's store. After each kill:
`sqlite3 STORE 'PRAGMA integrity_check'` must print `ok`,
`sqlite3 STORE 'PRAGMA foreign_key_check'` must print nothing, and the whole
store (clients with versions and documents, the audit trail without its
timestamps, settings, agenda rows, tables) must equal exactly the state before
the command or the state after a clean run of it: a change is entirely there
or entirely absent, and its audit rows are there iff the change is. Then
`ikamet export` (JSON) of the killed store must equal the export of that same
state (for the import of 1,000: 53 or 1,053 clients, never anything between;
for the checklist: none or all of the items changed). Every 5th trial the
command is run again to completion on the killed store, which must then be in
the after state (the store stays usable).

Mid-write (issue 9): right after each kill, before anything opens the store
again (opening recovers it), the -wal and -journal files are read directly.
A kill landed mid-write if the WAL holds frames after its last commit frame
(frames of the current generation, by the header's salts; the commit frame's
checksum verified), or if a hot rollback journal is there. After the random
kills come kills aimed at the commit's WAL writes (--aimed per scenario): the
process is killed once its -wal file has grown to a random 25-75% of its peak
size in a clean run. The checklist and import-update commits write a few
dozen frames in well under a millisecond, so for those two the aimed trials
run the command under strace with every pwrite64 delayed --slow-write-ms (a
slow disk; the program is the same binary). The same checks follow every
kill. The results table shows per command how many kills landed mid-write
(random + aimed); a command with fewer than --min-mid-write such kills fails
the run ('never partial' was not tested while the change was being written).

Usage: scripts/reliability/crash.py [--quick] [--kills N] [--aimed N] [--min-mid-write N]
                                    [--slow-write-ms MS] [--only NAMES] [--seed S] [--binary PATH] [-v]
Prints `N passed, M failed` last; exit status 1 on any failure. Needs sqlite3, and strace for the aimed trials.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TODAY = "2026-11-23"
CHECKLIST_CLIENT, CHECKLIST_APP = "2026-0101", "A1"
CHECKLIST_ARGS = ["--set", "application-form=received", "--set", "health-insurance=received",
                  "--set", "sufficient-means=received", "--set", "photos=submitted",
                  "--add", "crash-extra-1", "--add", "crash-extra-2", "--set", "crash-extra-1=received"]
# item -> state after a complete run (the all-or-nothing check on the export)
CHECKLIST_AFTER = {"application-form": "received", "health-insurance": "received", "sufficient-means": "received",
                   "photos": "submitted", "crash-extra-1": "received", "crash-extra-2": "missing"}
UPDATED_CLIENTS = 20


from common import Tally, default_binary, snapshot_binary, sqlite_cli, wal_tail  # noqa: E402


def store_state(path):
    """Everything a change can touch, read in one transaction: the comparable state of a store."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN")
        clients = con.execute("SELECT id, version, doc FROM client ORDER BY id").fetchall()
        audit = con.execute("SELECT seq, batch, user, clientId, entity, field, old, new FROM audit ORDER BY seq").fetchall()
        settings = con.execute("SELECT key, value, version FROM setting ORDER BY key").fetchall()
        agenda = con.execute("SELECT clientId, kind, date, application, reasonFacts, explanationFacts, alwaysOverdue FROM agenda "
                             "ORDER BY 1, 2, 3, 4, 5, 6, 7").fetchall()
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        con.execute("COMMIT")
    finally:
        con.close()

    def h(rows):
        return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    return {
        "clients": len(clients), "clientsHash": h(clients),
        "audit": len(audit), "auditHash": h(audit), "batches": len({a[1] for a in audit}),
        "settingsHash": h(settings), "agenda": len(agenda), "agendaHash": h(agenda), "tables": tuple(tables),
    }


def describe(state, before, after):
    parts = []
    for key in ("clients", "audit", "batches", "agenda"):
        parts.append(f"{key} {state[key]} (before {before[key]}, after {after[key]})")
    for key in ("clientsHash", "auditHash", "settingsHash", "agendaHash", "tables"):
        side = ("both" if state[key] == before[key] == after[key] else "before" if state[key] == before[key]
                else "after" if state[key] == after[key] else "neither")
        parts.append(f"{key}={side}")
    return "; ".join(parts)


def rm_store(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


class Env:
    def __init__(self, binary, work):
        self.binary, self.work = binary, work
        self.env = dict(os.environ, IKAMET_DATA=os.environ.get("IKAMET_DATA", os.path.join(ROOT, "data")),
                        IKAMET_TODAY=TODAY, IKAMET_USER="CRASH")
        self.env.pop("IKAMET_STORE", None)

    def run(self, args, store=None, check=True):
        cmd = [self.binary] + args + (["--store", store] if store else [])
        p = subprocess.run(cmd, env=self.env, capture_output=True)
        if check and p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.decode(errors='replace')}")
        return p

    def export(self, store, client=None):
        return self.run(["export"] + (["--client", client] if client else []), store).stdout


class Scenario:
    """A command, the store it runs on, and the before/after states of a clean run."""

    def __init__(self, name, env, template, args, export_client=None, rerun=True, slow_ms=0):
        self.name, self.env, self.template, self.args = name, env, template, args
        self.slow_ms = slow_ms  # aimed trials: pwrite64 delayed this long (a commit of a few dozen frames)
        self.export_client, self.rerun = export_client, rerun
        self.trial_store = os.path.join(env.work, f"{name}.sqlite")

    def fresh(self):
        rm_store(self.trial_store)
        shutil.copyfile(self.template, self.trial_store)
        os.chmod(self.trial_store, 0o600)

    def prepare(self):
        self.fresh()
        self.before = store_state(self.trial_store)
        self.before_export = self.env.export(self.trial_store, self.export_client)
        self.measure(1)  # warm-up
        self.measure(7)
        self.after = store_state(self.trial_store)
        self.after_export = self.env.export(self.trial_store, self.export_client)
        if self.before == self.after:
            raise RuntimeError(f"{self.name}: the command changes nothing; the scenario is wrong")

    def measure(self, runs):
        """The median wall time of clean runs (the machine's load changes it: measured again when kills miss)."""
        durations = []
        for i in range(runs):
            self.fresh()
            t0 = time.perf_counter()
            self.env.run(self.args, self.trial_store)
            durations.append(time.perf_counter() - t0)
        self.duration = statistics.median(durations)

    def start(self):
        return subprocess.Popen([self.env.binary] + self.args + ["--store", self.trial_store], env=self.env.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def import_count_check(state, before, label, tally):
    return tally.check(state["clients"] in (before["clients"], before["clients"] + 1000), f"{label} client count",
                       f"{state['clients']} clients: neither {before['clients']} nor {before['clients'] + 1000}")


def checklist_items(export_bytes):
    doc = json.loads(export_bytes)
    app = next(a for a in doc["clients"][0]["applications"] if a["id"] == CHECKLIST_APP)
    states = {e["item"]: e["state"] for e in app["checklist"]}
    return sum(1 for item, state in CHECKLIST_AFTER.items() if states.get(item) == state)


def wal_size(store):
    try:
        return os.path.getsize(store + "-wal")
    except FileNotFoundError:
        return 0


def start_process(sc, slow_ms):
    """Starts the scenario's command; with slow_ms, under strace with every pwrite64 delayed that long (a slow
    disk: the commit's WAL frames are written over a measurable time). Returns (process to wait for, pid to kill)."""
    if not slow_ms:
        p = sc.start()
        return p, p.pid
    cmd = ["strace", "-f", "-qq", "--seccomp-bpf", "-o", "/dev/null", "-e", "trace=pwrite64",
           "-e", f"inject=pwrite64:delay_exit={int(slow_ms * 1000)}",
           sc.env.binary] + sc.args + ["--store", sc.trial_store]
    p = subprocess.Popen(cmd, env=sc.env.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    end = time.monotonic() + 5
    while time.monotonic() < end:  # the traced ikamet process: strace's child once it has run exec
        try:
            with open(f"/proc/{p.pid}/task/{p.pid}/children") as f:
                kids = f.read().split()
        except FileNotFoundError:
            break
        for kid in kids:  # strace also forks short-lived helpers first
            try:
                with open(f"/proc/{kid}/cmdline", "rb") as f:
                    if f.read().split(b"\0")[0] == sc.env.binary.encode():
                        return p, int(kid)
            except (FileNotFoundError, ProcessLookupError):
                pass
        time.sleep(0.0005)
    return p, None


def measure_wal_peak(sc, slow_ms):
    """One clean run (slowed as in the aimed trials), watching the -wal file: its largest size."""
    sc.fresh()
    p, _ = start_process(sc, slow_ms)
    peak = 0
    while p.poll() is None:
        peak = max(peak, wal_size(sc.trial_store))
        time.sleep(0.0005)
    _, err = p.communicate()
    if p.returncode != 0:
        raise RuntimeError(f"{sc.name}: the aimed run failed ({p.returncode}): {err.decode(errors='replace')[:300]}")
    return peak


def run_scenario(sc, kills_wanted, aimed_wanted, min_mid, rng, tally, figures):
    """Random kills (kills_wanted), then kills aimed at the commit's WAL writes (aimed_wanted): the command's
    -wal file is watched and the process killed once it has grown to a random 25-75% of its peak size in a
    clean run (for the commands whose commit writes a few dozen frames in well under a millisecond, under
    strace with each pwrite64 delayed sc.slow_ms, so that the frames are written over a measurable time).
    After every kill the -wal and -journal files are inspected before anything reopens the store: the kill
    landed mid-write if the WAL holds frames after its last commit frame, or a hot journal is there."""
    sc.prepare()
    span = sc.duration * 1.1
    print(f"[{sc.name}] clean run {sc.duration * 1000:.0f} ms; kill -9 after a random delay in 0..{span * 1000:.0f} ms "
          f"(every other trial in {0.75 * sc.duration * 1000:.0f}..{span * 1000:.0f} ms); "
          f"target {kills_wanted} kills, then {aimed_wanted} aimed at the commit's WAL writes", flush=True)
    c = dict(kills=0, finished=0, trials=0, before=0, after=0, reruns=0, remeasured=0, mid_random=0, mid_aimed=0,
             journal=0, mid_before=0, mid_after=0, max_tail=0, committed_only=0, aimed_kills=0, aimed_trials=0)
    recent = []
    partial_items = {}
    delays = []

    def judge(p, err, label, aimed):
        """Everything checked after one trial; returns whether the process was killed before it finished."""
        if p.returncode != -signal.SIGKILL:
            c["finished"] += 1
            if p.returncode != 0:
                tally.check(False, label, f"finished before the kill with status {p.returncode}: "
                            f"{err.decode(errors='replace')}")
            return False
        c["kills"] += 1
        c["aimed_kills"] += aimed
        # What the kill left on disk, read before anything opens the store again (opening recovers it).
        tail = wal_tail(sc.trial_store)
        mid_write = tail["uncommitted"] > 0 or tail["journal"]
        c["mid_aimed" if aimed else "mid_random"] += mid_write
        c["journal"] += tail["journal"]
        c["max_tail"] = max(c["max_tail"], tail["uncommitted"])
        c["committed_only"] += not mid_write and tail["committed"] > 0
        rc, out, errtext = sqlite_cli(sc.trial_store, "PRAGMA integrity_check")
        tally.check(rc == 0 and out == "ok", f"{label} integrity_check", f"status {rc}: {out} {errtext}")
        rc, out, errtext = sqlite_cli(sc.trial_store, "PRAGMA foreign_key_check")
        tally.check(rc == 0 and out == "", f"{label} foreign_key_check", f"status {rc}: {out} {errtext}")
        state = store_state(sc.trial_store)
        side = "before" if state == sc.before else "after" if state == sc.after else None
        if side:
            c[side] += 1
            if mid_write:
                c["mid_" + side] += 1
        where = (f" [killed mid-write: {tail['uncommitted']} uncommitted WAL frames"
                 + (", hot journal" if tail["journal"] else "") + "]") if mid_write else ""
        tally.check(side is not None, f"{label} all or nothing (clients, versions, audit, settings, agenda){where}",
                    describe(state, sc.before, sc.after))
        if sc.name == "import-1000":
            import_count_check(state, sc.before, label, tally)
            added_clients, added_audit = state["clients"] - sc.before["clients"], state["audit"] - sc.before["audit"]
            tally.check((added_clients, added_audit) in ((0, 0), (1000, 1000)), f"{label} audit rows iff clients",
                        f"{added_clients} clients and {added_audit} audit rows added")
        if sc.name == "restore":
            tally.check(state["audit"] >= sc.before["audit"], f"{label} the audit trail is never shortened",
                        f"{state['audit']} audit rows left of {sc.before['audit']} (clients: {state['clients']})")
        exported = sc.env.run(["export"] + (["--client", sc.export_client] if sc.export_client else []), sc.trial_store,
                              check=False)
        ok = exported.returncode == 0 and exported.stdout == (sc.after_export if side == "after" else sc.before_export)
        tally.check(ok, f"{label} ikamet export equals the {side or 'before (the state is neither)'} state's export",
                    f"status {exported.returncode} {exported.stderr.decode(errors='replace')[:300]}")
        if sc.name == "checklist" and exported.returncode == 0:
            n = checklist_items(exported.stdout)
            partial_items[n] = partial_items.get(n, 0) + 1
            tally.check(n in (checklist_items(sc.before_export), len(CHECKLIST_AFTER)), f"{label} checklist items",
                        f"{n} of {len(CHECKLIST_AFTER)} items set")
        if sc.rerun and c["kills"] % 5 == 0:
            c["reruns"] += 1
            again = sc.env.run(sc.args, sc.trial_store, check=False)
            final = store_state(sc.trial_store)
            tally.check(final == sc.after and (again.returncode == 0 or side == "after"),
                        f"{label} re-run after the kill completes",
                        f"status {again.returncode} {again.stderr.decode(errors='replace')[:200]}; "
                        + describe(final, sc.before, sc.after))
        return True

    # Random kills.
    random_kills = 0
    while random_kills < kills_wanted and c["trials"] < kills_wanted * 6:
        c["trials"] += 1
        if len(recent) >= 20 and sum(recent[-20:]) > 12:  # most recent kills came too late: the machine got faster
            sc.measure(5)
            span = sc.duration * 1.1
            c["remeasured"] += 1
            recent = []
        sc.fresh()
        delay = rng.uniform(0, span) if c["trials"] % 2 else rng.uniform(0.75 * span / 1.1, span)
        p = sc.start()
        time.sleep(delay)
        try:
            os.kill(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, err = p.communicate()
        killed = judge(p, err, f"{sc.name} trial {c['trials']} (delay {delay * 1000:.1f} ms)", False)
        recent.append(not killed)
        if killed:
            random_kills += 1
            delays.append(delay)
    tally.check(random_kills >= kills_wanted, f"{sc.name}: {kills_wanted} kills landed",
                f"only {random_kills} of {c['trials']} trials were killed before the command finished")
    random_trials = c["trials"]

    # Kills aimed at the commit's WAL writes.
    peak = 0
    if aimed_wanted:
        peak = measure_wal_peak(sc, sc.slow_ms)
    while c["aimed_kills"] < aimed_wanted and c["aimed_trials"] < aimed_wanted * 3:
        c["aimed_trials"] += 1
        c["trials"] += 1
        sc.fresh()
        target = int(rng.uniform(0.25, 0.75) * peak)
        p, pid = start_process(sc, sc.slow_ms)
        if pid is None:
            p.kill()  # strace, before it started the command
            p.communicate()
            tally.check(False, f"{sc.name} aimed trial {c['aimed_trials']}", "strace did not start the command")
            continue
        end = time.monotonic() + 30
        while p.poll() is None and wal_size(sc.trial_store) < target and time.monotonic() < end:
            time.sleep(0.0003)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, err = p.communicate()
        judge(p, err, f"{sc.name} aimed trial {c['aimed_trials']} (-wal at {target} of {peak} bytes)", True)

    mid = c["mid_random"] + c["mid_aimed"]
    print(f"[{sc.name}] {random_trials} random trials: {random_kills} killed (delays {min(delays, default=0) * 1000:.1f}.."
          f"{max(delays, default=0) * 1000:.1f} ms); {c['aimed_trials']} aimed trials"
          + (f" (pwrite64 slowed to {sc.slow_ms} ms under strace)" if sc.slow_ms and aimed_wanted else "")
          + f": {c['aimed_kills']} killed; {c['finished']} finished before the kill; after each kill the store was "
          f"'before' {c['before']}x, 'after' {c['after']}x, neither {c['kills'] - c['before'] - c['after']}x; "
          f"{c['reruns']} re-runs; run time measured again {c['remeasured']}x (last {sc.duration * 1000:.0f} ms)"
          + (f"; checklist items found set: {dict(sorted(partial_items.items()))}" if partial_items else ""))
    print(f"[{sc.name}] killed mid-write {mid}x ({c['mid_random']} of {random_kills} random kills, {c['mid_aimed']} of "
          f"{c['aimed_kills']} aimed): uncommitted WAL frames after the last commit frame (up to {c['max_tail']}) or a "
          f"hot journal ({c['journal']}x); the store was then 'before' {c['mid_before']}x, 'after' {c['mid_after']}x. "
          f"Other kills: the WAL held only committed frames {c['committed_only']}x, nothing "
          f"{c['kills'] - mid - c['committed_only']}x", flush=True)
    tally.check(mid >= min_mid, f"{sc.name}: at least {min_mid} kills mid-write",
                f"only {mid} of {c['kills']} kills left uncommitted WAL frames or a hot journal: 'never partial' was "
                f"not tested while the change was being written")
    figures.append((sc.name, c["trials"], c["kills"], c["finished"], c["before"], c["after"],
                    c["kills"] - c["before"] - c["after"], f"{mid} ({c['mid_random']} + {c['mid_aimed']})",
                    c["journal"], c["max_tail"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a short CI-sized run (10+8+8+8 random and 3 aimed kills)")
    ap.add_argument("--kills", type=int, help="kills per scenario (default: 200 for import-1000, 150 for the others)")
    ap.add_argument("--seed", type=int, default=6, help="seed of the synthetic caseload and of the random delays")
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("--only", help="comma-separated scenario names")
    ap.add_argument("--aimed", type=int, help="kills aimed at the commit's WAL writes, per scenario (default 25; 3 "
                                              "with --quick; 0: random kills only, as before issue 9)")
    ap.add_argument("--min-mid-write", type=int, help="kills per scenario that must leave uncommitted WAL frames or "
                                                      "a hot journal (default 10; 1 with --quick)")
    ap.add_argument("--slow-write-ms", type=float, default=3.0,
                    help="aimed trials of import-update and checklist: pwrite64 delayed this long under strace")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    tally = Tally(args.verbose)
    if not os.path.exists(args.binary):
        print(f"no ikamet binary at {args.binary} (build it, or set IKAMET_BIN / --binary)")
        print("0 passed, 1 failed")
        return 1
    if shutil.which("sqlite3") is None:
        print("the sqlite3 shell is needed (apt-get install sqlite3)")
        print("0 passed, 1 failed")
        return 1
    if args.kills:
        wanted = {"import-1000": args.kills, "import-update": args.kills, "checklist": args.kills, "restore": args.kills}
    elif args.quick:
        wanted = {"import-1000": 10, "import-update": 8, "checklist": 8, "restore": 8}
    else:
        wanted = {"import-1000": 200, "import-update": 150, "checklist": 150, "restore": 150}
    aimed = args.aimed if args.aimed is not None else (3 if args.quick else 25)
    min_mid = args.min_mid_write if args.min_mid_write is not None else (1 if args.quick else 10)
    if aimed and shutil.which("strace") is None:
        print("the aimed trials of import-update and checklist need strace (apt-get install strace), or pass --aimed 0")
        print("0 passed, 1 failed")
        return 1
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="ikamet-crash-")
    figures = []
    try:
        args.binary = snapshot_binary(args.binary, work)
        env = Env(args.binary, work)
        base = os.path.join(work, "base.sqlite")
        env.run(["import", os.path.join(ROOT, "data", "demo.json")], base)
        generated = os.path.join(work, "generated.json")
        env.run(["demo", "--generate", "1000", "--seed", str(args.seed), "--output", generated])
        # a small file updating UPDATED_CLIENTS existing clients
        caseload = json.loads(env.export(base))
        updated = caseload["clients"][:UPDATED_CLIENTS]
        for c in updated:
            c["notes"] = (c.get("notes") or "") + " [crash test update]"
            c["address"] = (c.get("address") or "") + " (new address)"
        update_file = os.path.join(work, "update.json")
        with open(update_file, "w") as f:
            json.dump({"format": "ikamet/1", "clients": updated}, f, ensure_ascii=False)
        # restore: a backup of the 53-client store restored over a 1,053-client store
        backup = os.path.join(work, "backup.sqlite")
        env.run(["backup", backup], base)
        big = os.path.join(work, "big.sqlite")
        shutil.copyfile(base, big)
        os.chmod(big, 0o600)
        env.run(["import", generated], big)
        scenarios = [
            Scenario("import-1000", env, base, ["import", generated]),
            Scenario("import-update", env, base, ["import", update_file], slow_ms=args.slow_write_ms),
            Scenario("checklist", env, base, ["checklist", CHECKLIST_CLIENT, CHECKLIST_APP] + CHECKLIST_ARGS,
                     export_client=CHECKLIST_CLIENT, slow_ms=args.slow_write_ms),
            Scenario("restore", env, big, ["restore", backup, "--yes"], rerun=False),
        ]
        only = set(args.only.split(",")) if args.only else None
        for sc in scenarios:
            if only and sc.name not in only:
                continue
            run_scenario(sc, wanted[sc.name], aimed, min_mid, rng, tally, figures)
    except Exception as e:  # setup problems count as a failure, not a traceback
        tally.check(False, "setup", str(e))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print("| scenario | trials | killed | finished first | before | after | neither "
          "| killed mid-write (random + aimed) | hot journal | most uncommitted WAL frames |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for f in figures:
        print("| " + " | ".join(str(x) for x in f) + " |")
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
