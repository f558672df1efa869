#!/usr/bin/env python3
"""Builds every example of the editors' guide, docs/编辑指南.md.

    check_guide.py CASEBOOK_BINARY [--update]

The guide marks its examples with an HTML comment on the line before a fenced block:

- `<!-- 示例 Content/cases/x.md -->`: a whole case file. All of them are written into one copy of
  Content/ (with an empty file for each `../media/…` they name), which must check with no error and
  no warning, and build.
- `<!-- 图表示例 KIND -->`: a ```figure block; it is put into a case of its own in that copy. Its chart,
  as the built page holds it, must equal docs/figures/KIND.svg: the pictures are Casebook's own.
- `<!-- 命令 -->`: every `casebook …` line is run, in order, in a fresh copy of Content/; each must succeed.
- `<!-- 摘自 FILE -->`: the block must be found, as it is, in FILE of the repository.
- `<!-- 错误示例 Content/cases/x.md -->`, then `<!-- 输出 -->`: the case is checked alone in a fresh
  copy, and what `casebook check` says must be the output block, line for line.

With --update, the output blocks and the SVG files are rewritten from what Casebook says and draws now
(run it after a message or a chart changes, and read the diff). Prints `N passed, N failed`.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The guide quotes what editors see: messages in Chinese.
os.environ.update(LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
BINARY = os.path.abspath(sys.argv[1])
UPDATE = "--update" in sys.argv[2:]
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDE = os.path.join(REPO, "docs", "编辑指南.md")
FIGURES = os.path.join(REPO, "docs", "figures")
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)))


def blocks(text):
    """Each fenced block with the marker comment just before it: (marker, info, body, start, end), where
    start and end delimit the body in `text`. A fence closes with at least as many backticks as it opened."""
    found = []
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    index = 0
    while index < len(lines):
        opening = re.match(r"^(`{3,})(.*)$", lines[index])
        if not opening:
            index += 1
            continue
        fence, info = opening.group(1), opening.group(2).strip()
        close = index + 1
        while close < len(lines) and not re.match(r"^`{%d,}\s*$" % len(fence), lines[close]):
            close += 1
        previous = index - 1
        while previous >= 0 and lines[previous].strip() == "":
            previous -= 1
        marker = re.match(r"^<!--\s*(.*?)\s*-->$", lines[previous].strip()) if previous >= 0 else None
        start, end = offsets[index + 1], offsets[close]
        found.append((marker.group(1) if marker else None, info, text[start:end], start, end))
        index = close + 1
    return found


def fresh_content(work, name):
    folder = os.path.join(work, name)
    shutil.copytree(os.path.join(REPO, "Content"), os.path.join(folder, "Content"))
    return folder


def run(folder, *arguments):
    return subprocess.run([BINARY, *arguments], cwd=folder, capture_output=True, text=True, timeout=120)


def write(folder, relative, text):
    path = os.path.join(folder, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def chart_of(page, anchor):
    """The SVG of the figure `anchor` on a built page."""
    html = open(page, encoding="utf-8").read()
    figure = html.find(f'id="{anchor}"')
    match = re.search(r"<svg .*?</svg>", html[figure:], re.S) if figure >= 0 else None
    return match.group(0) if match else None


def main():
    guide = open(GUIDE, encoding="utf-8").read()
    found = blocks(guide)
    work = tempfile.mkdtemp(prefix="casebook-guide-")
    try:
        good = fresh_content(work, "examples")
        cases = [(m.split(" ", 1)[1], body) for m, _, body, _, _ in found if m and m.startswith("示例 ")]
        figures = [(m.split(" ", 1)[1], body) for m, _, body, _, _ in found if m and m.startswith("图表示例 ")]
        for path, body in cases:
            write(good, path, body)
            for media in re.findall(r"\(\.\./media/([^)\s]+)\)", body):
                write(good, os.path.join("Content", "media", media), "")   # the file an example names, empty
        for kind, body in figures:
            inner = re.search(r"^```figure\n(.*?)^```$", body, re.S | re.M)
            figure_id = re.search(r"^id: (\S+)$", inner.group(1), re.M).group(1) if inner else "?"
            write(good, f"Content/cases/guide-figure-{kind}.md",
                  f"---\ntitle: 图表示例 {kind}\nsection: 社区服务\n---\n\n见图 {figure_id}。\n\n{body}")
        checked = run(good, "check")
        check(f"the guide's {len(cases)} case examples and {len(figures)} figure examples check clean",
              checked.returncode == 0 and "0 个错误，0 个警告" in checked.stdout, checked.stdout[-1500:])
        built = run(good, "build", "--output", "output")
        check("and build", built.returncode == 0, built.stderr[-1500:])
        kinds = set()
        for kind, body in figures:
            kinds.add(kind)
            figure_id = re.search(r"^id: (\S+)$", body, re.M).group(1)
            svg = chart_of(os.path.join(good, "output", "cases", f"guide-figure-{kind}.html"), "fig-" + figure_id)
            picture = os.path.join(FIGURES, f"{kind}.svg")
            if UPDATE and svg:
                os.makedirs(FIGURES, exist_ok=True)
                with open(picture, "w", encoding="utf-8") as handle:
                    handle.write(svg + "\n")
            drawn = open(picture, encoding="utf-8").read().rstrip("\n") if os.path.exists(picture) else None
            check(f"docs/figures/{kind}.svg is the chart Casebook draws for the `{kind}` example", svg is not None and drawn == svg,
                  "missing" if drawn is None else "differs: run check_guide.py --update")
            check(f"the guide shows docs/figures/{kind}.svg", f"](figures/{kind}.svg)" in guide)
        check("the guide has a figure example of every chart kind", kinds == {"bar", "stacked", "pie", "compare", "multiple"}, kinds)

        commands = fresh_content(work, "commands")
        count = 0
        for marker, _, body, _, _ in found:
            if marker != "命令":
                continue
            for line in body.splitlines():
                line = line.split("#", 1)[0].strip() if " #" in line else line.strip()
                if not line.startswith("casebook "):
                    continue
                arguments = re.findall(r'"[^"]*"|\S+', line[len("casebook "):])
                result = run(commands, *[a.strip('"') for a in arguments])
                count += 1
                check(f"`{line}` succeeds", result.returncode == 0, (result.stdout + result.stderr)[-800:])
                if arguments[0] == "check":
                    check("  with no warning", "0 个错误，0 个警告" in result.stdout, result.stdout[-800:])
        check("the guide's commands were run", count >= 3, count)

        for marker, _, body, _, _ in found:
            if marker and marker.startswith("摘自 "):
                source = marker.split(" ", 1)[1]
                text = open(os.path.join(REPO, source), encoding="utf-8").read()
                check(f"the excerpt of {source} is in it as the guide shows it", body in text, body[:200])

        updated = guide
        mistakes = 0
        for position, (marker, _, body, _, _) in enumerate(found):
            if not (marker and marker.startswith("错误示例 ")):
                continue
            mistakes += 1
            path = marker.split(" ", 1)[1]
            folder = fresh_content(work, f"mistake-{mistakes}")
            write(folder, path, body)
            result = run(folder, "check")
            said = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("checked ")) + "\n"
            following = found[position + 1] if position + 1 < len(found) else None
            if not following or following[0] != "输出":
                check(f"{path} is followed by its output block", False, "no <!-- 输出 --> block")
                continue
            _, _, expected, start, end = following
            if UPDATE and expected != said:
                updated = updated.replace(guide[found[position][3]:end], guide[found[position][3]:start] + said, 1)
            else:
                check(f"{path}: casebook check says what the guide quotes", expected == said,
                      f"\nguide:\n{expected}casebook:\n{said}(run check_guide.py --update)")
            check(f"{path} is a mistake casebook reports", path in result.stdout, result.stdout[-400:])
        check("the guide shows ten common mistakes", mistakes == 10, mistakes)
        if UPDATE and updated != guide:
            with open(GUIDE, "w", encoding="utf-8") as handle:
                handle.write(updated)
            print("updated the output blocks of docs/编辑指南.md")
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
