#!/usr/bin/env python3
"""Checks `casebook serve` end to end on a loopback port.

    check_serve.py CASEBOOK_BINARY

Copies Content/ and Templates/ to a temporary folder, starts `serve` there, opens the event stream,
edits a case and expects the reload event and the new text within 2 seconds; makes a broken edit and
expects the error over the last good page; checks path, method and Host refusals and content types;
stops the server with Ctrl-C (SIGINT). Prints `N passed, N failed`.
"""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

BINARY = os.path.abspath(sys.argv[1])
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, path, method="GET", host=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type") or "", body.decode("utf-8", "replace")


class EventStream(threading.Thread):
    """Reads `state` events from the server-sent event stream into a list."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.events = []

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", "/__casebook/events")
        response = connection.getresponse()
        data = ""
        while True:
            line = response.fp.readline().decode("utf-8")
            if not line:
                return
            if line.startswith("data: "):
                data = line[6:].strip()
            elif line.strip() == "" and data:
                self.events.append((time.monotonic(), json.loads(data)))
                data = ""


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def main():
    work = tempfile.mkdtemp(prefix="casebook-serve-")
    shutil.copytree(os.path.join(REPO, "Content"), os.path.join(work, "Content"))
    shutil.copytree(os.path.join(REPO, "Templates"), os.path.join(work, "Templates"))
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--port", str(port)], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        up = wait_for(lambda: _answers(port), 60)
        check("serve starts and answers", up)
        if not up:
            return
        status, ctype, body = request(port, "/")
        check("/ serves index.html as UTF-8 HTML", status == 200 and ctype == "text/html; charset=utf-8" and "<h1>" in body, (status, ctype))
        check("served pages carry the live-reload script", "/__casebook/events" in body)
        built = open(os.path.join(work, "output", "index.html"), encoding="utf-8").read()
        check("the built file itself has no live-reload script", "__casebook" not in built)
        status, ctype, _ = request(port, "/cases/tangqiao-fig-1-1.csv")
        check("CSV is text/csv", status == 200 and ctype.startswith("text/csv"), ctype)
        status, ctype, _ = request(port, "/assets/casebook.css")
        check("CSS is text/css", status == 200 and ctype.startswith("text/css"), ctype)
        for path in ("/../x", "/%2e%2e/x", "/cases/..%2f..%2fx", "/%2e%2e%2fetc/passwd", "/a%00b", "/cases/%2E%2E/%2E%2E/x"):
            status, _, _ = request(port, path)
            check(f"{path} is refused", status in (400, 403, 404) and status != 200, status)
        status, _, body = request(port, "/cases/")
        check("no directory listing: a folder without index.html is not found", status == 404 and "找不到此页" in body, status)
        status, _, _ = request(port, "/", method="POST")
        check("POST is refused", status == 405, status)
        status, _, _ = request(port, "/", host="evil.example:%d" % port)
        check("a foreign Host is refused (DNS rebinding)", status == 403, status)
        status, _, body = request(port, "/", method="HEAD")
        check("HEAD answers without a body", status == 200 and body == "", status)

        stream = EventStream(port)
        stream.start()
        check("event stream sends the current state", wait_for(lambda: len(stream.events) >= 1, 5))
        case = os.path.join(work, "Content", "cases", "yu-yunyao-speech.md")
        original = open(case, encoding="utf-8").read()
        marker = "实时预览测试句子"
        started = time.monotonic()
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(original + "\n" + marker + "\n")
        reloaded = wait_for(lambda: len(stream.events) >= 2, 2.0)
        check("an edit sends a reload event within 2 s", reloaded, f"{time.monotonic() - started:.2f}s")
        _, _, page = request(port, "/cases/yu-yunyao-speech.html")
        check("the new text is served", marker in page)
        if reloaded:
            check("the reload event reports no failure", stream.events[-1][1].get("failure") is None, stream.events[-1][1])

        broken = original.replace("section: speech", "section: 没有这个部分", 1)
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(broken)
        failed = wait_for(lambda: len(stream.events) >= 3, 3.0)
        check("a broken edit sends an event", failed)
        if failed:
            failure = stream.events[-1][1].get("failure") or ""
            check("the event names file and line", "Content/cases/yu-yunyao-speech.md:" in failure and "error:" in failure, failure[:200])
        status, _, page = request(port, "/cases/yu-yunyao-speech.html")
        check("the last good page is still served", status == 200 and marker in page)
        check("the page shows the error over it", '<div id="casebook-build-error"' in page and "yu-yunyao-speech.md:" in page)
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(original)
        fixed = wait_for(lambda: len(stream.events) >= 4 and stream.events[-1][1].get("failure") is None, 3.0)
        check("fixing it reloads without the error", fixed)
        _, _, page = request(port, "/cases/yu-yunyao-speech.html")
        check("the fixed page has no error overlay", '<div id="casebook-build-error"' not in page and marker not in page)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=10)
            check("Ctrl-C stops the server cleanly", code == 0, code)
        except subprocess.TimeoutExpired:
            server.kill()
            check("Ctrl-C stops the server cleanly", False, "still running after 10 s")
        shutil.rmtree(work, ignore_errors=True)


def _answers(port):
    try:
        return request(port, "/")[0] == 200
    except OSError:
        return False


main()
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
