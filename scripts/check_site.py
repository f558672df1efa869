#!/usr/bin/env python3
"""Checks a built site the way readers meet it.

    check_site.py SITE_DIR

- every internal href/src resolves to a file inside the site, none starts with `/` or ends in `/`;
- in headless Chromium, on every page with charts, at 1280 px and 360 px: no two text boxes of a chart
  overlap and none leaves its SVG;
- `w3m -dump` of each page with figures shows every figure's numbers, and of the home page keeps each
  catalogue entry's title, unit and page apart.
Prints `N passed, N failed` and exits non-zero on any failure.
"""
import csv
import functools
import html.parser
import os
import re
import subprocess
import sys
import urllib.parse

SITE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "output")
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    if not ok:
        print(f"FAIL {name}: {detail}")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value is not None:
                self.urls.append(value)
            if key == "id" and value:
                self.ids.add(value)


def pages():
    for folder, _, files in os.walk(SITE):
        for name in sorted(files):
            if name.endswith(".html"):
                yield os.path.join(folder, name)


def check_links():
    parsed = {}
    for page in pages():
        links = Links()
        with open(page, encoding="utf-8") as handle:
            links.feed(handle.read())
        parsed[page] = links
    for page, links in parsed.items():
        rel = os.path.relpath(page, SITE)
        for url in links.urls:
            split = urllib.parse.urlsplit(url)
            if split.scheme or url.startswith("//"):
                continue
            check(f"{rel}: {url} is relative", not url.startswith("/"), "starts with /")
            path = urllib.parse.unquote(split.path)
            if not path:
                target = page
            else:
                check(f"{rel}: {url} names a file", not path.endswith("/"), "ends in /")
                target = os.path.normpath(os.path.join(os.path.dirname(page), path))
            inside = target == SITE or target.startswith(SITE + os.sep)
            check(f"{rel}: {url} stays inside the site", inside, target)
            check(f"{rel}: {url} exists", os.path.isfile(target), target)
            if split.fragment and target.endswith(".html") and target in parsed:
                fragment = urllib.parse.unquote(split.fragment)
                check(f"{rel}: {url} anchor exists", fragment in parsed[target].ids, fragment)


OVERLAP_JS = r"""
const problems = [];
let texts = 0;
document.querySelectorAll('svg.chart').forEach((svg, index) => {
  const box = svg.getBoundingClientRect();
  const name = (svg.querySelector('title') || {}).textContent || ('chart ' + index);
  const rects = [...svg.querySelectorAll('text')].map(t => [t, t.getBoundingClientRect()]);
  texts += rects.length;
  const eps = 0.5;
  for (const [t, r] of rects) {
    if (r.left < box.left - eps || r.right > box.right + eps || r.top < box.top - eps || r.bottom > box.bottom + eps)
      problems.push(name + ': text "' + t.textContent + '" leaves the chart');
  }
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
    const a = rects[i][1], b = rects[j][1];
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > eps && h > eps) problems.push(name + ': "' + rects[i][0].textContent + '" overlaps "' + rects[j][0].textContent + '"');
  }
});
return [document.querySelectorAll('svg.chart').length, texts, problems];
"""


def chart_pages():
    for page in pages():
        with open(page, encoding="utf-8") as handle:
            if 'class="chart ' in handle.read():
                yield page


def check_charts_in_chromium():
    from browser import chromium, set_width

    driver = chromium()
    try:
        for width in (1280, 360):
            set_width(driver, width)
            for page in chart_pages():
                driver.get("file://" + page)
                charts, texts, problems = driver.execute_script(OVERLAP_JS)
                rel = os.path.relpath(page, SITE)
                check(f"{rel} at {width}px has charts with text", charts > 0 and texts > 0, f"{charts} charts, {texts} texts")
                check(f"{rel} at {width}px: no chart text overlaps or leaves its chart", not problems, "; ".join(problems[:10]))
                print(f"chromium {width}px {rel}: {charts} charts, {texts} text boxes, {len(problems)} problems")
    finally:
        driver.quit()


@functools.lru_cache(maxsize=None)
def w3m_dump(page):
    """`w3m -dump` of a page at 100 columns, made once for the checks that read it."""
    return subprocess.run(["w3m", "-dump", "-cols", "100", "-O", "UTF-8", page], capture_output=True, text=True, check=True).stdout


def check_w3m():
    for page in chart_pages():
        if not os.path.basename(os.path.dirname(page)) == "cases":
            continue
        dump = w3m_dump(page)
        slug = os.path.basename(page)[:-5]
        folder = os.path.dirname(page)
        for name in sorted(os.listdir(folder)):
            if not (name.startswith(slug + "-fig-") and name.endswith(".csv")):
                continue
            with open(os.path.join(folder, name), encoding="utf-8-sig") as handle:
                rows = list(csv.reader(handle))[1:]
            for row in rows:
                for value in row[1:]:
                    want = value + "%"
                    check(f"w3m {slug}: {name} {row[0]} {want}", row[0] in dump and want in dump, "missing from w3m -dump")
        print(f"w3m {slug}: checked")


def check_w3m_charts():
    """Text browsers print an inline SVG's text: each chart's labels must come once, apart, not run together,
    and not a second time as a description sentence (the numbers are in the table after it)."""
    for page in chart_pages():
        if not os.path.basename(os.path.dirname(page)) == "cases":
            continue
        dump = w3m_dump(page)
        slug = os.path.basename(page)[:-5]
        ids = sorted(n[len(slug) + 5:-4] for n in os.listdir(os.path.dirname(page)) if n.startswith(slug + "-fig-") and n.endswith(".csv"))
        for figure in ids:
            start = re.search(r"^图 " + re.escape(figure) + r" .*$", dump, re.M)
            end = dump.find(f"图 {figure} 的数据", start.end() if start else 0)
            if not start or end < 0:
                check(f"w3m {slug}: chart {figure} between its caption and its table", False, "caption or table not found")
                continue
            chart = dump[start.end():end]
            runs = re.findall(r"\d%[^\s%]", chart)
            check(f"w3m {slug}: chart {figure} reads its labels once, apart",
                  chart.strip() != "" and not runs and "：" not in chart, f"{runs[:3]} {chart.strip()[:80]!r}")
        print(f"w3m {slug}: {len(ids)} charts read once")


def check_w3m_catalogue():
    """Text browsers: each entry of the printed contents keeps its title, unit and page apart."""
    import html
    import re
    with open(os.path.join(SITE, "index.html"), encoding="utf-8") as handle:
        source = handle.read()
    dump = subprocess.run(["w3m", "-dump", "-cols", "200", "-O", "UTF-8", os.path.join(SITE, "index.html")],
                          capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", dump)
    entries = re.findall(r'<span class="entry-title">(?:<a [^>]*>)?([^<]*)(?:</a>)?</span>(?:<span class="sep">([^<]*)</span> '
                         r'<span class="entry-unit">([^<]*)</span>)?(?:<span class="sep">[^<]*</span> <span class="entry-page">([^<]*)</span>)?', source)
    check("the home page has catalogue entries with units and pages", sum(1 for e in entries if e[2] and e[3]) >= 20, len(entries))
    for title, sep, unit, page in entries:
        if not (unit and page):
            continue
        title, unit, page = (re.sub(r"\s+", "", html.unescape(x)) for x in (title, unit, page))
        want = title + sep + unit + sep + page
        check(f"w3m home: {title[:12]}… keeps title, unit and page apart", want in flat, f"{want} not in the dump")


def check_titles():
    """Every page has a <title> of its own."""
    import re
    seen = {}
    for page in pages():
        with open(page, encoding="utf-8") as handle:
            match = re.search(r"<title>(.*?)</title>", handle.read())
        seen.setdefault(match.group(1) if match else "", []).append(os.path.relpath(page, SITE))
    shared = {title: names for title, names in seen.items() if len(names) > 1}
    check(f"no two of {sum(len(n) for n in seen.values())} pages share a <title>", not shared, list(shared.items())[:3])


check_links()
check_titles()
check_charts_in_chromium()
check_w3m()
check_w3m_charts()
check_w3m_catalogue()
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
