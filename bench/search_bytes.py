#!/usr/bin/env python3
"""How many bytes of index a query loads: opens SITE/search.html?q=QUERY from file:// in headless
Chromium and adds up the files of the script elements the search inserted (manifest and shards).

    bench/search_bytes.py SITE QUERY [QUERY ...]
"""
import os
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path


def main():
    site = Path(sys.argv[1]).resolve()
    chromium = next(c for c in ("chromium", "chromium-browser", "google-chrome") if subprocess.run(["which", c], capture_output=True).returncode == 0)
    for query in sys.argv[2:]:
        url = (site / "search.html").as_uri() + "?q=" + urllib.parse.quote(query)
        dom = subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                              "--dump-dom", "--virtual-time-budget=20000", url], capture_output=True, text=True, timeout=300).stdout
        sources = sorted(set(re.findall(r'<script[^>]*src="([^"]*search/[^"]+\.js)"', dom)))
        sizes = {src: os.path.getsize(site / src.split("?")[0]) for src in sources}
        kinds = {}
        for src, size in sizes.items():
            kind = os.path.basename(src).split("-")[0].split(".")[0]
            kinds[kind] = kinds.get(kind, 0) + size
        results = len(re.findall(r'<li[^>]*class="[^"]*search-result', dom))
        detail = ", ".join(f"{kind} {size / 1024:.1f} KB" for kind, size in sorted(kinds.items()))
        print(f"{query}: {sum(sizes.values()) / 1024:.1f} KB in {len(sizes)} files ({detail}); {results} results listed")


if __name__ == "__main__":
    main()
