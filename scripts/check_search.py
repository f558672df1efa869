#!/usr/bin/env python3
"""Checks the site search in headless Chromium, from file://, against the text of the built pages.

    check_search.py SITE [--all] [--chromium PATH] [--first QUERY=PAGE ...] [QUERY ...]

For each query (by default 流动党员, 居委会, 再就业, 党员服务他人, 999 and 流动，党员) it opens
file://SITE/search.html?q=QUERY with `chromium --headless=new --dump-dom`, reads the result links inside
#search-results and checks that the set of pages they point to is exactly the set of searchable pages whose
visible text contains the query, and that every #fragment a result links to exists on its page.

Searchable pages are the case pages, cases/*.html. Their visible text is the text of <main> without the
navigation (<nav>: breadcrumbs, table of contents, pager), the case's metadata list (.case-meta), search forms,
<svg> (each chart's numbers are repeated in its table), <script>, <noscript>, <style> and hidden elements.
Text is normalised as SearchTokenizer.swift and search.js do: full-width ASCII folded, lower case, separators
between CJK characters dropped, other separator runs one space. Headings, <header>, <figure> and <article> are
hard boundaries (a match cannot span them); other block elements (p, li, td…) are soft, like line breaks.
A query of several words separated by spaces finds pages that contain every word; a number matches whole
numbers only (`999` does not find `1999`, `图 1-1` does not find `图 1-10`).

--all adds &all=1 to the URL, so the page verifies and lists every candidate instead of the first batch
(needed when a query matches more pages than one batch, 10).

--first QUERY=PAGE opens the query as a reader does (no &all=1, no button pressed) and checks that PAGE
(`cases/x.html`, a page whose title holds the query) is the first result, with a status line that says
how many pages were found ("找到 N 个页面"). Prints `N passed, N failed`; exits 1 on failure.
"""
import html.parser
import os
import re
import subprocess
import sys
import unicodedata
import urllib.parse
from pathlib import Path

DEFAULT_QUERIES = ["流动党员", "居委会", "再就业", "党员服务他人", "999", "流动，党员", "图 1-1"]

# --- the text rules, as in SearchTokenizer.swift -------------------------------------------------------------

CJK, DIGIT, LETTER, SEPARATOR = "c", "d", "l", "s"


def is_cjk(v):
    return (v in (0x3005, 0x3007) or 0x3041 <= v <= 0x309F or 0x30A1 <= v <= 0x30FA or 0x30FC <= v <= 0x30FF
            or 0x3400 <= v <= 0x4DBF or 0x4E00 <= v <= 0x9FFF or 0xAC00 <= v <= 0xD7AF or 0xF900 <= v <= 0xFAFF
            or 0x20000 <= v <= 0x3134F)


def fold(ch):
    v = ord(ch)
    if 0xFF01 <= v <= 0xFF5E:
        v -= 0xFEE0
    elif v == 0x3000:
        v = 0x20
    if v < 0x80:
        return chr(v + 0x20) if 0x41 <= v <= 0x5A else chr(v)
    ch = chr(v)
    if not is_cjk(v):
        lower = ch.lower()
        if len(lower) == 1:
            return lower
    return ch


def classify(ch):
    v = ord(ch)
    if v < 0x80:
        if 0x30 <= v <= 0x39:
            return DIGIT
        if 0x61 <= v <= 0x7A:
            return LETTER
        return SEPARATOR
    if is_cjk(v):
        return CJK
    category = unicodedata.category(ch)
    if category.startswith("L") or category in ("Nd", "Nl", "No", "Mn", "Mc"):
        return LETTER
    return SEPARATOR


def normalize(text):
    out = []
    last = None
    pending = False
    for raw in text:
        ch = fold(raw)
        kind = classify(ch)
        if kind == SEPARATOR:
            pending = True
            continue
        if pending:
            pending = False
            if last is not None and not (last == CJK and kind == CJK):
                out.append(" ")
        out.append(ch)
        last = kind
    return "".join(out)


# --- visible text of a page ----------------------------------------------------------------------------------

SKIP = {"nav", "script", "noscript", "style", "template", "svg", "form", "head", "title"}
HARD = {"h1", "h2", "h3", "h4", "h5", "h6", "header", "figure", "article", "main", "section"}
SOFT = {"p", "li", "td", "th", "tr", "caption", "dt", "dd", "div", "br", "ul", "ol", "table", "figcaption",
        "blockquote", "pre", "thead", "tbody", "dl", "hr", "details", "summary", "aside", "footer"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
BREAK = "\x00"


class VisibleText(html.parser.HTMLParser):
    """Text of <main>, minus the parts listed in the module doc; hard boundaries as NUL."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skip_depth = 0
        self.stack = []
        self.parts = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in VOID:
            if self.in_main and not self.skip_depth and tag in SOFT:
                self.parts.append(" ")
            return
        classes = (attrs.get("class") or "").split()
        skip = (tag in SKIP or "case-meta" in classes or "search-box" in classes or attrs.get("role") == "search"
                or "hidden" in attrs)
        self.stack.append((tag, skip))
        if skip:
            self.skip_depth += 1
        if tag == "main":
            self.in_main += 1
        self.boundary(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            open_tag, skip = self.stack.pop()
            if skip:
                self.skip_depth -= 1
            if open_tag == "main":
                self.in_main -= 1
            self.boundary(open_tag)
            if open_tag == tag:
                break

    def boundary(self, tag):
        if tag in HARD:
            self.parts.append(BREAK)
        elif tag in SOFT:
            self.parts.append(" ")

    def handle_data(self, data):
        if self.in_main and not self.skip_depth:
            self.parts.append(data)

    def segments(self):
        return [normalize(s) for s in "".join(self.parts).split(BREAK)]


def page_text(path):
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.segments(), parser.ids


def holds(segment, term):
    """True when `term` occurs in `segment`; a number at either end of the term must be a whole number there
    (`1 1` is not in `1 10`, `999` not in `1999`)."""
    first, last = term[0].isascii() and term[0].isdigit(), term[-1].isascii() and term[-1].isdigit()
    at = segment.find(term)
    while at >= 0:
        before = segment[at - 1] if at > 0 else ""
        after = segment[at + len(term)] if at + len(term) < len(segment) else ""
        if not (first and before.isascii() and before.isdigit()) and not (last and after.isascii() and after.isdigit()):
            return True
        at = segment.find(term, at + 1)
    return False


def contains(segments, query):
    terms = [normalize(word) for word in re.split(r"[\s\u3000]+", query)]
    terms = [t for t in terms if t]
    return bool(terms) and all(any(holds(segment, term) for segment in segments) for term in terms)


# --- results in the browser ----------------------------------------------------------------------------------

class Results(html.parser.HTMLParser):
    """The hrefs of links inside #search-results, and the text of #search-status."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.status_depth = 0
        self.hrefs = []
        self.marks = 0
        self.status = []
        self.found = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "a" and attrs.get("href"):
                self.hrefs.append(attrs["href"])
            if tag == "mark":
                self.marks += 1
        elif attrs.get("id") == "search-results":
            self.depth = 1
            self.found = True
        if self.status_depth:
            self.status_depth += 1
        elif attrs.get("id") == "search-status":
            self.status_depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if self.status_depth:
            self.status_depth -= 1

    def handle_data(self, data):
        if self.status_depth:
            self.status.append(data)


def find_chromium(explicit):
    for candidate in [explicit, os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"]:
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("check_search: chromium not found (set --chromium or CHROMIUM)")


def run_query(chromium, site, query, show_all):
    url = (site / "search.html").resolve().as_uri() + "?q=" + urllib.parse.quote(query)
    if show_all:
        url += "&all=1"
    result = subprocess.run(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
         "--dump-dom", "--virtual-time-budget=8000", url],
        capture_output=True, text=True, timeout=120)
    parser = Results()
    parser.feed(result.stdout)
    return parser


def main():
    args = sys.argv[1:]
    show_all = "--all" in args
    args = [a for a in args if a != "--all"]
    chromium = None
    firsts = []
    while "--first" in args:
        at = args.index("--first")
        firsts.append(args[at + 1].split("=", 1))
        del args[at:at + 2]
    if "--chromium" in args:
        at = args.index("--chromium")
        chromium = args[at + 1]
        del args[at:at + 2]
    if not args:
        sys.exit(__doc__)
    site = Path(args[0])
    queries = args[1:] or ([] if firsts else DEFAULT_QUERIES)
    chromium = find_chromium(chromium)
    if not (site / "search.html").exists():
        sys.exit(f"check_search: {site}/search.html does not exist")

    pages = {}
    for path in sorted((site / "cases").glob("*.html")):
        pages[path.relative_to(site).as_posix()] = page_text(path)

    passed = failed = 0
    for query in queries:
        expected = {name for name, (segments, _) in pages.items() if contains(segments, query)}
        results = run_query(chromium, site, query, show_all)
        problems = []
        if not results.found:
            problems.append("no #search-results element")
        got = set()
        for href in results.hrefs:
            target, _, fragment = href.partition("#")
            target = urllib.parse.unquote(target)
            got.add(target)
            fragment = urllib.parse.unquote(fragment)
            if target in pages and fragment and fragment not in pages[target][1]:
                problems.append(f"link {href}: no element with id {fragment!r}")
        missing, extra = sorted(expected - got), sorted(got - expected)
        if missing:
            problems.append(f"missing {len(missing)}: {missing[:5]}")
        if extra:
            problems.append(f"not containing the query {len(extra)}: {extra[:5]}")
        if expected and results.marks == 0:
            problems.append("no <mark> in the snippets")
        status = " ".join("".join(results.status).split())
        if problems:
            failed += 1
            print(f"FAIL {query}: expected {len(expected)} pages, got {len(got)} ({status}); " + "; ".join(problems))
        else:
            passed += 1
            print(f"ok   {query}: {len(got)} pages ({status})")
    for query, page in firsts:
        results = run_query(chromium, site, query, False)
        status = " ".join("".join(results.status).split())
        targets = [urllib.parse.unquote(href.partition("#")[0]) for href in results.hrefs]
        if targets[:1] == [page] and status.startswith("找到 ") and " 个页面" in status:
            passed += 1
            print(f"ok   {query}: {page} first of {len(set(targets))} on the first screen ({status})")
        else:
            failed += 1
            print(f"FAIL {query}: expected {page} first on the first screen, got {targets[:3]} ({status})")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
