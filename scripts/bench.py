#!/usr/bin/env python3
"""Office-scale benchmark of ikamet (issue 5), release builds only.

For each caseload size: synthetic caseload, import time and store size,
`ikamet deadlines --within 30 --format json`, in English and in Turkish, side
by side with the sqlite3 shell printing exactly the items ikamet printed from an
indexed table (the floor: same fields, the explanation text included, the same
date condition) and with
taskwarrior given the same deadlines as tasks, the TUI through the headless
terminal (start to first agenda frame, keystroke to frame), the TUI start from
process launch to its first complete frame under a real pseudo-terminal, the
eligibility engine, and peak memory. Writes a Markdown table to
bench-out/results.md.

Every figure that has a target in docs/performance.md is compared with it as
it is measured: a PASS or FAIL line each, then the missed targets again and
the closing line `N passed, M failed`. A missed target is a failure, and the
exit status is then 1. With --smoke (what CI runs, at 300 clients, where the
figures mean nothing) the same lines are printed but the exit status is 0
unless the benchmark itself broke (a command failed, a figure is missing, or
the sqlite3 floor did not answer the same question): that run only proves
the script works.

Targets (docs/performance.md):
  import of 100,000 clients, whole process          < 10 s (checked at 100,000 clients only)
  `deadlines --within 30`, median, en and tr        <= 2x the sqlite3 shell printing the same items
  taskwarrior, the same deadlines as tasks          ours >= 20x faster
  TUI start to the first complete agenda frame      < 150 ms: in the benchmark process (headless
                                                    terminal), and from process launch under a
                                                    pseudo-terminal (median of --runs)
  keystroke -> frame, each TUI action               median < 5 ms and p99 < 16 ms
  one eligibility evaluation, 20 years, 2,000 trips p99 < 1 ms
  evaluation + earliest-eligible-date search        p99 < 20 ms (also the never-eligible full scan)
  peak memory (max RSS) of `deadlines`, of the TUI  < 150 MB

Usage: scripts/bench [--sizes 10000,100000] [--runs 15] [--no-taskwarrior] [--smoke] [--keep DIR]
"""
import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
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
for _k in ("IKAMET_TEST_SAVE_PROBE", "IKAMET_TEST_SAVE_DELAY_MS"):
    ENV.pop(_k, None)


# Targets of docs/performance.md.
IMPORT_TARGET_S, IMPORT_TARGET_AT = 10.0, 100_000
FLOOR_RATIO_MAX = 2.0
TASKWARRIOR_FACTOR_MIN = 20.0
TUI_START_MS = 150.0
KEY_MEDIAN_MS, KEY_P99_MS = 5.0, 16.0
ELIGIBILITY_P99_MS, SEARCH_P99_MS = 1.0, 20.0
MEMORY_MB = 150.0

CHECKS = []  # (measure, clients, figure, target, passed)
BROKEN = []  # failed checks that the benchmark itself works: these fail even a --smoke run


def check(measure, n, figure, target, ok, works=False):
    """Compares one figure with its target: a PASS or FAIL line now, a row of the closing tally later.
    works=True: a check that the benchmark itself ran as meant (not a performance target)."""
    CHECKS.append((measure, n, figure, target, ok))
    if works and not ok:
        BROKEN.append(measure)
    print(f"  {'PASS' if ok else 'FAIL'} {measure} [{n}]: {figure} (target {target})", flush=True)
    return ok


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


def timed_pair(cmd_a, cmd_b, runs, env=ENV):
    """Medians (ms) of `runs` whole-process runs of each command, alternating a, b, a, b, …; and a's peak RSS."""
    a_times, b_times, peak = [], [], 0.0
    for _ in range(runs):
        s, rss, _ = run(cmd_a, env=env)
        a_times.append(s * 1000)
        peak = max(peak, rss)
        s, _, _ = run(cmd_b, env=env)
        b_times.append(s * 1000)
    return statistics.median(a_times), statistics.median(b_times), peak


LANGUAGES = ["en", "tr"]
FLOOR_QUERY = (f"SELECT client, name, kind, date, daysLeft, severity, application, explanation FROM items "
               f"WHERE date <= '{HORIZON_END}' ORDER BY date, client, kind, application;")


def build_floor(path, items):
    """A SQLite file with one table holding exactly `items` (as `deadlines --format json` printed them), indexed by date."""
    import sqlite3
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE items (client TEXT, name TEXT, kind TEXT, date TEXT, daysLeft INTEGER, severity TEXT, "
               "application TEXT, explanation TEXT)")
    db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(i["client"], i["name"], i["kind"], i["date"], i["daysLeft"], i["severity"], i.get("application"),
                     i["explanation"]) for i in items])
    db.execute("CREATE INDEX items_date ON items(date, client, kind, application)")
    db.commit()
    db.close()


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


def tui_start_under_pty(store, runs, width=120, height=40):
    """The TUI from process launch to its first complete frame under a real pseudo-terminal: fork, the child sets
    the pty's size and execs `ikamet --store STORE`; the parent reads the pty until both the agenda header
    ("N items · ") and the last line of the frame, the key bar ("q quit"), have arrived. Then `q`. Returns the
    times in ms and the bytes of the first frame."""
    env = dict(ENV, TERM="xterm-256color", LANG="C.UTF-8")
    times, frame_bytes = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its controlling terminal and stdin/stdout/stderr
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
                os.execve(BIN, [BIN, "--store", store], env)
            finally:
                os._exit(127)
        buf, done = b"", None
        try:
            while time.perf_counter() - t0 < 10:
                ready, _, _ = select.select([fd], [], [], 1.0)
                if not ready:
                    continue
                try:
                    chunk = os.read(fd, 1 << 16)
                except OSError:
                    break  # the child closed the pty
                buf += chunk
                text = buf.decode("utf-8", "ignore")
                if re.search(r"\d+ items · ", text) and "q quit" in text:
                    done = (time.perf_counter() - t0) * 1000
                    break
            os.write(fd, b"q")
            end = time.time() + 5
            while time.time() < end:
                if select.select([fd], [], [], 0.05)[0]:
                    try:
                        os.read(fd, 1 << 16)
                    except OSError:
                        pass
                if os.waitpid(pid, os.WNOHANG)[0]:
                    pid = 0
                    break
        finally:
            if pid:
                os.kill(pid, signal.SIGKILL)  # the child started here, by its id
                os.waitpid(pid, 0)
            os.close(fd)
        if done is None:
            sys.exit(f"the TUI showed no complete agenda frame under a pseudo-terminal within 10 s; it wrote:\n"
                     f"{buf[-2000:].decode('utf-8', 'replace')}")
        times.append(done)
        frame_bytes = len(buf)
    return times, frame_bytes


KEY_LINE = re.compile(r"^(?P<label>.*): median (?P<median>[\d.]+) ms, p99 (?P<p99>[\d.]+) ms")


def tui_figures(out, n, report, start_target, engine=""):
    """Checks the figures `ikamet-bench tui` printed (start, then keystroke → frame), each against its target;
    `engine`: a label for the measures of another engine (" (PostgreSQL)"). Returns how many start figures it saw."""
    prefix = "PostgreSQL: " if engine else ""
    seen_start = 0
    for line in out.splitlines():
        if line.startswith(" ") or line.startswith("peak memory") or ":" not in line:
            continue
        start = re.match(r"^start to first agenda frame: ([\d.]+) ms(.*)$", line)
        key = KEY_LINE.match(line)
        if start:
            seen_start += 1
            ms = float(start.group(1))
            ok = check(f"TUI start to the first agenda frame, in process{engine}", n, f"{ms:.1f} ms", f"< {start_target:.0f} ms",
                       ms < start_target)
            report.append((f"{prefix}TUI: start to first agenda frame (in the benchmark process)", n, f"{ms:.1f} ms",
                           f"< {start_target:.0f} ms", "met" if ok else "**missed**",
                           f"headless terminal, 120×40{start.group(2)}"))
        elif key:
            label, median, p99 = key.group("label"), float(key.group("median")), float(key.group("p99"))
            ok = check(f"TUI keystroke → frame{engine}: {label}", n, f"median {median:.2f} ms, p99 {p99:.2f} ms",
                       f"median < {KEY_MEDIAN_MS:.0f} ms, p99 < {KEY_P99_MS:.0f} ms",
                       median < KEY_MEDIAN_MS and p99 < KEY_P99_MS)
            report.append((f"{prefix}TUI: {label}", n, "median" + line.split(": median", 1)[1],
                           f"median < {KEY_MEDIAN_MS:.0f} ms, p99 < {KEY_P99_MS:.0f} ms", "met" if ok else "**missed**",
                           "headless terminal, 120×40"))
    check(f"the TUI benchmark ran{engine}", n, f"{'a start figure' if seen_start else 'no start figure'}",
          "a first agenda frame", seen_start == 1, works=True)
    return seen_start


def bench_size(n, args, work, report):
    print(f"\n== {n} clients ==", flush=True)
    caseload = os.path.join(work, f"caseload-{n}.json")
    store = os.path.join(work, f"store-{n}.sqlite")
    run([BIN, "demo", "--generate", str(n), "--seed", "1", "--output", caseload])
    # The interchange format's fast reader and writer against Foundation's, same clients (issue 11).
    _, _, p = run([BENCH, "interchange", caseload], stdout=subprocess.PIPE)
    for line in p.stdout.decode().splitlines():
        print(line, flush=True)
        m = re.match(r"^interchange (read|write), (\d+) clients: fast \w+ ([\d.]+) ms.*?JSON\w+ ([\d.]+) ms.*?: ([\d.]+)x$", line)
        if m:
            report.append((f"interchange {m.group(1)}: fast {m.group(1)}er vs Foundation", n, f"{m.group(3)} ms",
                           "faster than Foundation, or removed", "met" if float(m.group(5)) > 1 else "**missed**",
                           f"JSON{'Decoder' if m.group(1) == 'read' else 'Encoder'} {m.group(4)} ms: {m.group(5)}x"))
    s, rss, _ = run([BIN, "import", caseload, "--store", store])
    size = sum(os.path.getsize(store + x) for x in ["", "-wal", "-shm"] if os.path.exists(store + x))
    print(f"import: {s:.2f} s, store {size / 1e6:.1f} MB, peak RSS {rss:.0f} MB", flush=True)
    if n == IMPORT_TARGET_AT:
        verdict = "met" if check("import, whole process", n, f"{s:.2f} s", f"< {IMPORT_TARGET_S:.0f} s",
                                 s < IMPORT_TARGET_S) else "**missed**"
    else:
        verdict = f"target (< {IMPORT_TARGET_S:.0f} s) is for {IMPORT_TARGET_AT:,} clients"
        print(f"  ---- import, whole process [{n}]: {s:.2f} s (no target at this size; < {IMPORT_TARGET_S:.0f} s "
              f"at {IMPORT_TARGET_AT:,})")
    report.append(("import of the caseload", n, f"{s:.2f} s", f"< {IMPORT_TARGET_S:.0f} s at 100k", verdict,
                   f"`ikamet import caseload.json` (peak RSS {rss:.0f} MB)"))
    report.append(("store size", n, f"{size / 1e6:.1f} MB", "—", "", "file + WAL after import"))

    ours_rss, ours_by_lang = 0.0, {}
    for lang in LANGUAGES:
        deadlines = [BIN, "deadlines", "--lang", lang, "--store", store, "--within", "30", "--format", "json"]
        # First run of the day refreshes the agenda snapshots; then measure steady state.
        s0, _, p = run(deadlines, stdout=subprocess.PIPE)
        items = json.loads(p.stdout)["items"]
        # The floor: a table holding exactly the items ikamet printed (every field, the explanation
        # text in this language), indexed by date, printed by the sqlite3 shell with the same date condition.
        floor_db = os.path.join(work, f"floor-{n}-{lang}.sqlite")
        build_floor(floor_db, items)
        floor_cmd = ["sqlite3", "-readonly", "-json", floor_db, FLOOR_QUERY]
        _, _, fp = run(floor_cmd, stdout=subprocess.PIPE)
        floor_rows = len(json.loads(fp.stdout or b"[]"))
        # Ours and the floor alternate, run by run, so that both see the same machine (this one's load
        # moves the figures by a fifth from minute to minute); the ratio is of the two medians.
        ours, floor, rss = timed_pair(deadlines, floor_cmd, args.runs)
        ours_rss = max(ours_rss, rss)
        ours_by_lang[lang] = ours
        ratio = ours / floor
        check(f"the sqlite3 floor answers the same question ({lang})", n, f"{floor_rows} rows for {len(items)} items",
              "as many rows as `deadlines` lists items", floor_rows == len(items), works=True)
        print(f"deadlines --within 30 --lang {lang}: {ours:.1f} ms median ({len(items)} items; first run {s0 * 1000:.0f} ms); "
              f"sqlite3 floor {floor:.1f} ms ({floor_rows} rows): ratio {ratio:.2f}; peak RSS {rss:.0f} MB", flush=True)
        ok = check(f"`deadlines --within 30` against the sqlite3 floor ({lang})", n,
                   f"{ours:.1f} ms vs {floor:.1f} ms, ratio {ratio:.2f}", f"<= {FLOOR_RATIO_MAX:.0f}x the floor",
                   ratio <= FLOOR_RATIO_MAX)
        report.append((f"`deadlines --within 30 --lang {lang}`, whole process, median", n, f"{ours:.1f} ms",
                       f"<= {FLOOR_RATIO_MAX:.0f}x the floor", "met" if ok else "**missed**",
                       f"{len(items)} items; {args.runs} runs; ratio ours/floor {ratio:.2f}"))
        report.append((f"sqlite3 shell, the same items ({lang}) from an indexed table (floor)", n, f"{floor:.1f} ms", "—", "",
                       f"{floor_rows} rows"))
    ok = check("peak memory of `deadlines`", n, f"{ours_rss:.0f} MB", f"< {MEMORY_MB:.0f} MB", ours_rss < MEMORY_MB)
    report.append(("peak memory of `deadlines`", n, f"{ours_rss:.0f} MB", f"< {MEMORY_MB:.0f} MB",
                   "met" if ok else "**missed**", "max RSS"))
    if not args.no_taskwarrior:
        all_items = json.loads(run([BIN, "deadlines", "--store", store, "--within", "100000", "--format", "json"],
                                   stdout=subprocess.PIPE)[2].stdout)["items"]
        imported, tw, rows = taskwarrior(work, n, all_items, max(3, args.runs // 3))
        ours = ours_by_lang["en"]
        factor = tw / ours
        print(f"taskwarrior: {len(all_items)} tasks imported in {imported:.1f} s; due-filtered export {tw:.1f} ms ({rows} rows): "
              f"ours is {factor:.1f}x faster", flush=True)
        ok = check("ours against taskwarrior, same deadlines", n, f"{tw:.1f} ms vs ours {ours:.1f} ms: {factor:.1f}x",
                   f"ours >= {TASKWARRIOR_FACTOR_MIN:.0f}x faster", factor >= TASKWARRIOR_FACTOR_MIN)
        report.append(("taskwarrior, same deadlines as tasks, `due.before:` export", n, f"{tw:.1f} ms",
                       f"ours >= {TASKWARRIOR_FACTOR_MIN:.0f}x faster", "met" if ok else "**missed**",
                       f"{len(all_items)} tasks; ours {factor:.1f}x faster"))

    _, tui_rss, p = run([BENCH, "tui", store, DATA], stdout=subprocess.PIPE)
    out = p.stdout.decode()
    print(out, end="", flush=True)
    tui_figures(out, n, report, TUI_START_MS)
    ok = check("peak memory of the TUI (benchmark process)", n, f"{tui_rss:.0f} MB", f"< {MEMORY_MB:.0f} MB",
               tui_rss < MEMORY_MB)
    report.append(("peak memory of the TUI (bench process)", n, f"{tui_rss:.0f} MB", f"< {MEMORY_MB:.0f} MB",
                   "met" if ok else "**missed**", "max RSS"))

    # The same start as a user sees it: process launch to the first complete frame on a real terminal.
    times, frame_bytes = tui_start_under_pty(store, args.runs)
    med = statistics.median(times)
    print(f"TUI under a pseudo-terminal (120×40): launch to first complete agenda frame median {med:.1f} ms "
          f"(first run {times[0]:.1f} ms, min {min(times):.1f}, max {max(times):.1f}; {args.runs} runs, "
          f"{frame_bytes} bytes of output)", flush=True)
    ok = check("TUI start to the first complete frame, process launch under a pty", n,
               f"median {med:.1f} ms (max {max(times):.1f})", f"< {TUI_START_MS:.0f} ms", med < TUI_START_MS)
    report.append(("TUI: process launch to first complete agenda frame (pseudo-terminal)", n, f"{med:.1f} ms",
                   f"< {TUI_START_MS:.0f} ms", "met" if ok else "**missed**",
                   f"median of {args.runs}; first run {times[0]:.1f} ms, max {max(times):.1f} ms; "
                   f"`ikamet --store` on a pty, 120×40"))


PG_IMPORT_TARGET_S = 60.0
PG_TUI_START_MS = 300.0


def psql(url, sql, **kw):
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], env=ENV, **kw)


def bench_size_postgres(n, args, work, report):
    """Issue 13 §8: the same measures on a PostgreSQL office store over a local Unix socket, beside a psql floor."""
    print(f"\n== {n} clients, PostgreSQL over a local socket ==", flush=True)
    superuser = args.pg
    host = re.search(r"host=([^&]+)", superuser).group(1)
    tag = f"bench{n}_{os.getpid()}"
    caseload = os.path.join(work, f"caseload-{n}.json")
    if not os.path.exists(caseload):
        run([BIN, "demo", "--generate", str(n), "--seed", "1", "--output", caseload])
    for sql in [f"CREATE ROLE {tag}_owner LOGIN CREATEROLE", f"CREATE DATABASE {tag} OWNER {tag}_owner",
                f"CREATE DATABASE {tag}_floor OWNER {tag}_owner"]:
        psql(superuser, sql, check=True, stdout=subprocess.DEVNULL)
    url = f"postgresql:///{tag}?host={host}&user={tag}_owner"
    floor_url = f"postgresql:///{tag}_floor?host={host}&user={tag}_owner"
    try:
        run([BIN, "init", "--store", url])
        s, rss, _ = run([BIN, "import", caseload, "--store", url])
        if n == IMPORT_TARGET_AT:
            verdict = "met" if check("import, whole process (PostgreSQL)", n, f"{s:.2f} s", f"< {PG_IMPORT_TARGET_S:.0f} s",
                                     s < PG_IMPORT_TARGET_S) else "**missed**"
        else:
            verdict = f"target (< {PG_IMPORT_TARGET_S:.0f} s) is for {IMPORT_TARGET_AT:,} clients"
            print(f"  ---- import, whole process (PostgreSQL) [{n}]: {s:.2f} s (no target at this size)", flush=True)
        report.append(("PostgreSQL: import of the caseload", n, f"{s:.2f} s", f"< {PG_IMPORT_TARGET_S:.0f} s at 100k", verdict,
                       f"`ikamet import` into the office store over a Unix socket (peak RSS {rss:.0f} MB)"))
        deadlines = [BIN, "deadlines", "--lang", "en", "--store", url, "--within", "30", "--format", "json"]
        s0, _, p = run(deadlines, stdout=subprocess.PIPE)
        items = json.loads(p.stdout)["items"]
        # The floor: the same items in one indexed table, printed by psql as one JSON array (as ours prints JSON).
        rows = [(i["client"], i["name"], i["kind"], i["date"], i["daysLeft"], i["severity"], i.get("application"), i["explanation"])
                for i in items]
        copy = os.path.join(work, f"floor-{n}.csv")
        import csv
        with open(copy, "w", newline="") as f:
            csv.writer(f).writerows(rows)
        psql(floor_url, "CREATE TABLE items (client text COLLATE \"C\", name text, kind text COLLATE \"C\", date text COLLATE \"C\", "
                        "daysLeft integer, severity text, application text COLLATE \"C\", explanation text)", check=True,
             stdout=subprocess.DEVNULL)
        psql(floor_url, f"\\copy items FROM '{copy}' WITH (FORMAT csv)", check=True, stdout=subprocess.DEVNULL)
        psql(floor_url, "CREATE INDEX items_date ON items(date, client, kind, application); ANALYZE items", check=True,
             stdout=subprocess.DEVNULL)
        floor_cmd = ["psql", "-X", "-q", "-A", "-t", "-d", floor_url, "-c",
                     "SELECT json_agg(t) FROM (SELECT client, name, kind, date, daysLeft, severity, application, explanation "
                     f"FROM items WHERE date <= '{HORIZON_END}' ORDER BY date, client, kind, application) t"]
        _, _, fp = run(floor_cmd, stdout=subprocess.PIPE)
        floor_rows = len(json.loads(fp.stdout or b"[]") or [])
        check("the psql floor answers the same question", n, f"{floor_rows} rows for {len(items)} items",
              "as many rows as `deadlines` lists items", floor_rows == len(items), works=True)
        ours, floor, drss = timed_pair(deadlines, floor_cmd, args.runs)
        ratio = ours / floor
        print(f"deadlines --within 30 (PostgreSQL): {ours:.1f} ms median ({len(items)} items; first run {s0 * 1000:.0f} ms); "
              f"psql floor {floor:.1f} ms: ratio {ratio:.2f}; peak RSS {drss:.0f} MB", flush=True)
        ok = check("`deadlines --within 30` against the psql floor (PostgreSQL)", n,
                   f"{ours:.1f} ms vs {floor:.1f} ms, ratio {ratio:.2f}", f"<= {FLOOR_RATIO_MAX:.0f}x the floor",
                   ratio <= FLOOR_RATIO_MAX)
        report.append(("PostgreSQL: `deadlines --within 30 --format json`, whole process, median", n, f"{ours:.1f} ms",
                       f"<= {FLOOR_RATIO_MAX:.0f}x psql", "met" if ok else "**missed**",
                       f"{len(items)} items; psql floor {floor:.1f} ms; ratio {ratio:.2f}"))
        _, tui_rss, p = run([BENCH, "tui", url, DATA], stdout=subprocess.PIPE)
        out = p.stdout.decode()
        print(out, end="", flush=True)
        tui_figures(out, n, report, PG_TUI_START_MS, engine=" (PostgreSQL)")
        times, _ = tui_start_under_pty(url, args.runs)
        med = statistics.median(times)
        print(f"TUI under a pseudo-terminal (PostgreSQL): launch to first complete agenda frame median {med:.1f} ms", flush=True)
        ok = check("TUI start to the first complete frame, process launch under a pty (PostgreSQL)", n,
                   f"median {med:.1f} ms (max {max(times):.1f})", f"< {PG_TUI_START_MS:.0f} ms", med < PG_TUI_START_MS)
        report.append(("PostgreSQL: TUI process launch to first complete agenda frame (pseudo-terminal)", n, f"{med:.1f} ms",
                       f"< {PG_TUI_START_MS:.0f} ms", "met" if ok else "**missed**", f"median of {args.runs}"))
    finally:
        for sql in [f"DROP DATABASE IF EXISTS {tag} WITH (FORCE)", f"DROP DATABASE IF EXISTS {tag}_floor WITH (FORCE)",
                    f"DROP ROLE IF EXISTS {tag}_owner"]:
            psql(superuser, sql, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-taskwarrior", action="store_true")
    parser.add_argument("--smoke", action="store_true",
                        help="prove the script runs: the same PASS/FAIL lines and closing line, exit status 0 "
                             "even when targets are missed (CI, at 300 clients)")
    parser.add_argument("--keep", help="keep the work folder here")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite",
                        help="postgresql: the office store on the server of --pg (default $IKAMET_TEST_POSTGRES)")
    parser.add_argument("--pg", default=os.environ.get("IKAMET_TEST_POSTGRES"),
                        help="a superuser's URL on the benchmark server (scripts/postgres-cluster start prints one)")
    args = parser.parse_args()
    if args.engine == "postgresql" and not args.pg:
        sys.exit("--engine postgresql needs --pg URL or IKAMET_TEST_POSTGRES (scripts/postgres-cluster start DIR)")
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
            if args.engine == "postgresql":
                bench_size_postgres(n, args, work, report)
            else:
                bench_size(n, args, work, report)
        _, _, p = run([BENCH, "eligibility"], stdout=subprocess.PIPE)
        out = p.stdout.decode()
        print("\n" + out, end="")
        seen = 0
        for line in out.splitlines():
            m = re.match(r"^(?P<label>.*): median (?P<median>[\d.]+) ms, p99 (?P<p99>[\d.]+) ms", line)
            if not m:
                continue
            seen += 1
            label, p99 = m.group("label"), float(m.group("p99"))
            limit = ELIGIBILITY_P99_MS if "no search" in label else SEARCH_P99_MS
            ok = check(f"eligibility: {label}", "—", f"median {float(m.group('median')):.3f} ms, p99 {p99:.3f} ms",
                       f"p99 < {limit:g} ms", p99 < limit)
            report.append((f"eligibility: {label}", "—", line.split(":", 1)[1].strip(), f"< {limit:g} ms (p99)",
                           "met" if ok else "**missed**", "20 years, 2,000 trips"))
        check("the eligibility benchmark ran", "—", f"{seen} figures", "3 figures", seen == 3, works=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(ROOT, "bench-out"), exist_ok=True)
    with open(os.path.join(ROOT, "bench-out", "results.md"), "w") as f:
        f.write("| measure | clients | figure | target | verdict | note |\n|---|---|---|---|---|---|\n")
        for m, n, v, target, verdict, note in report:
            f.write(f"| {m} | {n} | {v} | {target} | {verdict} | {note} |\n")
    print("\nwrote bench-out/results.md")
    passed = sum(1 for c in CHECKS if c[4])
    failed = [c for c in CHECKS if not c[4]]
    if failed:
        print(f"\nTargets missed ({len(failed)}):")
        for measure, n, figure, target, _ in failed:
            print(f"  FAIL {measure} [{n}]: {figure} (target {target})")
    if args.smoke:
        print(f"--smoke: this run only proves the benchmark works (sizes {args.sizes}: the figures mean nothing at "
              f"this size); missed targets are listed but do not change the exit status"
              + (f"; the benchmark itself did not work ({', '.join(BROKEN)}): exit status 1" if BROKEN else ""))
    print(f"{passed} passed, {len(failed)} failed")
    return 1 if (failed and not args.smoke) or BROKEN else 0


if __name__ == "__main__":
    sys.exit(main())
