#!/usr/bin/env python3
"""`make bench`: Casebook against the libcmark-gfm floor and Hugo on one generated corpus, side by side.

    bench/run.py [--cases N] [--runs R] [--work DIR]

Generates the corpus with bench/make-corpus.py (N cases, --hugo for the peer site), then, R times each and
interleaved so machine noise hits all alike:
  - a clean Casebook build (fresh output folder, no cache),
  - the floor (bench/cmark-limit.c: parse, render and write each file, one thread),
  - Hugo (Debian `hugo`) on the same Markdown with minimal templates,
then a no-change rebuild and a one-file edit rebuild of Casebook, at least 9 times each (they are quick).
Prints medians, ratios and peak memory (max RSS, from /usr/bin/time). Not a test: nothing here fails on a
slow machine.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, cwd=None, stdin=None):
    """Runs `command` under /usr/bin/time; returns (wall seconds, user+sys seconds, max RSS in MB). Wall and
    CPU time are taken here, to the microsecond (`time` prints hundredths, too coarse for a 0.2 s rebuild)."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd, stdin=stdin,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(result.stderr.strip().splitlines()[-1]) / 1024


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    parent, name = os.path.split(path)
    shutil.rmtree(os.path.join(parent, "." + name + ".cache"), ignore_errors=True)


def median(samples, index):
    return statistics.median(sample[index] for sample in samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(ROOT, "bench", "work"))
    args = parser.parse_args()

    work = os.path.abspath(args.work)
    corpus = os.path.join(work, "corpus")
    casebook = os.path.join(ROOT, ".build", "release", "casebook")
    floor = os.path.join(work, "cmark-limit")
    os.makedirs(work, exist_ok=True)
    if not os.path.isdir(os.path.join(corpus, "cases")) or len(os.listdir(os.path.join(corpus, "cases"))) != args.cases:
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make-corpus.py"), str(args.cases), corpus, "--hugo"],
                       check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cc", "-O2", os.path.join(ROOT, "bench", "cmark-limit.c"), "-o", floor,
                    "-lcmark-gfm", "-lcmark-gfm-extensions"], check=True)
    cases = sorted(os.path.join(corpus, "cases", name) for name in os.listdir(os.path.join(corpus, "cases")))
    listing = os.path.join(work, "cases.txt")
    with open(listing, "w") as out:
        out.write("\n".join(cases) + "\n")
    size = sum(os.path.getsize(path) for path in cases) / 1e6
    print(f"corpus: {len(cases)} cases, {size:.0f} MB of Markdown; {args.runs} runs each ({max(args.runs, 9)} of each rebuild), medians")

    site = os.path.join(work, "out-casebook")
    build = [casebook, "build", "--content", corpus, "--templates", os.path.join(ROOT, "Templates"), "--output", site]
    samples = {"casebook": [], "floor": [], "hugo": []}
    for run in range(args.runs):
        fresh(site)
        samples["casebook"].append(timed(build))
        fresh(os.path.join(work, "out-floor"))
        os.makedirs(os.path.join(work, "out-floor"))
        with open(listing) as names:
            samples["floor"].append(timed([floor, os.path.join(work, "out-floor")], stdin=names))
        fresh(os.path.join(work, "out-hugo"))
        samples["hugo"].append(timed(["hugo", "--quiet", "-d", os.path.join(work, "out-hugo")], cwd=os.path.join(corpus, "hugo")))
        print(f"  run {run + 1}: casebook {samples['casebook'][-1][0]:.2f} s, floor {samples['floor'][-1][0]:.2f} s, hugo {samples['hugo'][-1][0]:.2f} s")

    # Rebuilds take a fraction of a second: more of them, for a steadier median.
    rebuilds = max(args.runs, 9)
    samples["no-change"] = [timed(build) for _ in range(rebuilds)]
    samples["edit"] = []
    for run in range(rebuilds):
        victim = cases[(run * 997 + len(cases) // 2) % len(cases)]
        with open(victim, "a", encoding="utf-8") as out:
            out.write(f"\n编辑第 {run + 1} 次：补充一句。\n")
        samples["edit"].append(timed(build))

    print()
    print(f"{'':12} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
    for name, runs in samples.items():
        print(f"{name:12} {median(runs, 0):8.3f} {median(runs, 1):8.3f} {median(runs, 2):8.0f}   ({len(runs)} runs)")
    clean, floor_wall, hugo_wall = median(samples["casebook"], 0), median(samples["floor"], 0), median(samples["hugo"], 0)
    print()
    print(f"clean build / floor:  {clean / floor_wall:.2f}x   (goal <= 1.5x)")
    print(f"clean build / hugo:   {clean / hugo_wall:.2f}x   (goal <= 0.35x)")
    print(f"floor / hugo:         {floor_wall / hugo_wall:.2f}x")
    print(f"one-file edit:        {median(samples['edit'], 0):.3f} s   (goal <= 0.2 s); {median(samples['edit'], 0) / clean:.3f}x a clean build")
    print(f"no-change rebuild:    {median(samples['no-change'], 0):.3f} s   (goal <= 0.5 s); {median(samples['no-change'], 0) / clean:.3f}x a clean build")
    print(f"peak memory, clean:   {median(samples['casebook'], 2):.0f} MB   (goal <= 300 MB); hugo {median(samples['hugo'], 2):.0f} MB")

    # More clean builds with --timings, for the share of each stage (the search index's goal is <= 10 %).
    search_shares = []
    for run in range(args.runs):
        fresh(site)
        timings = subprocess.run(build + ["--timings"], capture_output=True, text=True, check=True)
        lines = [line.strip() for line in (timings.stdout + timings.stderr).splitlines() if "%" in line or "wall" in line]
        for line in lines:
            if "search index" in line:
                fields = line.split()   # wall s, wall %, cpu s, cpu %
                search_shares.append((float(fields[2].rstrip("%")), float(fields[5].rstrip("%"))))
    print()
    print(f"stages of the last of {args.runs} more clean builds (--timings; wall and CPU of the whole process):")
    for line in lines:
        print("  " + line)
    walls, cpus = sorted(share[0] for share in search_shares), sorted(share[1] for share in search_shares)
    print(f"search index share, median of {len(search_shares)}: {walls[len(walls) // 2]:.1f} % of wall time, "
          f"{cpus[len(cpus) // 2]:.1f} % of CPU time (each run: {', '.join(f'{w:.1f}/{c:.1f}' for w, c in search_shares)})")

if __name__ == "__main__":
    main()
