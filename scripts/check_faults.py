#!/usr/bin/env python3
"""Checks that a build survives the faults of issue 31, end to end, on small generated corpora.

    check_faults.py CASEBOOK_BINARY        (run from the repository root)

Each check works in fresh temporary copies of Content/ and Templates/ (plus generated cases where it
needs them) and never touches the repository's own folders:

- `--output` guard: the content folder, `.`, `..`, the templates folder, a file and a folder of
  unrelated files are refused and left byte-identical; an output Casebook made (also once its cache
  folder is deleted), a missing and an empty folder are accepted;
- a figure value of 10000000000000000000 is a diagnostic at its line, exit 1, not a trap, in `check`,
  `build` and `serve` (which stays up and shows the error);
- an update into an output/ that cannot be written (immutable folders, or read-only ones for an
  unprivileged user) and a --clean build into an immutable one fail naming the path, in words, and
  nothing says "written";
- the cache store with one bit flipped in the head and in the value of a record of each kind, or either
  of its files cut, truncated, zeroed or garbled before an update, gives exactly the output of a clean build; `*.tmp-PID`
  files a killed build left in the cache are removed by the next build;
- 1,500 cases: an update killed at several moments and as it places its first file in output/, and a
  --clean build (40 cases) killed at several moments and between its two renames (strace holds it
  there), each followed by a build that fails on a content error, leave output/ equal to the old or the
  new site, entire; "was left as it was" is printed only when it is true;
- the two pathological inputs of the issue (`![[]()` and `图 1-1 ` × 40,000) are built or refused in
  at most 2 s each, and a 20 MB case is refused naming its size. The 2 s are meant for the release
  binary; the given binary is timed, against 2 s times FAULTS_TIME_SCALE (default 1);
- a symlinked `Content/cases` or `site.yaml` leading out of Content/ is refused, nothing of it published;
- control characters from YAML escapes reach neither the output nor the terminal; atom.xml parses;
- a UTF-16 file is named as UTF-16 with a conversion command (iconv).

The kill trials run beside the other checks (their lines come last); the timed ones run alone first.
Prints `ok   name` or `FAIL name: detail` per check (`skip name: why` when this machine cannot run
one), then `N passed, N failed`; exits 1 if any failed. FAULTS_ONLY=word,word runs only the checks
whose function names contain one of the words.
"""
import concurrent.futures
import hashlib
import os
import random
import re
import shutil
import struct
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.request
import xml.etree.ElementTree as ElementTree

if len(sys.argv) != 2 or not os.access(sys.argv[1], os.X_OK):
    sys.exit("usage: check_faults.py CASEBOOK_BINARY (an executable)")
BINARY = os.path.abspath(sys.argv[1])
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIME_SCALE = float(os.environ.get("FAULTS_TIME_SCALE", "1"))
# A trap should fail fast, not spend seconds printing a backtrace.
# Messages in English here: the checks below read what a build claims (e.g. "was left as it was").
ENV = dict(os.environ, SWIFT_BACKTRACE="enable=no", LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8")
results = {"passed": 0, "failed": 0, "skipped": 0}
WORK = tempfile.mkdtemp(prefix="casebook-faults-")
SECTIONS = ["community", "stability", "service", "reemployment", "civilization", "leadership-team",
            "branches", "members", "guidance"]


_counting = threading.Lock()
_thread = threading.local()  # a check run beside the others keeps its lines until it is done


def emit(line):
    lines = getattr(_thread, "lines", None)
    if lines is None:
        print(line, flush=True)
    else:
        lines.append(line)


def check(name, ok, detail=""):
    with _counting:
        results["passed" if ok else "failed"] += 1
    # Details quote the binary's output: its control characters are shown escaped, not sent to the terminal.
    detail = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: repr(m.group())[1:-1], str(detail))
    emit(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))


def skip(name, why):
    with _counting:
        results["skipped"] += 1
    emit(f"skip {name}: {why}")


# ---------------------------------------------------------------------------------------- helpers

def fresh(label):
    return tempfile.mkdtemp(prefix=label + "-", dir=WORK)


def project(parent, name="proj", book=True):
    """A copy of the repository's Content/ and Templates/ in parent/name; without the book's own cases
    (and the catalogue that names them) when book is False, for corpora of generated cases only."""
    path = os.path.join(parent, name)
    os.makedirs(path)
    shutil.copytree(os.path.join(REPO, "Content"), os.path.join(path, "Content"))
    shutil.copytree(os.path.join(REPO, "Templates"), os.path.join(path, "Templates"))
    if not book:
        os.unlink(os.path.join(path, "Content", "catalogue.yaml"))
        for name in os.listdir(os.path.join(path, "Content", "cases")):
            os.unlink(os.path.join(path, "Content", "cases", name))
    return path


def write(path, data):
    """Writes a file as a new inode (never through a hard link shared with another copy)."""
    if os.path.lexists(path):
        os.unlink(path)
    with open(path, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def case_text(title, section, body, extra=""):
    return f"---\ntitle: {title}\nsection: {section}\n{extra}---\n\n{body}\n"


def figure_block(fid, values, chart="bar"):
    rows = "".join(f"  {label}: {value}\n" for label, value in values)
    return f"```figure\nid: {fid}\ntitle: 图表{fid}\nchart: {chart}\nbase: 300\ndata:\n{rows}```\n"


def generate(cases_dir, count, figures=False, repeat=20):
    """count small cases spread over the sections, as scripts/check_cli.sh makes them; with figures,
    each has two survey figures (a bar chart and a pie, stacked or bar chart) referred to in its text."""
    for i in range(count):
        body = "社区党建工作的段落。" * repeat
        if figures:
            body += (f"\n\n见图 {i}-1 与图 {i}-2。\n\n"
                     + figure_block(f"{i}-1", [("满意", 40 + i % 7), ("不满意", 30 + i % 5)])
                     + "\n" + "社区服务的段落。" * repeat + "\n\n"
                     + figure_block(f"{i}-2", [("经常", 42), ("偶尔", 35 + i % 9), ("从不", 11)],
                                    ("pie", "stacked", "bar")[i % 3]))
        write(os.path.join(cases_dir, f"gen-{i:05d}.md"),
              case_text(f"生成的案例 {i}", SECTIONS[i % len(SECTIONS)], body, f"tags: [标签{i % 50}]\n"))


def run(args, cwd, timeout=180, user=None):
    """Runs the binary; returns (exit status, stdout+stderr as text, the same as bytes, seconds).
    The status is None when the run took longer than timeout (it is then killed)."""
    command = ([*user] if user else []) + [BINARY, *args]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
        status = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        status = None
    elapsed = time.monotonic() - started
    text = out.decode("utf-8", "replace") + err.decode("utf-8", "replace")
    return status, text, out + err, elapsed


def build(cwd, *extra, output="out", timeout=180, user=None):
    return run(["build", "--content", "Content", "--templates", "Templates", "--output", output, *extra],
               cwd, timeout=timeout, user=user)


def tree(path):
    """Everything under path: {relative path: kind and content hash}; a file is {'': its hash};
    None when nothing is there."""
    if not os.path.lexists(path):
        return None
    if os.path.islink(path):
        return {"": ("link", os.readlink(path))}
    if not os.path.isdir(path):
        return {"": ("file", _digest(path))}
    entries = {}
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            full = os.path.join(root, name)
            relative = os.path.relpath(full, path)
            if os.path.islink(full):
                entries[relative] = ("link", os.readlink(full))
            elif os.path.isdir(full):
                entries[relative] = ("dir",)
            else:
                entries[relative] = ("file", _digest(full))
    return entries


_digests = {}


def _digest(path):
    # Hard-linked copies share inodes: a file whose inode, size and times are known is not read again.
    info = os.stat(path)
    key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    if key not in _digests:
        with open(path, "rb") as handle:
            _digests[key] = hashlib.sha1(handle.read()).hexdigest()
    return _digests[key]


def difference(a, b):
    """A short description of how tree b differs from tree a."""
    if a is None or b is None:
        return f"{'nothing' if a is None else len(a)} entries before, {'nothing' if b is None else len(b)} after"
    gone = sorted(set(a) - set(b))
    added = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    parts = []
    for label, keys in (("missing", gone), ("extra", added), ("changed", changed)):
        if keys:
            parts.append(f"{len(keys)} {label} ({', '.join(keys[:3])}{', …' if len(keys) > 3 else ''})")
    return "; ".join(parts) or "identical"


def linked_copy(source, destination, copy=()):
    """Copies a folder with hard links: the same inodes and stamps, so a build sees the very files it
    left, and quick. Empty files (the cache's lock) and the top-level entries named in copy are copied.
    Builds replace files by renaming and the checks write with `write` (a new inode), so the source
    stays as it was; the checks confirm this at the end."""
    def link(src, dst):
        if os.path.getsize(src) == 0:
            shutil.copy2(src, dst)
        else:
            os.link(src, dst)
    os.makedirs(destination)
    for name in os.listdir(source):
        src, dst = os.path.join(source, name), os.path.join(destination, name)
        if name in copy:
            shutil.copytree(src, dst, symlinks=True)
        elif os.path.isdir(src) and not os.path.islink(src):
            shutil.copytree(src, dst, symlinks=True, copy_function=link)
        else:
            link(src, dst)


def one_line(text, limit=300):
    text = " | ".join(line for line in text.strip().splitlines() if line.strip())
    return text if len(text) <= limit else text[:limit] + "…"


def failed_by_signal(status):
    return status is None or status < 0 or status > 128


def describe(status, text):
    if status is None:
        return "did not finish (killed after the time limit)"
    if status < 0:
        return f"killed by signal {-status}: {one_line(text, 200)}"
    return f"exit {status}: {one_line(text)}"


# ---------------------------------------------------------------------------------------- 1. --output

def check_output_guard():
    targets = [
        ("the content folder", "Content", "Content"),
        ("the working directory (.)", ".", "."),
        ("the parent folder (..)", "..", ".."),
        ("the templates folder", "Templates", "Templates"),
        ("an existing file", "notes.txt", "notes.txt"),
        ("a non-empty folder of unrelated files", "foreign", "foreign"),
    ]
    for label, output, target in targets:
        # proj sits two folders deep, so that even a build that replaces `..` stays inside this check's folder.
        proj = project(os.path.join(fresh("guard"), "outer", "inner"))
        write(os.path.join(proj, "notes.txt"), "一个编辑的笔记\n")
        os.makedirs(os.path.join(proj, "foreign", "sub"))
        write(os.path.join(proj, "foreign", "a.txt"), "不是 Casebook 做的\n")
        write(os.path.join(proj, "foreign", "sub", "b.html"), "<p>另一个网站</p>\n")
        target_path = os.path.normpath(os.path.join(proj, target))
        before = tree(target_path)
        status, text, _, _ = build(proj, output=output)
        after = tree(target_path)
        check(f"--output {output} ({label}) is refused with a message",
              status is not None and 0 < status < 128 and text.strip() != "", describe(status, text))
        check(f"--output {output} ({label}) is left byte-identical", before == after, difference(before, after))

    proj = project(fresh("guard-ok"))
    status, text, _, _ = build(proj, output="made")
    first = status == 0
    cases = os.path.join(proj, "Content", "cases", "yu-yunyao-speech.md")
    write(cases, read(cases).replace("中央组织部召开全国性会议", "中央组织部召开全国性会议（改）", 1))
    status2, text2, _, _ = build(proj, output="made")
    check("an output folder Casebook made is accepted by the next build",
          first and status2 == 0 and "（改）" in read(os.path.join(proj, "made", "cases", "yu-yunyao-speech.html")),
          describe(status2, text2) if first else describe(status, text))
    status3, text3, _, _ = build(proj, "--clean", output="made")
    check("an output folder Casebook made is accepted by a --clean build", status3 == 0, describe(status3, text3))
    # The README says the cache "is never published, and you can delete it at any time".
    shutil.rmtree(os.path.join(proj, ".made.cache"), ignore_errors=True)
    status4, text4, _, _ = build(proj, output="made")
    check("an output folder Casebook made is accepted after its cache folder was deleted", status4 == 0,
          describe(status4, text4))

    status, text, _, _ = build(proj, output="missing/site")
    check("a missing output folder is accepted",
          status == 0 and os.path.isfile(os.path.join(proj, "missing", "site", "index.html")), describe(status, text))
    os.makedirs(os.path.join(proj, "empty"))
    status, text, _, _ = build(proj, output="empty")
    check("an empty output folder is accepted",
          status == 0 and os.path.isfile(os.path.join(proj, "empty", "index.html")), describe(status, text))


# ---------------------------------------------------------------------------------------- 2. huge number

HUGE_CASE = """---
title: 一个太大的数
section: service
---

前言。

```figure
id: 1-1
title: 大数
chart: bar
data:
  甲: 10000000000000000000
  乙: 5
```
"""
HUGE_LINE = HUGE_CASE.splitlines().index("  甲: 10000000000000000000") + 1


def check_huge_number():
    proj = project(fresh("huge"))
    write(os.path.join(proj, "Content", "cases", "x.md"), HUGE_CASE)
    where = re.compile(r"cases/x\.md:%d:" % HUGE_LINE)
    status, text, _, _ = run(["check", "--content", "Content", "--templates", "Templates"], proj, timeout=60)
    check("check: a figure value of 10000000000000000000 exits 1, no trap", status == 1, describe(status, text))
    check(f"check: it is a diagnostic at cases/x.md:{HUGE_LINE}", bool(where.search(text)), one_line(text))
    status, text, _, _ = build(proj, timeout=60)
    check("build: a figure value of 10000000000000000000 exits 1, no trap", status == 1, describe(status, text))
    check(f"build: it is a diagnostic at cases/x.md:{HUGE_LINE}", bool(where.search(text)), one_line(text))
    check("build: nothing is published from it", not os.path.exists(os.path.join(proj, "out")))


def check_serve_survives_huge_number():
    proj = project(fresh("huge-serve"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([BINARY, "serve", "--port", str(port)], cwd=proj, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def page():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                return response.read().decode("utf-8", "replace") if response.status == 200 else None
        except OSError:
            return None

    name = "serve stays up when a figure value of 10000000000000000000 is saved, and shows the error"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and page() is None and server.poll() is None:
            time.sleep(0.1)
        if page() is None:
            check(name, False, "serve did not start")
            return
        write(os.path.join(proj, "Content", "cases", "x.md"), HUGE_CASE)
        # serve notices the save, rebuilds, and shows the error over the last good page.
        deadline = time.monotonic() + 10
        shown = False
        while time.monotonic() < deadline and server.poll() is None and not shown:
            time.sleep(0.1)
            shown = '<div id="casebook-build-error"' in (page() or "")
        alive = server.poll() is None and page() is not None
        check(name, alive and shown, f"serve exited with {server.returncode}" if server.poll() is not None
              else "serve no longer answers" if not alive else "no error shown within 10 s")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# ---------------------------------------------------------------------------------------- 3. unwritable output

def _unwritable_trial(name, make_unwritable, undo, user=None, chown=False, extra=()):
    root = fresh("unwritable")
    proj = project(root)
    status, text, _, _ = build(proj, output="site-ro")
    if status != 0:
        check(name, False, "the first build failed: " + describe(status, text))
        return
    case = os.path.join(proj, "Content", "cases", "yu-yunyao-speech.md")
    write(case, read(case).replace("中央组织部召开全国性会议", "中央组织部召开全国性会议（改）", 1))
    site = os.path.join(proj, "site-ro")
    if chown:
        for folder, dirs, files in os.walk(root):
            for entry in [folder] + [os.path.join(folder, f) for f in files]:
                os.lchown(entry, 65534, 65534)
    make_unwritable(site)
    try:
        status, text, _, _ = build(proj, *extra, output="site-ro", user=user)
    finally:
        undo(site)
    claims = [line for line in text.splitlines() if re.search(r"\bwritten\b|^built\b", line, re.IGNORECASE)]
    naming = [line for line in text.splitlines() if "site-ro" in line and line not in claims]
    check(f"{name}: the build fails", status is not None and 0 < status < 128, describe(status, text))
    check(f"{name}: a message names the path", bool(naming), one_line(text))
    check(f"{name}: nothing says written or built", not claims, "; ".join(claims))
    check(f"{name}: the cause is in words, not an NSError dump", "Error Domain=" not in text, one_line(text))


def check_unwritable_output():
    if shutil.which("chattr"):
        def immutable(site, flag):
            folders = [root for root, _, _ in os.walk(site)]
            subprocess.run(["chattr", flag, *folders], stderr=subprocess.DEVNULL, check=False)

        probe = os.path.join(fresh("chattr-probe"), "p")
        os.makedirs(probe)
        works = subprocess.run(["chattr", "+i", probe], stderr=subprocess.DEVNULL).returncode == 0
        subprocess.run(["chattr", "-i", probe], stderr=subprocess.DEVNULL)
        if works:
            _unwritable_trial("update into an immutable output/ (chattr +i)",
                              lambda s: immutable(s, "+i"), lambda s: immutable(s, "-i"))
            _unwritable_trial("--clean build into an immutable output/ (chattr +i)",
                              lambda s: immutable(s, "+i"), lambda s: immutable(s, "-i"), extra=("--clean",))
        else:
            skip("update into an immutable output/", "chattr +i does not work on this file system")
    else:
        skip("update into an immutable output/", "no chattr")

    # Root ignores permissions: the read-only case runs as nobody, on a copy nobody owns.
    runner = None
    if os.geteuid() == 0 and shutil.which("setpriv"):
        runner = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    elif os.geteuid() == 0 and shutil.which("runuser"):
        runner = ["runuser", "-u", "nobody", "--"]
    if os.geteuid() != 0:
        runner = []
    if runner is None:
        skip("update into a read-only output/", "running as root without setpriv or runuser")
        return
    probe = subprocess.run(runner + [BINARY, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if probe.returncode != 0:
        skip("update into a read-only output/", f"{BINARY} cannot be run as nobody")
        return
    os.chmod(WORK, 0o755)

    def chmod_tree(site, remove):
        for folder, dirs, files in os.walk(site):
            for entry in [folder] + [os.path.join(folder, f) for f in files]:
                mode = os.lstat(entry).st_mode
                os.chmod(entry, (mode & ~0o222) if remove else (mode | 0o200))

    _unwritable_trial("update into a read-only output/ (as an unprivileged user)",
                      lambda s: chmod_tree(s, True), lambda s: chmod_tree(s, False),
                      user=runner, chown=os.geteuid() == 0)


# ---------------------------------------------------------------------------------------- 4. damaged cache

def _damages(data, rng):
    middle = len(data) // 2
    flipped = bytearray(data)
    flipped[middle] ^= 1 << rng.randrange(8)
    garbage = rng.randbytes(len(data))
    if garbage == data:
        garbage = bytes(b ^ 0xFF for b in data)
    return [("truncated to half", data[:middle]), ("zeroed", bytes(len(data))),
            ("garbage of the same length", garbage), ("one bit flipped", bytes(flipped))]


STORE_KINDS = {1: "summary", 2: "input row", 3: "output row", 4: "case head", 5: "case HTML", 6: "case text",
               7: "case charts", 8: "print article", 9: "print frame", 10: "search batch", 11: "search merge"}
BULKY = {5, 6, 7, 8, 10}   # kept in blobs.log, their records in store.log pointing there


def _store_records(data):
    """The records of a cache store's `store.log` (see CacheStore.swift): (kind, name, head offset, value
    offset, value length) in file order, read as far as they go."""
    records = []
    offset = 12 + struct.unpack_from("<I", data, 8)[0]
    while offset + 24 <= len(data):
        kind, _, name_length, value_length = struct.unpack_from("<BBHI", data, offset)
        name_start = offset + 24
        value_start = name_start + name_length
        if value_start + value_length > len(data):
            break
        records.append((kind, data[name_start:value_start].decode("utf-8", "replace"), offset, value_start, value_length))
        offset = value_start + value_length
    return records


def _store_damages(store, blobs, avoid):
    """Damages of the store, as (label, kind, file, damaged bytes): for the last (live) record of each kind
    with a value (not of the cases in avoid, which the next build renders again), one bit flipped in its
    head and one in the middle of its value (for a bulky kind, of the value in blobs.log); then each file
    cut at its last record, truncated to half, zeroed and garbled."""
    last = {}
    for kind, name, head, value, length in _store_records(store):
        if kind in STORE_KINDS and length > 0 and not any(a in name for a in avoid):
            last[kind] = (name, head, value, length)

    def flipped(data, at):
        changed = bytearray(data)
        changed[at] ^= 0x08
        return bytes(changed)
    damages = []
    for kind, (name, head, value, length) in sorted(last.items()):
        label = f"{STORE_KINDS[kind]} {name!r}"
        damages.append((f"{label}: a bit of its head flipped", kind, "store.log", flipped(store, head + 4)))
        if kind in BULKY:
            blob_offset, blob_length = struct.unpack_from("<QQ", store, value)
            damages.append((f"{label}: a bit of its value in blobs.log flipped", kind, "blobs.log",
                            flipped(blobs, blob_offset + blob_length // 2)))
        else:
            damages.append((f"{label}: a bit of its value flipped", kind, "store.log", flipped(store, value + length // 2)))
    records = _store_records(store)
    rng = random.Random(31)
    for name, data in (("store.log", store), ("blobs.log", blobs)):
        cut = records[-1][3] + 1 if name == "store.log" else len(data) - 100
        damages += [(f"{name} cut at its end", 0, name, data[:cut]), (f"{name} truncated to half", 0, name, data[:len(data) // 2]),
                    (f"{name} zeroed", 0, name, bytes(len(data))), (f"{name} garbled", 0, name, rng.randbytes(len(data)))]
    return damages, sorted(STORE_KINDS[kind] for kind in last)


EDITS = ("a body edit", "a title edit")


def _edit(proj, kind):
    """The edit before a damaged build, so that it is an update. A body edit takes everything else from
    the cache (other cases' pages are kept; print articles and search batches are reused); a title edit
    changes every page's table of contents, so every page is made again from the cached cases."""
    path = os.path.join(proj, "Content", "cases", "gen-00001.md")
    text = read(path).replace("段落。", "段落，又改了。", 2)
    if kind == "a title edit":
        text = text.replace("生成的案例 1\n", "改过标题的案例 1\n", 1)
    write(path, text)


def check_damaged_cache():
    root = fresh("cache")
    golden = project(root, "golden", book=False)
    generate(os.path.join(golden, "Content", "cases"), 10, figures=True)
    status, text, _, _ = build(golden)
    # A second, update build, so that the store also holds what only updates write (records replaced).
    path = os.path.join(golden, "Content", "cases", "gen-00000.md")
    write(path, read(path).replace("段落。", "段落，改了。", 1))
    status2, text2, _, _ = build(golden)
    if status != 0 or status2 != 0:
        check("damaged cache: the corpus builds", False, describe(status, text) + " / " + describe(status2, text2))
        return
    golden_tree = tree(golden)
    cache = os.path.join(golden, ".out.cache")

    expected = {}
    for kind in EDITS:
        reference = os.path.join(root, "reference-" + kind.split()[1])
        linked_copy(golden, reference, copy=("Content",))
        shutil.rmtree(os.path.join(reference, "out"), ignore_errors=True)
        shutil.rmtree(os.path.join(reference, ".out.cache"), ignore_errors=True)
        _edit(reference, kind)
        status, text, _, _ = build(reference, "--clean", output="clean")
        if status != 0:
            check("damaged cache: the clean reference builds", False, describe(status, text))
            return
        expected[kind] = tree(os.path.join(reference, "clean"))

    def trial(edit, damage):
        proj = tempfile.mkdtemp(prefix="trial-", dir=root)
        os.rmdir(proj)
        linked_copy(golden, proj, copy=(".out.cache",))
        _edit(proj, edit)
        if damage:
            damage(os.path.join(proj, ".out.cache"))
        status, text, _, _ = build(proj)
        got = tree(os.path.join(proj, "out"))
        shutil.rmtree(proj, ignore_errors=True)
        if status != 0:
            return describe(status, text)
        if got != expected[edit]:
            return "output differs from a clean build: " + difference(expected[edit], got)
        return None

    for edit in EDITS:
        problem = trial(edit, None)
        check(f"damaged cache: an undamaged update after {edit} equals the clean build", problem is None, problem)
    with open(os.path.join(cache, "store.log"), "rb") as store, open(os.path.join(cache, "blobs.log"), "rb") as blobs:
        damages, kinds = _store_damages(store.read(), blobs.read(), avoid=("gen-00001",))
    others = sorted(n for n in os.listdir(cache) if n not in ("store.log", "blobs.log", "lock"))
    check("the cache folder holds the store's two files (store.log, blobs.log) and the lock, nothing else", not others, ", ".join(others))
    trials = []
    for label, kind, file, damaged in damages:
        # After a body edit the other cases' pages are kept and their bodies never read, so a case's own
        # values are damaged before a title edit, which makes every page again from the cached cases.
        edit = EDITS[1] if 4 <= kind <= 7 else EDITS[0]
        trials.append((f"{label}, after {edit}", edit, file, damaged))

    def damaged_trial(item):
        name, edit, file, damaged = item

        def damage(trial_cache):
            with open(os.path.join(trial_cache, file), "wb") as handle:
                handle.write(damaged)
        problem = trial(edit, damage)
        return f"{name}: {problem}" if problem else None

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        bad = [problem for problem in pool.map(damaged_trial, trials) if problem]
    check(f"damaged cache: each of {len(kinds)} kinds of record in the store ({', '.join(kinds)}) with a bit flipped in "
          f"its head and in its value, and each of the two files cut, truncated, zeroed and garbled ({len(trials)} trials), "
          "give exactly the clean build's output, exit 0",
          not bad and len(kinds) >= 10,
          f"{len(bad)} of {len(trials)} trials wrong: " + " || ".join(bad[:8]) if bad else f"only {len(kinds)} kinds")

    # Temporary files a killed build left in the cache are removed by the next build. The build is killed
    # as it first writes in the cache (so it surely holds the cache's lock: a build may clean up only after
    # one that did not end), and a stray `*.tmp-PID` of a process that no longer runs is added.
    name = "*.tmp-PID files a killed build left in the cache (and a stray one) are removed by the next build"
    for attempt in range(3):
        proj = tempfile.mkdtemp(prefix="stray-", dir=root)
        os.rmdir(proj)
        linked_copy(golden, proj)
        _edit(proj, EDITS[1])
        store = os.path.join(proj, ".out.cache", "store.log")
        before = os.stat(store).st_size
        process = _start(proj)
        while process.poll() is None and os.stat(store).st_size == before:
            time.sleep(0.0002)
        _kill(process)
        if process.returncode == -signal.SIGKILL:
            break
    if process.returncode != -signal.SIGKILL:
        skip(name, "the build ended before it could be killed as it wrote in the cache")
    else:
        pid = 12345
        while os.path.exists(f"/proc/{pid}"):
            pid += 1
        write(os.path.join(proj, ".out.cache", "store.log.tmp-%d" % pid), b"half-written cache file")
        status, text, _, _ = build(proj)
        left = [os.path.relpath(os.path.join(f, n), proj) for f, _, names in os.walk(os.path.join(proj, ".out.cache"))
                for n in names if re.search(r"\.tmp-\d+$", n)]
        check(name, status == 0 and not left, describe(status, text) if status != 0 else "still there: " + ", ".join(left))
    check("damaged cache: the trials' hard-linked copies never changed the corpus they came from",
          tree(golden) == golden_tree, difference(golden_tree, tree(golden)))


# ---------------------------------------------------------------------------------------- 5. kills

ERROR_CASE = "gen-00003.md"


def _introduce_error(proj):
    path = os.path.join(proj, "Content", "cases", ERROR_CASE)
    write(path, read(path).replace("title:", "titel:", 1))


def _edit_many(proj, count=1500):
    """Edits the body of every fifth generated case."""
    for i in range(0, count, 5):
        path = os.path.join(proj, "Content", "cases", f"gen-{i:05d}.md")
        write(path, read(path).replace("段落。", "段落，改。", 3))


def _start(proj, *extra):
    return subprocess.Popen([BINARY, "build", "--content", "Content", "--templates", "Templates",
                             "--output", "out", *extra], cwd=proj, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _kill(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _states(states):
    return "what the kills left: " + ", ".join(f"{n} {s}" for s, n in sorted(states.items()))


def _state(site, old, new):
    return "old" if site == old else "new" if site == new else "missing" if site is None else "mixed"


def _after_kill(proj, old, new, states=None):
    """The build after a kill fails on a content error; output/ must then be the old or the new site,
    and the build may say it left output/ as it was only if it did. Returns a problem or None, and
    counts in states what the kill left in output/."""
    before = tree(os.path.join(proj, "out"))
    if states is not None:
        state = _state(before, old, new)
        states[state] = states.get(state, 0) + 1
    _introduce_error(proj)
    status, text, _, _ = build(proj)
    after = tree(os.path.join(proj, "out"))
    problems = []
    if status is None or status == 0 or failed_by_signal(status):
        problems.append("the build with a content error did not fail cleanly: " + describe(status, text))
    if after != old and after != new:
        problems.append("output/ is neither the old nor the new site: against old "
                        + difference(old, after) + "; against new " + difference(new, after))
    if "was left as it was" in text and before != after:
        problems.append("it printed 'was left as it was' but changed output/ (" + difference(before, after) + ")")
    return "; ".join(problems) or None


def check_kills():
    root = fresh("kill")
    golden = project(root, "golden")
    cases = os.path.join(golden, "Content", "cases")
    generate(cases, 1500, repeat=8)
    reference = project(root, "reference")
    shutil.rmtree(os.path.join(reference, "Content"))
    shutil.copytree(os.path.join(golden, "Content"), os.path.join(reference, "Content"))
    _edit_many(reference)
    # The old site and the new one (a clean build of the edited content elsewhere), side by side.
    first = _start(golden)
    second = _start(reference, "--clean")
    first.wait()
    second.wait()
    if first.returncode != 0 or second.returncode != 0:
        check("kills: the 1,500-case corpus builds", False, f"exit {first.returncode} and {second.returncode}")
        return
    _edit_many(golden)
    golden_tree = tree(golden)
    old = tree(os.path.join(golden, "out"))
    new = tree(os.path.join(reference, "out"))
    counter = [0]

    def copy():
        counter[0] += 1
        proj = os.path.join(root, f"trial-{counter[0]}")
        linked_copy(golden, proj)
        return proj

    # How long the update takes, undisturbed; its result must be the new site.
    proj = copy()
    started = time.monotonic()
    process = _start(proj)
    process.wait()
    update_seconds = time.monotonic() - started
    got = tree(os.path.join(proj, "out"))
    check("kills: an undisturbed update of 300 of 1,500 cases equals the clean build",
          process.returncode == 0 and got == new, f"exit {process.returncode}; " + difference(new, got))
    shutil.rmtree(proj, ignore_errors=True)

    # Timed kills of the update, spread over its duration and denser near its end, where it commits.
    bad, states = [], {}
    fractions = [0.2, 0.45, 0.7, 0.85, 0.95, 0.99]
    for fraction in fractions:
        proj = copy()
        process = _start(proj)
        time.sleep(update_seconds * fraction)
        _kill(process)
        problem = _after_kill(proj, old, new, states)
        if problem:
            bad.append(f"killed at {fraction:.0%} ({update_seconds * fraction:.2f} s): {problem}")
        shutil.rmtree(proj, ignore_errors=True)
    check(f"kills: an update killed at {len(fractions)} moments over its {update_seconds:.1f} s, then a failing "
          f"build: output/ is the old or the new site ({_states(states)})", not bad, " || ".join(bad))

    # A kill just as the first file is placed in output/: the journal is then half applied.
    proj = copy()
    watched = [os.path.join(proj, "out"), os.path.join(proj, "out", "cases")]

    def stamps():
        try:
            return [os.stat(p).st_mtime_ns for p in watched]
        except FileNotFoundError:
            return None
    before = stamps()
    process = _start(proj)
    while process.poll() is None and stamps() == before:
        time.sleep(0.0002)
    _kill(process)
    states = {}
    problem = _after_kill(proj, old, new, states)
    check("kills: an update killed as it places its first file in output/, then a failing build: "
          f"output/ is the old or the new site ({_states(states)})", problem is None, problem)
    shutil.rmtree(proj, ignore_errors=True)

    check("kills: the update trials' hard-linked copies never changed the corpus they came from",
          tree(golden) == golden_tree, difference(golden_tree, tree(golden)))
    shutil.rmtree(root, ignore_errors=True)


def check_clean_kills():
    """--clean builds swap a whole new folder in, so a small corpus shows the same windows more quickly."""
    root = fresh("kill-clean")
    golden = project(root, "golden", book=False)
    generate(os.path.join(golden, "Content", "cases"), 40, figures=True)
    status, text, _, _ = build(golden)
    _edit_many(golden, 40)
    reference = os.path.join(root, "reference")
    linked_copy(golden, reference, copy=("Content",))
    shutil.rmtree(os.path.join(reference, "out"), ignore_errors=True)
    shutil.rmtree(os.path.join(reference, ".out.cache"), ignore_errors=True)
    status2, text2, _, _ = build(reference, "--clean")
    if status != 0 or status2 != 0:
        check("kills: the 40-case corpus builds", False, describe(status, text) + " / " + describe(status2, text2))
        return
    golden_tree = tree(golden)
    old = tree(os.path.join(golden, "out"))
    new = tree(os.path.join(reference, "out"))

    def copy():
        proj = tempfile.mkdtemp(prefix="trial-", dir=root)
        os.rmdir(proj)
        linked_copy(golden, proj)
        return proj

    proj = copy()
    started = time.monotonic()
    process = _start(proj, "--clean")
    process.wait()
    seconds = time.monotonic() - started
    got = tree(os.path.join(proj, "out"))
    check("kills: an undisturbed --clean build equals the clean reference",
          process.returncode == 0 and got == new, f"exit {process.returncode}; " + difference(new, got))
    bad, states = [], {}
    fractions = [0.3, 0.6, 0.85, 0.95, 1.0]
    for fraction in fractions:
        proj = copy()
        process = _start(proj, "--clean")
        time.sleep(seconds * fraction)
        _kill(process)
        problem = _after_kill(proj, old, new, states)
        if problem:
            bad.append(f"killed at {fraction:.0%} ({seconds * fraction:.2f} s): {problem}")
        shutil.rmtree(proj, ignore_errors=True)
    check(f"kills: a --clean build killed at {len(fractions)} moments over its {seconds:.1f} s, then a failing "
          f"build: output/ is the old or the new site ({_states(states)})", not bad, " || ".join(bad))

    # Right after it renamed output/ away, before the new one takes its place: strace holds the thread
    # there for a moment after that rename (the window is otherwise microseconds wide).
    name = "kills: a --clean build killed between its two renames, then a failing build: output/ is the old or the new site"
    if not shutil.which("strace"):
        skip(name, "needs strace to stop the build between the renames")
    else:
        proj = copy()
        out = os.path.join(proj, "out")
        calls = "rename,renameat,renameat2"
        tracer = subprocess.Popen(["strace", "-f", "-qq", "-o", "/dev/null", "-P", out, "-P", "out",
                                   "-e", "trace=" + calls, "-e", f"inject={calls}:delay_exit=1500000:when=1",
                                   BINARY, "build", "--clean", "--content", "Content", "--templates", "Templates",
                                   "--output", "out"], cwd=proj, env=ENV, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, start_new_session=True)
        renamed_away = False
        while tracer.poll() is None:
            if not os.path.exists(out):
                renamed_away = True
                break
            time.sleep(0.0005)
        _kill(tracer)
        if tracer.returncode not in (0, -signal.SIGKILL) and not renamed_away:
            skip(name, "strace cannot trace here: " + one_line(tracer.stderr.read().decode("utf-8", "replace")))
        else:
            states = {}
            problem = _after_kill(proj, old, new, states)
            check(f"{name} ({_states(states)})", problem is None, problem)
    check("kills: the --clean trials' hard-linked copies never changed the corpus they came from",
          tree(golden) == golden_tree, difference(golden_tree, tree(golden)))


# ---------------------------------------------------------------------------------------- 6. bounded cost

def check_bounded_cost():
    limit = 2.0 * TIME_SCALE
    for label, body in (("`![[]()` × 40,000", "![[]()" * 40000),
                        ("`图 1-1 ` × 40,000 without that figure", "图 1-1 " * 40000)):
        proj = project(fresh("cost"))
        write(os.path.join(proj, "Content", "cases", "x.md"), case_text("病态输入", "service", body))
        status, text, _, seconds = build(proj, timeout=max(limit * 2, limit + 2))
        # Built, or refused with a message; either way within the limit (2 s is meant for the release binary).
        finished = status == 0 or (status is not None and 0 < status < 128 and text.strip() != "")
        check(f"{label} ({len(body.encode()) // 1000} KB) is built or refused in at most {limit:g} s",
              finished and seconds <= limit, f"{seconds:.2f} s; " + describe(status, text))

    proj = project(fresh("cost-big"))
    line = "社区党建工作的段落，这是一个很大的案例文件。" * 20 + "\n\n"
    size = 20 * 1000 * 1000
    body = (line * (size // len(line.encode()) + 1)).encode()[:size - 60]
    body = body.decode("utf-8", "ignore")
    data = case_text("很大的案例", "service", body).encode()
    write(os.path.join(proj, "Content", "cases", "big.md"), data)
    status, text, _, seconds = build(proj, timeout=max(limit * 5, 10))
    named = re.search(r"(19|20|21)([.,]\d+)?\s*(MB|MiB|M\b|兆)", text) or str(len(data)) in text.replace(",", "")
    check(f"a 20 MB case ({len(data):,} bytes) is refused, exit 1", status == 1, describe(status, text))
    check("the refusal names the file and its size", bool(named) and "big.md" in text, describe(status, text))


# ---------------------------------------------------------------------------------------- 7. symlinks

def check_symlinks():
    marker = "外部的秘密案例"
    root = fresh("symlink-cases")
    proj = project(root)
    outside = os.path.join(root, "elsewhere", "cases")
    shutil.copytree(os.path.join(proj, "Content", "cases"), outside)
    write(os.path.join(outside, "secret.md"), case_text(marker, "service", marker + "的正文。"))
    shutil.rmtree(os.path.join(proj, "Content", "cases"))
    os.symlink(outside, os.path.join(proj, "Content", "cases"))
    status, text, _, _ = build(proj)
    leaked = _published(os.path.join(proj, "out"), marker.encode())
    check("a symlinked Content/cases (to a folder outside Content/) is refused with a message",
          status is not None and 0 < status < 128 and text.strip() != "", describe(status, text))
    check("nothing from a symlinked Content/cases is published", not leaked, ", ".join(leaked[:3]))

    marker = "外部的网站标题"
    root = fresh("symlink-site")
    proj = project(root)
    outside = os.path.join(root, "elsewhere", "site.yaml")
    os.makedirs(os.path.dirname(outside))
    write(outside, read(os.path.join(proj, "Content", "site.yaml")).replace("title: 街道社区党建工作指导", "title: " + marker, 1))
    os.unlink(os.path.join(proj, "Content", "site.yaml"))
    os.symlink(outside, os.path.join(proj, "Content", "site.yaml"))
    status, text, _, _ = build(proj)
    leaked = _published(os.path.join(proj, "out"), marker.encode())
    check("a symlinked Content/site.yaml (to a file outside Content/) is refused with a message",
          status is not None and 0 < status < 128 and text.strip() != "", describe(status, text))
    check("nothing from a symlinked site.yaml is published", not leaked, ", ".join(leaked[:3]))


def _published(site, needle):
    found = []
    for folder, _, files in os.walk(site):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                if needle in handle.read():
                    found.append(os.path.relpath(os.path.join(folder, name), site))
    return found


# ---------------------------------------------------------------------------------------- 8. control characters

CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_control_characters():
    for label, escape in (("\\e[31m", "\\e[31m"), ("\\0", "\\0")):
        proj = project(fresh("control"))
        text = f'---\ntitle: "控制字符{escape}标题"\nsection: service\nsummary: "摘要{escape}"\n---\n\n正文。\n'
        write(os.path.join(proj, "Content", "cases", "ctl.md"), text)
        status, output, raw, _ = build(proj, "--base-url", "https://example.org/casebook/")
        name = f'a title with the YAML escape "{label}"'
        at_line = re.search(r"cases/ctl\.md:2\b", output)
        if status == 0:
            check(f"{name}: the build warns at its line", bool(at_line), one_line(output))
        else:
            check(f"{name}: the build refuses it at its line (or warns and builds)",
                  status is not None and 0 < status < 128 and bool(at_line), describe(status, output))
        check(f"{name}: no raw control character on the terminal", not CONTROL.search(raw),
              repr(CONTROL.search(raw).group()) if CONTROL.search(raw) else "")
        site = os.path.join(proj, "out")
        dirty = []
        for folder, _, files in os.walk(site):
            for file in files:
                with open(os.path.join(folder, file), "rb") as handle:
                    if CONTROL.search(handle.read()):
                        dirty.append(os.path.relpath(os.path.join(folder, file), site))
        check(f"{name}: no control character in any output file", not dirty, ", ".join(sorted(dirty)[:5]))
        if status == 0:
            try:
                ElementTree.parse(os.path.join(site, "atom.xml"))
                check(f"{name}: atom.xml is well-formed XML", True)
            except (ElementTree.ParseError, OSError) as error:
                check(f"{name}: atom.xml is well-formed XML", False, error)

    # A diagnostic that quotes the value (an unknown section) prints the escape, not the raw character.
    proj = project(fresh("control-diagnostic"))
    write(os.path.join(proj, "Content", "cases", "ctl.md"),
          '---\ntitle: 标题\nsection: "服务\\e[31m"\n---\n\n正文。\n')
    status, output, raw, _ = build(proj)
    found = CONTROL.search(raw)
    check('a diagnostic quoting a section "服务\\e[31m" fails at its line and prints no raw control character',
          status == 1 and re.search(r"cases/ctl\.md:3\b", output) and not found,
          (f"raw {found.group()!r} in: " if found else "") + describe(status, output))


# ---------------------------------------------------------------------------------------- 9. UTF-16

def check_utf16():
    proj = project(fresh("utf16"))
    text = case_text("用 UTF-16 保存的案例", "service", "正文。").replace("\n", "\r\n")
    write(os.path.join(proj, "Content", "cases", "wide.md"), text.encode("utf-16"))
    for command in (["check", "--content", "Content", "--templates", "Templates"],
                    ["build", "--content", "Content", "--templates", "Templates", "--output", "out"]):
        status, output, _, _ = run(command, proj, timeout=60)
        check(f"{command[0]}: a UTF-16 file fails, exit 1", status == 1, describe(status, output))
        check(f"{command[0]}: it is named as UTF-16 with a conversion command",
              "wide.md" in output and re.search(r"UTF-?16", output, re.IGNORECASE) and "iconv" in output,
              one_line(output))


# ----------------------------------------------------------------------------------------

def _guarded(function):
    started = time.monotonic()
    try:
        function()
    except Exception:  # a check that breaks is a failure, and the others still run
        check(function.__name__, False, "the check itself raised: " + one_line(traceback.format_exc(), 600))
    if os.environ.get("FAULTS_TIMES"):
        emit(f"time {function.__name__}: {time.monotonic() - started:.1f} s")


def main():
    started = time.monotonic()
    # The kill trials poll for the moment to kill from their own thread: let it run often.
    sys.setswitchinterval(0.0005)
    only = os.environ.get("FAULTS_ONLY")  # e.g. FAULTS_ONLY=kills,cache while working on one of them

    def chosen(functions):
        return [f for f in functions if not only or any(word in f.__name__ for word in only.split(","))]

    # Timed against a limit, so run alone; then the kill trials (mostly waiting for builds that use about
    # one core) beside the rest, their lines printed when they are done.
    alone = chosen([check_bounded_cost])
    beside = chosen([check_kills])
    rest = chosen([check_output_guard, check_huge_number, check_serve_survives_huge_number,
                   check_unwritable_output, check_damaged_cache, check_symlinks, check_control_characters,
                   check_utf16, check_clean_kills])
    kept = []

    def background():
        _thread.lines = kept
        for function in beside:
            _guarded(function)

    try:
        for function in alone:
            _guarded(function)
        worker = threading.Thread(target=background, daemon=True)
        worker.start()
        for function in rest:
            _guarded(function)
        worker.join()
        for line in kept:
            print(line, flush=True)
    finally:
        if shutil.which("chattr"):
            subprocess.run(["chattr", "-R", "-i", WORK], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(WORK, ignore_errors=True)
    if results["skipped"]:
        print(f"{results['skipped']} skipped (see above)")
    print(f"took {time.monotonic() - started:.0f} s")
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


main()
