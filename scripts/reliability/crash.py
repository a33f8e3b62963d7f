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

Usage: scripts/reliability/crash.py [--quick] [--kills N] [--seed S] [--binary PATH] [-v]
Prints `N passed, M failed` last; exit status 1 on any failure.
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


from common import Tally, default_binary, snapshot_binary, sqlite_cli  # noqa: E402


def store_state(path):
    """Everything a change can touch, read in one transaction: the comparable state of a store."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN")
        clients = con.execute("SELECT id, version, doc FROM client ORDER BY id").fetchall()
        audit = con.execute("SELECT seq, batch, user, clientId, entity, field, old, new FROM audit ORDER BY seq").fetchall()
        settings = con.execute("SELECT key, value, version FROM setting ORDER BY key").fetchall()
        agenda = con.execute("SELECT clientId, kind, date, application, reason, explanation, alwaysOverdue FROM agenda "
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

    def __init__(self, name, env, template, args, export_client=None, rerun=True):
        self.name, self.env, self.template, self.args = name, env, template, args
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


def run_scenario(sc, kills_wanted, rng, tally, figures):
    sc.prepare()
    span = sc.duration * 1.1
    print(f"[{sc.name}] clean run {sc.duration * 1000:.0f} ms; kill -9 after a random delay in 0..{span * 1000:.0f} ms "
          f"(every other trial in {0.75 * sc.duration * 1000:.0f}..{span * 1000:.0f} ms); "
          f"target {kills_wanted} kills")
    kills = finished = trials = landed_before = landed_after = reruns = remeasured = 0
    recent = []
    partial_items = {}
    delays = []
    while kills < kills_wanted and trials < kills_wanted * 6:
        trials += 1
        if len(recent) >= 20 and sum(recent[-20:]) > 12:  # most recent kills came too late: the machine got faster
            sc.measure(5)
            span = sc.duration * 1.1
            remeasured += 1
            recent = []
        sc.fresh()
        delay = rng.uniform(0, span) if trials % 2 else rng.uniform(0.75 * span / 1.1, span)
        p = sc.start()
        time.sleep(delay)
        try:
            os.kill(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, err = p.communicate()
        label = f"{sc.name} trial {trials} (delay {delay * 1000:.1f} ms)"
        recent.append(p.returncode != -signal.SIGKILL)
        if p.returncode != -signal.SIGKILL:
            finished += 1
            if p.returncode != 0:
                tally.check(False, label, f"finished before the kill with status {p.returncode}: {err.decode(errors='replace')}")
            continue
        kills += 1
        delays.append(delay)
        rc, out, errtext = sqlite_cli(sc.trial_store, "PRAGMA integrity_check")
        tally.check(rc == 0 and out == "ok", f"{label} integrity_check", f"status {rc}: {out} {errtext}")
        rc, out, errtext = sqlite_cli(sc.trial_store, "PRAGMA foreign_key_check")
        tally.check(rc == 0 and out == "", f"{label} foreign_key_check", f"status {rc}: {out} {errtext}")
        state = store_state(sc.trial_store)
        side = "before" if state == sc.before else "after" if state == sc.after else None
        if side == "before":
            landed_before += 1
        elif side == "after":
            landed_after += 1
        tally.check(side is not None, f"{label} all or nothing (clients, versions, audit, settings, agenda)",
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
        if sc.rerun and kills % 5 == 0:
            reruns += 1
            again = sc.env.run(sc.args, sc.trial_store, check=False)
            final = store_state(sc.trial_store)
            tally.check(final == sc.after and (again.returncode == 0 or side == "after"),
                        f"{label} re-run after the kill completes",
                        f"status {again.returncode} {again.stderr.decode(errors='replace')[:200]}; "
                        + describe(final, sc.before, sc.after))
    tally.check(kills >= kills_wanted, f"{sc.name}: {kills_wanted} kills landed",
                f"only {kills} of {trials} trials were killed before the command finished")
    print(f"[{sc.name}] {trials} trials: {kills} killed (delays {min(delays, default=0) * 1000:.1f}.."
          f"{max(delays, default=0) * 1000:.1f} ms), {finished} finished before the kill; after each kill the store was "
          f"'before' {landed_before}x, 'after' {landed_after}x, neither {kills - landed_before - landed_after}x; "
          f"{reruns} re-runs; run time measured again {remeasured}x (last {sc.duration * 1000:.0f} ms)" + (f"; checklist items found set: {dict(sorted(partial_items.items()))}" if partial_items else ""))
    figures.append((sc.name, trials, kills, finished, landed_before, landed_after, kills - landed_before - landed_after))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a short CI-sized run (10+8+8+8 kills)")
    ap.add_argument("--kills", type=int, help="kills per scenario (default: 200 for import-1000, 150 for the others)")
    ap.add_argument("--seed", type=int, default=6, help="seed of the synthetic caseload and of the random delays")
    ap.add_argument("--binary", default=default_binary())
    ap.add_argument("--only", help="comma-separated scenario names")
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
            Scenario("import-update", env, base, ["import", update_file]),
            Scenario("checklist", env, base, ["checklist", CHECKLIST_CLIENT, CHECKLIST_APP] + CHECKLIST_ARGS,
                     export_client=CHECKLIST_CLIENT),
            Scenario("restore", env, big, ["restore", backup, "--yes"], rerun=False),
        ]
        only = set(args.only.split(",")) if args.only else None
        for sc in scenarios:
            if only and sc.name not in only:
                continue
            run_scenario(sc, wanted[sc.name], rng, tally, figures)
    except Exception as e:  # setup problems count as a failure, not a traceback
        tally.check(False, "setup", str(e))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print("| scenario | trials | killed | finished first | before | after | neither |")
    print("|---|---|---|---|---|---|---|")
    for f in figures:
        print("| " + " | ".join(str(x) for x in f) + " |")
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
