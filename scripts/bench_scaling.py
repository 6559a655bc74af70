"""The scaling table of scripts/bench-compare.sh --scaling (issue 9).

Runs normlint on document sets of growing size and on single documents of growing size, and
prints, per size, the wall time per file (sets) or per MB (documents), in the concise, json and
full formats, with the peak RSS; then every stage and rule (from NORMLINT_TIMINGS=1) whose time
per unit at the largest size is more than 30 % above its smallest per-unit time: the
superlinear candidates. Arguments: NORMLINT RUNS --sets DIR... --documents FILE...
"""

import os
import re
import subprocess
import sys
import tempfile
import time

GROWTH_LIMIT = 1.3
# Below this a stage's total is timer noise, not a trend.
MIN_TOTAL_MS = 20.0
FORMATS = ("concise", "json", "full")


def no_cache(normlint):
    """`--no-cache` where the binary has a cache: a cached second run would measure the cache."""
    help_text = subprocess.run([normlint, "check", "--help"], capture_output=True, text=True).stdout
    return ["--no-cache"] if "--no-cache" in help_text else []


def run(normlint, target, fmt, env_extra=None):
    """Wall seconds, peak RSS in MB and standard error of one run."""
    env = dict(os.environ, **(env_extra or {}))
    args = [normlint, "check", *no_cache(normlint), "--exit-zero", "-q", "--no-summary", "--format", fmt,
            "--time-budget", "86400", "--color", "never", target]
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, env=env)
        # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN would be the maximum so far).
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    if child.returncode != 0:
        sys.exit(f"bench_scaling: {' '.join(args)} exited with {child.returncode}: {stderr.decode('utf-8', 'replace')[:500]}")
    rss_mb = usage.ru_maxrss / 1024
    return wall, rss_mb, stderr.decode("utf-8", "replace")


def best(normlint, target, fmt, runs):
    times = []
    rss = 0.0
    for _ in range(runs):
        wall, rss, _ = run(normlint, target, fmt)
        times.append(wall)
    return min(times), rss


def timings(normlint, target):
    # One thread: the totals are wall time, and two threads competing with the rest of a shared
    # machine would inflate every stage alike.
    _, _, stderr = run(normlint, target, "concise", {"NORMLINT_TIMINGS": "1", "RAYON_NUM_THREADS": "1"})
    totals = {}
    for line in stderr.splitlines():
        m = re.match(r"\s+(\S+)\s+([0-9.]+) ms", line)
        if m:
            totals[m.group(1)] = float(m.group(2))
    return totals


def files_in(directory):
    count = 0
    size = 0
    for base, _, names in os.walk(directory):
        for name in names:
            if name.startswith("."):
                continue
            count += 1
            size += os.path.getsize(os.path.join(base, name))
    return count, size


def flag(label, rows):
    """rows: (size label, units, totals); prints the stages and rules growing past the limit.

    A step is flagged when its time per unit at the largest size is more than 30 % above its
    lowest (from the second size on: the smallest is mostly fixed costs) and its share of the
    run's time grows as much: a machine busier during one run slows every step alike, and
    that is not the step's doing.
    """
    if len(rows) < 2:
        return
    names = set()
    for _, _, totals in rows:
        names.update(totals)
    names.discard("rules")
    flagged = []
    for name in sorted(names):
        if rows[-1][2].get(name, 0.0) < MIN_TOTAL_MS:
            continue
        per_unit = []
        share = []
        for _, units, totals in rows:
            whole = sum(v for k, v in totals.items() if k != "rules") or 1.0
            per_unit.append(totals.get(name, 0.0) / max(units, 1e-9))
            share.append(totals.get(name, 0.0) / whole)
        considered = range(1, len(rows)) if len(rows) > 2 else range(len(rows))
        low_unit = min(per_unit[i] for i in considered)
        low_share = min(share[i] for i in considered)
        if low_unit <= 0 or low_share <= 0:
            continue
        unit_growth = per_unit[-1] / low_unit
        share_growth = share[-1] / low_share
        if unit_growth > GROWTH_LIMIT and share_growth > GROWTH_LIMIT:
            flagged.append(f"{name} ×{unit_growth:.2f} per unit (share ×{share_growth:.2f})")
    print(f"  {label}: " + ("growing past +30 %: " + ", ".join(flagged) if flagged else "no stage or rule grows past +30 % (per unit and in share)"))


def main():
    normlint = sys.argv[1]
    runs = int(sys.argv[2])
    args = sys.argv[3:]
    split = args.index("--documents")
    sets = args[1:split]
    documents = args[split + 1:]

    print("### Document sets (time per file)\n")
    print("| documents | files | MB | " + " | ".join(f"{f} s" for f in FORMATS) + " | ms/file (concise) | ms/file (json) | ms/file (full) | peak RSS MB |")
    print("|---:|---:|---:|" + "---:|" * (len(FORMATS) * 2 + 1))
    rows = []
    for directory in sets:
        count, size = files_in(directory)
        docs = re.search(r"set-(\d+)-", directory)
        walls = []
        rss = 0.0
        for fmt in FORMATS:
            wall, rss_f = best(normlint, directory, fmt, runs if fmt == "concise" else 1)
            walls.append(wall)
            rss = max(rss, rss_f)
        print(f"| {docs.group(1) if docs else '?'} | {count} | {size / 1e6:.1f} | "
              + " | ".join(f"{w:.2f}" for w in walls) + " | "
              + " | ".join(f"{w / count * 1e3:.2f}" for w in walls) + f" | {rss:.0f} |", flush=True)
        rows.append((directory, count, timings(normlint, directory)))
    print()
    flag("document sets", rows)

    print("\n### Single documents (time per MB)\n")
    print("| shape | MB | concise s | s/MB (concise) | json s/MB | full s/MB |")
    print("|---|---:|---:|---:|---:|---:|")
    by_shape = {}
    for path in documents:
        # `long-table-1000000.md` is the shape `long-table`; its Word rendition `long-table.docx`.
        shape = re.sub(r"-\d+\.md$", "", re.sub(r"-\d+\.(docx|sts\.xml)$", r".\1", os.path.basename(path)))
        mb = os.path.getsize(path) / 1e6
        concise, _ = best(normlint, path, "concise", runs if mb < 20 else 1)
        other = [best(normlint, path, fmt, 1)[0] for fmt in FORMATS[1:]] if shape == "chapters" else []
        cells = [f"{w / mb:.3f}" for w in other] or ["–", "–"]
        print(f"| {shape} | {mb:.1f} | {concise:.2f} | {concise / mb:.3f} | " + " | ".join(cells) + " |", flush=True)
        by_shape.setdefault(shape, []).append((path, mb, timings(normlint, path)))
    print()
    for shape, shape_rows in by_shape.items():
        flag(shape, shape_rows)


if __name__ == "__main__":
    main()
