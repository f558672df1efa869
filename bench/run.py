#!/usr/bin/env python3
"""`make bench`: Casebook's clean build against its previous version, the libcmark-gfm floor, Hugo and
Hugo + Pagefind, its rebuilds, and where a clean build's CPU goes, on one generated corpus, side by side.

    bench/run.py [--cases N] [--runs R] [--work DIR] [--casebook BIN] [--templates DIR]
                 [--previous BIN --previous-templates DIR]

Generates the corpus with bench/make-corpus.py (N cases, --hugo for the peer site) and copies the templates
folder (--templates, the one the --casebook binary was built with) to WORK/templates, whose stylesheet the
bench edits. Then:
  - clean builds, R times each and interleaved so machine noise hits all alike: Casebook (fresh output
    folder, no cache); the previous binary (--previous, with its own --previous-templates), if given, whose
    output is then compared byte for byte with Casebook's; the floor (bench/cmark-limit.c: parse, render
    and write each file, one thread); Hugo (Debian `hugo`) on the same Markdown with minimal templates; and
    Pagefind (PyPI `pagefind[extended]`, the search a Hugo user adds) over Hugo's output. "hugo+pagefind"
    is the sum of the two, the same work as a Casebook build, which makes its own search index;
  - Casebook rebuilds, at least 9 of each (they are quick), after `sync` has put the clean builds' files on
    disk (else the rebuilds time the kernel writing back a gigabyte of other runs' output): no change; one
    case file edited; one comment appended to WORK/templates/assets/casebook.css. With --previous, the
    previous binary rebuilds its own output right after each (from a copy of its templates, edited alike),
    for ratios from the same runs. Files written are read from Casebook's summary line;
  - R more clean builds with --timings, for the share of each stage;
  - one clean build under `perf record -g` (Debian linux-perf): the share of CPU samples with a function of
    the CasebookTemplates module, or HTML interpolation (CasebookPages.HTML), on the call stack. The
    previous binary gets the same with its swift-mustache module. Without a working perf, the --timings
    stage that holds the templates gives an upper bound instead, and the output says so.
Prints medians, ratios from the same runs, the goals next to the numbers, and peak memory (max RSS, from
/usr/bin/time). Not a test: nothing here fails on a slow machine.

The previous binary is any older release build, for example the last commit before a change:
    git worktree add /tmp/previous COMMIT && cd /tmp/previous && swift build -c release --product casebook \
        --static-swift-stdlib
then `make bench BENCH_PREVIOUS=/tmp/previous/.build/release/casebook BENCH_PREVIOUS_TEMPLATES=/tmp/previous/Templates`.
"""
import argparse
import collections
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# One timed command: wall and CPU seconds, peak memory in MB, and the files Casebook says it wrote (or None).
Run = collections.namedtuple("Run", "wall cpu peak written")


def timed(command, cwd=None, stdin=None):
    """Runs `command` under /usr/bin/time. Wall and CPU time are taken here, to the microsecond (`time` prints
    hundredths, too coarse for a 0.1 s rebuild); `time` gives the peak memory."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd, stdin=stdin,
                            capture_output=True, text=True, errors="replace")
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # Casebook's summary line, in either language of its messages.
    written = re.search(r"(\d+) files written|写入 (\d+) 个文件", result.stdout)
    written = int(written[1] or written[2]) if written else 0 if ("nothing changed" in result.stdout or "没有改动" in result.stdout) else None
    return Run(wall, cpu, int(result.stderr.strip().splitlines()[-1]) / 1024, written)


def one_after_other(first, second):
    """A run of two commands, one after the other: times add up, the peak is the larger one."""
    return Run(first.wall + second.wall, first.cpu + second.cpu, max(first.peak, second.peak), None)


def fresh(path):
    """Removes an output folder and the cache Casebook keeps beside it."""
    shutil.rmtree(path, ignore_errors=True)
    parent, name = os.path.split(path)
    shutil.rmtree(os.path.join(parent, "." + name + ".cache"), ignore_errors=True)


def median(runs, field):
    return statistics.median(getattr(run, field) for run in runs)


def verdict(value, limit):
    return "met" if value <= limit else "MISSED"


def find_pagefind():
    """The Pagefind binary that PyPI's `pagefind[extended]` installs, from the repository's .venv or this Python."""
    for python in (os.path.join(ROOT, ".venv", "bin", "python"), sys.executable):
        if os.path.exists(python):
            found = subprocess.run([python, "-c", "from pagefind.service import get_executable; print(get_executable())"],
                                   capture_output=True, text=True)
            if found.returncode == 0 and os.path.exists(found.stdout.strip()):
                return found.stdout.strip()
    sys.exit("Pagefind not found: install it with `.venv/bin/python -m pip install 'pagefind[extended]'` "
             "(make bench does)")


# --- The profile -------------------------------------------------------------------------------------------
# Swift symbols start with $s and the module's name, its length first; a specialisation carries the symbol of
# the closure it was made for inside its own name, after that closure's length (…Tg597$s13CasebookPages…).
# Types in a signature are written without $s, so a function merely taking an HTML value does not match.
TEMPLATES = re.compile(r"\$s17CasebookTemplates")
HTML_INTERPOLATION = re.compile(r"\$s13CasebookPages4HTMLV(?:13InterpolationV|19stringInterpolation)")
HTML_ANY = re.compile(r"\$s13CasebookPages4HTMLV")
MUSTACHE = re.compile(r"\$s8Mustache")


def record(command, data):
    """Records `command` with call graphs into `data`; returns None, or why perf could not."""
    if shutil.which("perf") is None:
        return "perf is not installed (Debian package linux-perf)"
    result = subprocess.run(["perf", "record", "-g", "-o", data, "--"] + command,
                            capture_output=True, text=True, errors="replace")
    if result.returncode != 0 or not os.path.exists(data):
        return "perf record failed: " + (result.stderr.strip().splitlines() or ["no message"])[-1]
    return None


def stacks(data):
    """Each sample's call stack from `perf script`, innermost function first, as mangled names."""
    script = subprocess.Popen(["perf", "script", "-i", data, "-F", "ip,sym", "--no-demangle"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace")
    frames = []
    for line in script.stdout:
        fields = line.split(None, 1)
        if fields:
            frames.append(fields[1].strip() if len(fields) > 1 else "?")
        elif frames:
            yield frames
            frames = []
    if frames:
        yield frames
    script.wait()


def demangle(names):
    """Readable Swift names, through swift-demangle when it is on PATH."""
    if not names or shutil.which("swift-demangle") is None:
        return list(names)
    result = subprocess.run(["swift-demangle", "--simplified"], input="\n".join(names) + "\n",
                            capture_output=True, text=True)
    readable = result.stdout.splitlines()
    return readable if len(readable) == len(names) else list(names)


def templating_profile(data):
    """Shares of the recorded samples: with a template function or HTML interpolation on the stack (counted),
    the part of those in template or HTML code itself (the innermost frame), per outermost template, and the
    samples in other HTML code (escaping called from outside the templates, not counted) with its callers."""
    total = counted = own = other_html = 0
    by_template, other_callers = collections.Counter(), collections.Counter()
    for frames in stacks(data):
        total += 1
        in_templates = [frame for frame in frames if TEMPLATES.search(frame)]
        if in_templates or any(HTML_INTERPOLATION.search(frame) for frame in frames):
            counted += 1
            own += bool(TEMPLATES.search(frames[0]) or HTML_ANY.search(frames[0]))
            by_template[in_templates[-1] if in_templates else "HTML interpolation outside the templates"] += 1
        else:
            in_html = [index for index, frame in enumerate(frames) if HTML_ANY.search(frame)]
            if in_html:
                other_html += 1
                caller = in_html[-1] + 1
                other_callers[frames[caller] if caller < len(frames) else "?"] += 1
    return total, counted, own, by_template, other_html, other_callers


def module_share(data, module):
    """The samples, and those with a function of `module` (a pattern) on the stack."""
    total = inside = 0
    for frames in stacks(data):
        total += 1
        inside += any(module.search(frame) for frame in frames)
    return total, inside


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(ROOT, "bench", "work"))
    parser.add_argument("--casebook", default=os.path.join(ROOT, ".build", "release", "casebook"),
                        help="the binary to measure (default: what make bench builds)")
    parser.add_argument("--templates", default=os.path.join(ROOT, "Templates"),
                        help="the templates folder that binary was built with (copied; the copy's stylesheet is edited)")
    parser.add_argument("--previous", help="a binary of the previous version, for its clean builds (optional)")
    parser.add_argument("--previous-templates", help="the templates folder of the previous binary")
    args = parser.parse_args()
    if args.previous and not args.previous_templates:
        parser.error("--previous needs --previous-templates")

    work = os.path.abspath(args.work)
    corpus = os.path.join(work, "corpus")
    casebook = os.path.abspath(args.casebook)
    floor = os.path.join(work, "cmark-limit")
    pagefind = find_pagefind()
    os.makedirs(work, exist_ok=True)
    if not os.path.isdir(os.path.join(corpus, "cases")) or len(os.listdir(os.path.join(corpus, "cases"))) != args.cases:
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make-corpus.py"), str(args.cases), corpus, "--hugo"],
                       check=True, stdout=subprocess.DEVNULL)
    templates = os.path.join(work, "templates")
    shutil.rmtree(templates, ignore_errors=True)
    shutil.copytree(args.templates, templates)
    subprocess.run(["cc", "-O2", os.path.join(ROOT, "bench", "cmark-limit.c"), "-o", floor,
                    "-lcmark-gfm", "-lcmark-gfm-extensions"], check=True)
    cases = sorted(os.path.join(corpus, "cases", name) for name in os.listdir(os.path.join(corpus, "cases")))
    listing = os.path.join(work, "cases.txt")
    with open(listing, "w") as out:
        out.write("\n".join(cases) + "\n")
    size = sum(os.path.getsize(path) for path in cases) / 1e6
    rebuilds = max(args.runs, 9)   # rebuilds take a fraction of a second: more of them, for a steadier median
    print(f"corpus: {len(cases)} cases, {size:.0f} MB of Markdown; {args.runs} runs each ({rebuilds} of each rebuild), medians")
    print(f"casebook: {casebook}" + (f"; previous: {os.path.abspath(args.previous)}" if args.previous else "; no previous binary given"))

    site, previous_site = os.path.join(work, "out-casebook"), os.path.join(work, "out-previous")
    hugo_site = os.path.join(work, "out-hugo")
    build = [casebook, "build", "--content", corpus, "--templates", templates, "--output", site]
    previous_build = None
    if args.previous:
        # A copy too: its stylesheet is edited beside Casebook's, for the rebuilds side by side.
        previous_templates = os.path.join(work, "templates-previous")
        shutil.rmtree(previous_templates, ignore_errors=True)
        shutil.copytree(args.previous_templates, previous_templates)
        previous_build = [os.path.abspath(args.previous), "build", "--content", corpus, "--templates", previous_templates,
                          "--output", previous_site]
    samples = collections.defaultdict(list)
    for run in range(args.runs):
        fresh(site)
        samples["casebook"].append(timed(build))
        if args.previous:
            fresh(previous_site)
            samples["previous"].append(timed(previous_build))
        fresh(os.path.join(work, "out-floor"))
        os.makedirs(os.path.join(work, "out-floor"))
        with open(listing) as names:
            samples["floor"].append(timed([floor, os.path.join(work, "out-floor")], stdin=names))
        fresh(hugo_site)
        samples["hugo"].append(timed(["hugo", "--quiet", "-d", hugo_site], cwd=os.path.join(corpus, "hugo")))
        samples["pagefind"].append(timed([pagefind, "--site", hugo_site]))
        samples["hugo+pagefind"].append(one_after_other(samples["hugo"][-1], samples["pagefind"][-1]))
        print(f"  run {run + 1}: " + ", ".join(f"{name} {samples[name][-1].wall:.2f} s"
                                              for name in ("casebook", "previous", "floor", "hugo", "pagefind") if name in samples))
    same_bytes = None
    if args.previous:
        same_bytes = subprocess.run(["diff", "-rq", site, previous_site], capture_output=True, text=True).stdout.splitlines()

    # The clean builds above wrote gigabytes (Casebook's, Hugo's, Pagefind's): they are put on disk first, so
    # that the rebuilds time Casebook, not the kernel writing back the files of other runs. The previous
    # binary, when given, rebuilds its own output right after Casebook, from the same edit.
    os.sync()
    def rebuild(name, edit=None):
        for run in range(rebuilds):
            if edit:
                edit(run)
            samples[name].append(timed(build))
            if previous_build:
                samples["previous " + name].append(timed(previous_build))
    rebuild("no-change")
    def edit_case(run):
        victim = cases[(run * 997 + len(cases) // 2) % len(cases)]
        with open(victim, "a", encoding="utf-8") as out:
            out.write(f"\n编辑第 {run + 1} 次：补充一句。\n")
    rebuild("one-case edit", edit_case)
    def edit_stylesheet(run):
        for folder in [templates] + ([previous_templates] if previous_build else []):
            with open(os.path.join(folder, "assets", "casebook.css"), "a", encoding="utf-8") as out:
                out.write(f"\n/* bench edit {run + 1} */\n")
    rebuild("stylesheet edit", edit_stylesheet)

    print()
    print(f"{'':24} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'files':>7}")
    for name, runs in samples.items():
        written = [run.written for run in runs if run.written is not None]
        files = f"{max(written):7}" if written else f"{'-':>7}"
        print(f"{name:24} {median(runs, 'wall'):8.3f} {median(runs, 'cpu'):8.3f} {median(runs, 'peak'):8.0f} {files}   ({len(runs)} runs)")

    clean = samples["casebook"]
    print()
    print("clean build, casebook / peer (medians of the same runs; below 1x, casebook is faster):")
    print(f"  {'':16} {'wall':>7} {'cpu':>7}")
    goals = {"floor": 1.5, "hugo": 0.35}
    for peer in ("previous", "floor", "hugo", "hugo+pagefind"):
        if peer in samples:
            wall_ratio = median(clean, "wall") / median(samples[peer], "wall")
            goal = f"   (goal wall <= {goals[peer]}x: {verdict(wall_ratio, goals[peer])})" if peer in goals else ""
            print(f"  {peer:16} {wall_ratio:6.2f}x {median(clean, 'cpu') / median(samples[peer], 'cpu'):6.2f}x{goal}")
    if same_bytes is not None:
        print("  previous binary's output: " + ("byte-identical (diff -r is empty)" if not same_bytes
                                                 else f"DIFFERS in {len(same_bytes)} files, e.g. {same_bytes[0]}"))
    print(f"  floor / hugo: {median(samples['floor'], 'wall') / median(samples['hugo'], 'wall'):.2f}x wall")

    print()
    clean_wall = median(clean, "wall")
    for name, limit in (("one-case edit", 0.2), ("no-change", 0.1)):
        wall = median(samples[name], "wall")
        print(f"{name + ':':17} {wall:.3f} s (goal <= {limit} s: {verdict(wall, limit)}); {wall / clean_wall:.3f}x a clean build; "
              f"at most {max(run.written for run in samples[name])} files written")
    css_wall, css_files = median(samples["stylesheet edit"], "wall"), max(run.written for run in samples["stylesheet edit"])
    print(f"stylesheet edit:  {css_wall:.3f} s (goal <= 0.1 s: {verdict(css_wall, 0.1)}); "
          f"at most {css_files} files written (goal <= 2: {verdict(css_files, 2)})")
    if previous_build:
        print("rebuilds against the previous binary, each run right after Casebook's (below 1x, casebook is faster):")
        for name in ("no-change", "one-case edit", "stylesheet edit"):
            ours, theirs = median(samples[name], "wall"), median(samples["previous " + name], "wall")
            print(f"  {name:16} {ours:.3f} s against {theirs:.3f} s: {ours / theirs:.2f}x wall, "
                  f"{median(samples[name], 'cpu') / median(samples['previous ' + name], 'cpu'):.2f}x cpu")
    peak = median(clean, "peak")
    print(f"peak memory, clean: {peak:.0f} MB (goal <= 300 MB: {verdict(peak, 300)}); hugo {median(samples['hugo'], 'peak'):.0f} MB, "
          f"pagefind {median(samples['pagefind'], 'peak'):.0f} MB")

    # More clean builds with --timings, for the share of each stage (the search index's goal is <= 10 %).
    search_shares, page_stage_cpu = [], []
    for run in range(args.runs):
        fresh(site)
        timings = subprocess.run(build + ["--timings"], capture_output=True, text=True, check=True)
        lines = [line.strip() for line in (timings.stdout + timings.stderr).splitlines() if "%" in line or "wall" in line]
        for line in lines:
            fields = line.split()   # wall s, wall %, cpu s, cpu %, stage
            if "search index" in line:
                search_shares.append((float(fields[2].rstrip("%")), float(fields[5].rstrip("%"))))
            if "render and write pages" in line:
                page_stage_cpu.append(float(fields[5].rstrip("%")))
    print()
    print(f"stages of the last of {args.runs} more clean builds (--timings; wall and CPU of the whole process):")
    for line in lines:
        print("  " + line)
    walls, cpus = sorted(share[0] for share in search_shares), sorted(share[1] for share in search_shares)
    print(f"search index share, median of {len(search_shares)}: {walls[len(walls) // 2]:.1f} % of wall time, "
          f"{cpus[len(cpus) // 2]:.1f} % of CPU time (each run: {', '.join(f'{w:.1f}/{c:.1f}' for w, c in search_shares)})")

    # One more clean build under perf, for the templates' share of the CPU.
    print()
    fresh(site)
    data = os.path.join(work, "perf-casebook.data")
    problem = record(build, data)
    if problem:
        stage = f"{statistics.median(page_stage_cpu):.1f} %" if page_stage_cpu else "unknown"
        print(f"templating share of a clean build's CPU: not measured ({problem}). Upper bound from --timings: the "
              f"'render and write pages' stage takes {stage} of the CPU, templates and the writing of the files together "
              f"(goal <= 3 %)")
    else:
        total, counted, own, by_template, other_html, other_callers = templating_profile(data)
        share = 100 * counted / total
        print(f"profile of one clean build (perf record -g, {total:,} samples of the process's CPU, user and kernel; {data}):")
        print(f"templating share of a clean build's CPU: {share:.1f} % (goal <= 3 %: {verdict(share, 3)})")
        print(f"  = samples with a CasebookTemplates function or HTML interpolation on the stack, what they call included; "
              f"{100 * own / total:.1f} % in template and HTML code itself")
        names = demangle([name for name, _ in by_template.most_common(6)])
        print("  by outermost template: " + ", ".join(f"{name} {100 * count / total:.2f} %"
                                                     for name, (_, count) in zip(names, by_template.most_common(6))))
        if other_html:
            callers = demangle([name for name, _ in other_callers.most_common(2)])
            print(f"  not counted: other CasebookPages.HTML code (escaping called from outside the templates), "
                  f"{100 * other_html / total:.1f} %, mostly from " + "; ".join(callers))
    if args.previous:
        fresh(previous_site)
        previous_data = os.path.join(work, "perf-previous.data")
        problem = record(previous_build, previous_data)
        if problem:
            print(f"previous binary: not profiled ({problem})")
        else:
            total, inside = module_share(previous_data, MUSTACHE)
            print(f"previous binary, same method: {100 * inside / total:.1f} % of its {total:,} samples have a swift-mustache "
                  f"(module Mustache) function on the stack")


if __name__ == "__main__":
    main()
