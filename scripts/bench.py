#!/usr/bin/env python3
"""Office-scale benchmark of ikamet (issue 5), release builds only.

For each caseload size: synthetic caseload, import time and store size,
`ikamet deadlines --within 30 --format json` side by side with the sqlite3
shell answering the same query on the same store (the floor) and with
taskwarrior given the same deadlines as tasks, the TUI through the headless
terminal (start to first agenda frame, keystroke to frame), the eligibility
engine, and peak memory. Writes a Markdown table to bench-out/results.md.

Usage: scripts/bench [--sizes 10000,100000] [--runs 15] [--no-taskwarrior]
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("IKAMET_BUILD_DIR", ".build/release"))
BIN = os.path.join(BUILD, "ikamet")
BENCH = os.path.join(BUILD, "ikamet-bench")
DATA = os.path.join(ROOT, "data")
TODAY = "2026-11-23"
HORIZON_END = "2026-12-23"  # TODAY + 30 days
ENV = dict(os.environ, IKAMET_DATA=DATA, IKAMET_TODAY=TODAY, IKAMET_USER="BENCH")
ENV.pop("IKAMET_STORE", None)

DEADLINE_KINDS = ["extension-window-opens", "extension-deadline", "mail-documents", "late-application-deadline",
                  "out-of-status", "passport-validity", "appointment", "entry-exit-record-follow-up",
                  "card-follow-up", "power-of-attorney-expiry"]


def run(cmd, env=ENV, stdout=subprocess.DEVNULL, check=True, **kw):
    """Runs a command; returns (seconds, peak RSS in MB of that process, completed process)."""
    wrapped = ["/usr/bin/time", "-f", "%M", "-o", TIME_FILE] + cmd
    t0 = time.perf_counter()
    p = subprocess.run(wrapped, env=env, stdout=stdout, stderr=subprocess.PIPE, **kw)
    seconds = time.perf_counter() - t0
    if check and p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')}")
    with open(TIME_FILE) as f:
        lines = [l for l in f.read().split() if l.strip().isdigit()]
    rss = int(lines[-1]) / 1024 if lines else 0.0
    return seconds, rss, p


def timed(cmd, runs, env=ENV):
    """Median and all times (ms) of repeated whole-process runs, and the peak RSS seen."""
    times, peak = [], 0.0
    for _ in range(runs):
        s, rss, _ = run(cmd, env=env)
        times.append(s * 1000)
        peak = max(peak, rss)
    return statistics.median(times), times, peak


def sqlite_floor_query():
    kinds = ",".join(f"'{k}'" for k in DEADLINE_KINDS)
    return (f"SELECT a.clientId AS client, c.name, a.kind, a.date, a.application, a.explanation "
            f"FROM agenda a JOIN client c ON c.id = a.clientId "
            f"WHERE a.date <= '{HORIZON_END}' AND a.kind IN ({kinds}) "
            f"ORDER BY a.date, a.clientId, a.kind, a.application;")


def taskwarrior(work, n, items, runs):
    """Loads the deadlines into a fresh taskwarrior database; times a due-date-filtered report. Returns (import s, median ms, rows)."""
    taskdata = os.path.join(work, f"taskdata-{n}")
    shutil.rmtree(taskdata, ignore_errors=True)
    os.makedirs(taskdata, exist_ok=True)
    rc = os.path.join(work, f"taskrc-{n}")
    with open(rc, "w") as f:
        f.write(f"data.location={taskdata}\nconfirmation=off\nhooks=off\ngc=off\nverbose=nothing\n")
    tasks = []
    for i in items:
        d = i["date"].replace("-", "")
        # The same deadline as a task: what, who, and the explanation, due on the date.
        tasks.append({"description": f"{i['kind']} {i['client']} {i['name']}: {i['explanation']}", "due": f"{d}T000000Z",
                      "project": "ikamet", "status": "pending", "entry": "20261101T000000Z"})
    path = os.path.join(work, "tasks.json")
    with open(path, "w") as f:
        json.dump(tasks, f)
    env = dict(ENV, TASKRC=rc, TASKDATA=taskdata)
    t0 = time.perf_counter()
    with open(path) as f:
        subprocess.run(["task", "rc.hooks=off", "import"], stdin=f, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
    imported = time.perf_counter() - t0
    cmd = ["task", "rc.gc=off", "rc.hooks=off", f"due.before:{HORIZON_END}T23:59:59", "export"]
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    rows = len(json.loads(p.stdout or b"[]"))
    median, _, _ = timed(cmd, runs, env=env)
    return imported, median, rows


def bench_size(n, args, work, report):
    print(f"\n== {n} clients ==", flush=True)
    caseload = os.path.join(work, f"caseload-{n}.json")
    store = os.path.join(work, f"store-{n}.sqlite")
    run([BIN, "demo", "--generate", str(n), "--seed", "1", "--output", caseload])
    s, rss, _ = run([BIN, "import", caseload, "--store", store])
    size = sum(os.path.getsize(store + x) for x in ["", "-wal", "-shm"] if os.path.exists(store + x))
    print(f"import: {s:.2f} s, store {size / 1e6:.1f} MB, peak RSS {rss:.0f} MB", flush=True)
    report.append(("import of the caseload", n, f"{s:.2f} s", f"`ikamet import caseload.json` (peak RSS {rss:.0f} MB)"))
    report.append(("store size", n, f"{size / 1e6:.1f} MB", "file + WAL after import"))

    deadlines = [BIN, "deadlines", "--store", store, "--within", "30", "--format", "json"]
    # First run of the day refreshes the agenda snapshots; then measure steady state.
    s0, _, p = run(deadlines, stdout=subprocess.PIPE)
    items = json.loads(p.stdout)["items"]
    ours, _, ours_rss = timed(deadlines, args.runs)
    floor_cmd = ["sqlite3", "-readonly", "-json", store, sqlite_floor_query()]
    _, _, fp = run(floor_cmd, stdout=subprocess.PIPE)
    floor_rows = len(json.loads(fp.stdout or b"[]"))
    floor, _, _ = timed(floor_cmd, args.runs)
    print(f"deadlines --within 30: {ours:.1f} ms median ({len(items)} items; first run of the day {s0 * 1000:.0f} ms); "
          f"sqlite3 floor {floor:.1f} ms ({floor_rows} rows): ratio {ours / floor:.2f}; peak RSS {ours_rss:.0f} MB", flush=True)
    report.append(("`deadlines --within 30`, whole process, median", n, f"{ours:.1f} ms", f"{len(items)} items; {args.runs} runs"))
    report.append(("sqlite3 shell, same query and store (floor)", n, f"{floor:.1f} ms", f"ratio ours/floor {ours / floor:.2f}"))
    report.append(("peak memory of `deadlines`", n, f"{ours_rss:.0f} MB", "max RSS"))
    if not args.no_taskwarrior:
        all_items = json.loads(run([BIN, "deadlines", "--store", store, "--within", "100000", "--format", "json"],
                                   stdout=subprocess.PIPE)[2].stdout)["items"]
        imported, tw, rows = taskwarrior(work, n, all_items, max(3, args.runs // 3))
        print(f"taskwarrior: {len(all_items)} tasks imported in {imported:.1f} s; due-filtered export {tw:.1f} ms ({rows} rows): "
              f"ours is {tw / ours:.1f}x faster", flush=True)
        report.append(("taskwarrior, same deadlines as tasks, `due.before:` export", n, f"{tw:.1f} ms",
                       f"{len(all_items)} tasks; ours {tw / ours:.1f}x faster"))

    _, tui_rss, p = run([BENCH, "tui", store, DATA], stdout=subprocess.PIPE)
    out = p.stdout.decode()
    print(out, end="", flush=True)
    for line in out.splitlines():
        if ":" in line and not line.startswith("peak memory") and not line.startswith(" "):
            label, value = line.split(":", 1)
            report.append((f"TUI: {label}", n, value.strip(), "headless terminal, 120×40"))
    report.append(("peak memory of the TUI (bench process)", n, f"{tui_rss:.0f} MB", "max RSS"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-taskwarrior", action="store_true")
    parser.add_argument("--keep", help="keep the work folder here")
    args = parser.parse_args()
    for tool in ["sqlite3", "/usr/bin/time"] + ([] if args.no_taskwarrior else ["task"]):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install sqlite3 time taskwarrior")
    work = args.keep or tempfile.mkdtemp(prefix="ikamet-bench-")
    os.makedirs(work, exist_ok=True)
    global TIME_FILE
    TIME_FILE = os.path.join(work, "time.txt")
    report = []
    try:
        for n in [int(x) for x in args.sizes.split(",")]:
            bench_size(n, args, work, report)
        _, _, p = run([BENCH, "eligibility"], stdout=subprocess.PIPE)
        out = p.stdout.decode()
        print("\n" + out, end="")
        for line in out.splitlines():
            if "median" in line:
                label, value = line.split(":", 1)
                report.append((f"eligibility: {label}", "—", value.strip(), "20 years, 2,000 trips"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(ROOT, "bench-out"), exist_ok=True)
    with open(os.path.join(ROOT, "bench-out", "results.md"), "w") as f:
        f.write("| measure | clients | figure | note |\n|---|---|---|---|\n")
        for m, n, v, note in report:
            f.write(f"| {m} | {n} | {v} | {note} |\n")
    print("\nwrote bench-out/results.md")
    print(f"{len(report)} passed, 0 failed")


if __name__ == "__main__":
    main()
