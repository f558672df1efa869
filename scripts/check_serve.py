#!/usr/bin/env python3
"""Checks `casebook serve` end to end on a loopback port.

    check_serve.py CASEBOOK_BINARY

Copies Content/ and Templates/ to a temporary folder, starts `serve` there, opens the event stream,
edits a case and expects the reload event and the new text within 2 seconds; makes a broken edit and
expects the error over the last good page; checks path, method and Host refusals and content types;
stops the server with Ctrl-C (SIGINT). Prints `N passed, N failed`.

Connection limits: 20 requests with a 1 MB header are each closed and leave no socket open in the
server (its socket descriptors in /proc/PID/fd are counted before and after). A client that stalls in
the middle of its headers, one that sends a header line every second and never ends them, and an idle
keep-alive connection are each closed at the request timeout (10 s); a POST whose body comes a byte a
second gets its 405 with `Connection: close` and is closed then; an event stream opened at the same
time stays open past the timeout and still gets the next rebuild.
A page that is missing because its new case has a YAML error is a 404 with the error over it (naming
the file) and the reload script, and is served once the case is fixed. A server started on broken
content with no site built yet serves that overlay at `/`, not a bare "not found", and the site once the
content is fixed. With port 8000 taken, `serve` without `--port` takes the next free port and says so;
`--port` given and taken is refused at once, before anything is built.
Saving an editor's swap file (`.x.md.swp`) next to a case triggers no rebuild and no reload event; touching
a case without changing it rebuilds and sends no reload event (the site did not change).
A second server, started with `--output LINK/site` (LINK a symbolic link to a folder), serves the pages;
a third, with `--host 0.0.0.0`, accepts this machine's host name in the Host header, refuses a foreign
one, and says that the site can be reached from the network. The slow clients run beside the other
checks: the script takes about 13 s.
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
# The server speaks Chinese, as to an editor (the checks below read its words).
os.environ.update(LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
results = {"passed": 0, "failed": 0}
# ConnectionLimits.requestTimeout in Sources/CasebookServer; a slow client must be gone a little after it.
REQUEST_TIMEOUT = 10
CLOSE_MARGIN = 3


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
        self.started = time.monotonic()
        self.ended = None

    def run(self):
        try:
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
        except OSError:
            return
        finally:
            self.ended = time.monotonic()


def open_sockets(pid):
    """The server's open socket descriptors (listening socket included)."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            pass
    return count


def huge_header(port, size=1_000_000):
    """Sends one request with a header of `size` bytes; returns how the server answered."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        try:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Huge: " % port + b"a" * size + b"\r\n\r\n")
        except OSError:
            pass  # the server may close before it has read it all
        answer = b""
        try:
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    return answer.split(b"\r\n", 1)[0].decode() or "closed"
                answer += chunk
        except ConnectionResetError:
            return answer.split(b"\r\n", 1)[0].decode() or "reset"
        except socket.timeout:
            return "still open after 5 s"


class SlowClient(threading.Thread):
    """A connection that holds the server without completing a request: `stall` sends half a header and
    waits, `trickle` sends a header line every second and never ends the headers, `idle` makes one whole
    request and then keeps the connection open. Records after how many seconds the server closed it."""

    KINDS = {"stall": "a client stalled halfway through its headers", "trickle": "a client sending a header line every second",
             "idle": "an idle keep-alive connection", "body": "a POST sending its body a byte a second"}

    def __init__(self, port, kind):
        super().__init__(daemon=True)
        self.port, self.kind, self.name = port, kind, self.KINDS[kind]
        self.closed_after = None
        self.received = b""

    def run(self):
        head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % self.port
        s = socket.create_connection(("127.0.0.1", self.port), timeout=1)
        started = time.monotonic()
        try:
            if self.kind == "stall":
                s.sendall(head + b"X-Half: ")
            elif self.kind == "trickle":
                s.sendall(head)
            elif self.kind == "body":
                s.sendall(head.replace(b"GET", b"POST") + b"Content-Length: 1000000\r\n\r\n")
            elif self.kind == "idle":
                s.sendall(head + b"\r\n")
                self._drain_response(s)
                started = time.monotonic()
            lines = 0
            while time.monotonic() - started < REQUEST_TIMEOUT + CLOSE_MARGIN + 2:
                if self.kind == "trickle":
                    lines += 1
                    s.sendall(b"X-Line-%d: 1\r\n" % lines)
                elif self.kind == "body":
                    s.sendall(b"x")
                try:
                    chunk = s.recv(4096)
                    if chunk == b"":
                        break
                    self.received += chunk
                except socket.timeout:
                    continue
            else:
                return
        except OSError:
            pass
        finally:
            s.close()
        self.closed_after = time.monotonic() - started

    @staticmethod
    def _drain_response(s):
        data = b""
        while b"\r\n\r\n" not in data:
            data += s.recv(4096)
        head, body = data.split(b"\r\n\r\n", 1)
        length = int([line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")][0])
        while len(body) < length:
            body += s.recv(65536)


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
        check_huge_headers(port, server.pid)
        slow_clients = [SlowClient(port, kind) for kind in SlowClient.KINDS]
        early_stream = EventStream(port)
        for client in slow_clients + [early_stream]:
            client.start()
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
            check("the event names file and line", "Content/cases/yu-yunyao-speech.md:" in failure and "错误：" in failure, failure[:200])
        status, _, page = request(port, "/cases/yu-yunyao-speech.html")
        check("the last good page is still served", status == 200 and marker in page)
        check("the page shows the error over it", '<div id="casebook-build-error"' in page and "yu-yunyao-speech.md:" in page)
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(original)
        fixed = wait_for(lambda: len(stream.events) >= 4 and stream.events[-1][1].get("failure") is None, 3.0)
        check("fixing it reloads without the error", fixed)
        _, _, page = request(port, "/cases/yu-yunyao-speech.html")
        check("the fixed page has no error overlay", '<div id="casebook-build-error"' not in page and marker not in page)

        # A figure value too large for a whole number is an error at its line; the server stays up.
        huge = original + "\n```figure\nid: 9-9\ntitle: 极大值\ndata:\n  甲: 10000000000000000000\n```\n"
        seen = len(stream.events)
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(huge)
        failed = wait_for(lambda: len(stream.events) > seen, 3.0)
        failure = (stream.events[-1][1].get("failure") or "") if failed else ""
        check("a huge figure value is an error at its line", "yu-yunyao-speech.md:" in failure and "1e+19" in failure, failure[:300])
        status, _, _ = request(port, "/")
        check("the server survives a huge figure value", server.poll() is None and status == 200, status)
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(original)
        wait_for(lambda: len(stream.events) > seen + 1 and stream.events[-1][1].get("failure") is None, 3.0)

        check_new_case_with_an_error(port, work, stream)
        check_quiet_saves(work)

        # A Swift template edited: it needs recompiling; the terminal and the page say so, with the command.
        frame = os.path.join(work, "Templates", "Frame.swift")
        seen = len(stream.events)
        with open(frame, "a", encoding="utf-8") as handle:
            handle.write("\n// 改版\n")
        noticed = wait_for(lambda: len(stream.events) > seen and "make site" in (stream.events[-1][1].get("failure") or ""), 3.0)
        check("a Swift template edit is reported as needing make site", noticed, stream.events[-1][1] if stream.events else None)
        _, _, page = request(port, "/")
        check("the page shows the recompile notice", "Templates/Frame.swift" in page and "make site" in page)

        check_not_found_below_the_top(port)
        check_first_run_with_broken_content(work)
        check_taken_ports(work)
        check_linked_output(work)
        check_all_interfaces(work)
        for client in slow_clients:
            client.join(REQUEST_TIMEOUT + CLOSE_MARGIN + 5)
            closed = client.closed_after
            after = f" (after {closed:.1f} s)" if closed is not None else ""
            if client.kind == "body":
                check(f"{client.name} gets 405 and is closed{after}", closed is not None and closed <= REQUEST_TIMEOUT + CLOSE_MARGIN
                      and client.received.startswith(b"HTTP/1.1 405") and b"Connection: close" in client.received, (closed, client.received[:200]))
                continue
            check(f"{client.name} is closed at the request timeout{after}",
                  closed is not None and REQUEST_TIMEOUT - 1 <= closed <= REQUEST_TIMEOUT + CLOSE_MARGIN, closed)
        wait_for(lambda: time.monotonic() - early_stream.started > REQUEST_TIMEOUT + 1, REQUEST_TIMEOUT + 2)
        check("an event stream opened with them outlives the request timeout",
              early_stream.ended is None and time.monotonic() - early_stream.started > REQUEST_TIMEOUT + 1,
              f"ended after {early_stream.ended - early_stream.started:.1f} s" if early_stream.ended else "too short")
        seen = len(early_stream.events)
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(original + "\n" + marker + "\n")
        check("it still sends the next rebuild", wait_for(lambda: len(early_stream.events) > seen, 3.0))
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(original)
        status, _, _ = request(port, "/")
        check("the server still answers after the slow clients", status == 200, status)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=10)
            check("Ctrl-C stops the server cleanly", code == 0, code)
        except subprocess.TimeoutExpired:
            server.kill()
            check("Ctrl-C stops the server cleanly", False, "still running after 10 s")
        shutil.rmtree(work, ignore_errors=True)


def check_huge_headers(port, pid):
    """20 requests with 1 MB headers: each connection is closed, and the server keeps no socket of them."""
    time.sleep(0.3)  # let the connections of the checks before close
    before = open_sockets(pid)
    answers = {huge_header(port) for _ in range(20)}
    check("a 1 MB header is refused and its connection closed", answers <= {"HTTP/1.1 400 Bad Request", "closed", "reset"}, answers)
    after = open_sockets(pid)
    wait_for(lambda: open_sockets(pid) <= before, 3.0)
    settled = open_sockets(pid)
    check(f"20 such requests leave no socket open (server sockets {before} before, {after} right after, {settled} after 3 s at most)",
          settled <= before, (before, after, settled))
    status, _, _ = request(port, "/")
    check("the server still answers after them", status == 200, status)


class ExtraServer:
    """Another `serve` of the same copy on its own port, with more options; its log goes to a file.
    With `port=None` no `--port` is given: the server picks its own, read from its log."""

    def __init__(self, work, *options, port=0):
        self.port = free_port() if port == 0 else port
        self.log_path = os.path.join(work, f"serve-{self.port or 'default'}-{time.monotonic_ns()}.log")
        ports = ["--port", str(self.port)] if self.port else []
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen([BINARY, "serve", *ports, *options],
                                            cwd=work, stdout=log, stderr=subprocess.STDOUT)

    def __enter__(self):
        wait_for(lambda: os.path.exists(self.log_path) and "http://" in self.log(), 60)
        return self

    def __exit__(self, *_):
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def log(self):
        return open(self.log_path, encoding="utf-8").read()


def check_new_case_with_an_error(port, work, stream):
    """A new case whose front matter does not parse: its address shows the error and reloads once fixed."""
    path = os.path.join(work, "Content", "cases", "new-case.md")
    seen = len(stream.events)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("---\ntitle: [新案例\nsection: service\n---\n\n正文。\n")
    failed = wait_for(lambda: len(stream.events) > seen and stream.events[-1][1].get("failure"), 3.0)
    check("a new case with a YAML error sends the failure", failed)
    status, _, body = request(port, "/cases/new-case.html")
    check("its page, not built, is a 404 with the error over it naming its file",
          status == 404 and '<div id="casebook-build-error"' in body and "Content/cases/new-case.md:" in body, (status, body[-600:]))
    check("that 404 carries the reload script and says the page is not made yet",
          "/__casebook/events" in body and "这一页还没有生成" in body)
    seen = len(stream.events)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("---\ntitle: 新案例\nsection: service\n---\n\n正文。\n")
    fixed = wait_for(lambda: len(stream.events) > seen and stream.events[-1][1].get("failure") is None, 3.0)
    status, _, body = request(port, "/cases/new-case.html")
    check("fixed, it reloads (a new generation, no failure) and the page is served", fixed and status == 200 and "新案例" in body, status)
    os.unlink(path)
    wait_for(lambda: request(port, "/cases/new-case.html")[0] == 404, 3.0)


def check_quiet_saves(work):
    """An editor's swap file saved next to a case triggers no rebuild and no reload; a case touched but not
    changed is rebuilt to the same bytes and sends no reload; a real edit still does (on a copy of its own)."""
    quiet = os.path.join(work, "quiet")
    shutil.copytree(os.path.join(work, "Content"), os.path.join(quiet, "Content"))
    shutil.copytree(os.path.join(work, "Templates"), os.path.join(quiet, "Templates"))
    with ExtraServer(quiet) as server:
        stream = EventStream(server.port)
        stream.start()
        wait_for(lambda: len(stream.events) >= 1, 5)
        builds = lambda: server.log().count("已构建") + server.log().count("没有改动")
        before, seen = builds(), len(stream.events)
        cases = os.path.join(quiet, "Content", "cases")
        for name in (".x.md.swp", ".#x.md", ".DS_Store"):
            with open(os.path.join(cases, name), "wb") as handle:
                handle.write(b"b0VIM 9.0\0swap")
        time.sleep(1.5)  # six looks of the watcher
        check("a saved swap file (.x.md.swp) next to a case triggers no rebuild",
              builds() == before, server.log()[-300:])
        check("and sends no reload event", len(stream.events) == seen, stream.events[seen:])
        case = os.path.join(cases, "tangqiao.md")
        later = time.time() + 5
        os.utime(case, (later, later))
        rebuilt = wait_for(lambda: builds() > before, 3.0)
        time.sleep(0.5)
        check("a case touched but not changed is rebuilt", rebuilt, server.log()[-300:])
        check("and sends no reload: the site did not change", len(stream.events) == seen, stream.events[seen:])
        with open(case, "a", encoding="utf-8") as handle:
            handle.write("\n安静保存之后的一句。\n")
        check("a real edit there still sends a reload", wait_for(lambda: len(stream.events) > seen, 3.0))


def check_first_run_with_broken_content(work):
    """No site built yet and the content broken: `/` shows the errors (not a bare "not found"), and the
    site once the content is fixed."""
    broken = os.path.join(work, "broken")
    shutil.copytree(os.path.join(work, "Content"), os.path.join(broken, "Content"))
    shutil.copytree(os.path.join(work, "Templates"), os.path.join(broken, "Templates"))
    case = os.path.join(broken, "Content", "cases", "tangqiao.md")
    original = open(case, encoding="utf-8").read()
    with open(case, "w", encoding="utf-8") as handle:
        handle.write(original.replace("section: community", "section: 没有这个部分", 1))
    with ExtraServer(broken) as server:
        status, ctype, body = request(server.port, "/")
        check("a first run on broken content answers / with the error overlay, not 'not found'",
              status == 404 and ctype.startswith("text/html") and '<div id="casebook-build-error"' in body
              and "Content/cases/tangqiao.md:" in body and body.strip() != "not found", (status, body[:300]))
        check("its log does not claim a last good site", "serving the last good site" not in server.log()
              and "还没有成功构建过网站" in server.log(), server.log()[-400:])
        with open(case, "w", encoding="utf-8") as handle:
            handle.write(original)
        check("fixed, / serves the site", wait_for(lambda: request(server.port, "/")[0] == 200, 5.0))


def check_taken_ports(work):
    """Port 8000 taken: `serve` takes the next free port and says which; `--port` taken: refused at once."""
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        holder.bind(("127.0.0.1", 8000))
        holder.listen(1)
    except OSError:
        holder.close()
        holder = None  # something else holds 8000 already: the same situation
    try:
        with ExtraServer(work, port=None) as server:
            text = server.log()
            match = __import__("re").search(r"http://127\.0\.0\.1:(\d+)/", text)
            chosen = int(match.group(1)) if match else None
            check("port 8000 taken: serve says so and which port it takes instead",
                  chosen and chosen != 8000 and f"端口 8000 已被占用，改用 {chosen}" in text, text[-400:])
            check("and serves the site there", chosen is not None and request(chosen, "/")[0] == 200)
        taken = holder.getsockname()[1] if holder else 8000
        output = os.path.join(work, "never-built")
        started = time.monotonic()
        refused = subprocess.run([BINARY, "serve", "--port", str(taken), "--output", output], cwd=work,
                                 capture_output=True, text=True, timeout=30)
        took = time.monotonic() - started
        check(f"--port {taken} taken: refused at once ({took:.2f} s), nothing built",
              refused.returncode != 0 and f"端口 {taken} 已被占用" in refused.stderr and not os.path.exists(output) and took < 5,
              (refused.returncode, refused.stderr[-300:]))
    finally:
        if holder:
            holder.close()


def check_not_found_below_the_top(port):
    """The 404 page served for a missing address two folders down keeps the site's look and leads home."""
    status, _, body = request(port, "/cases/gone/missing.html")
    check("a missing page two folders down is 404 with the 404 page", status == 404 and "找不到此页" in body, status)
    check("the 404 page carries its stylesheet in itself", "<style>" in body and 'rel="stylesheet"' not in body)
    try:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from browser import chromium
    except ImportError as error:
        check("chromium for the 404 check", False, error)
        return
    driver = chromium()
    try:
        driver.get(f"http://127.0.0.1:{port}/cases/gone/missing.html")
        home = None
        for _ in range(50):
            home = driver.execute_script("var a=document.querySelector('main a');return a&&a.href;")
            if home == f"http://127.0.0.1:{port}/index.html":
                break
            time.sleep(0.1)
        check("its home link leads to the site's top", home == f"http://127.0.0.1:{port}/index.html", home)
        styled = driver.execute_script("return getComputedStyle(document.querySelector('.site-nav li')).display")
        check("and it keeps the site's look", styled == "inline-block", styled)
    finally:
        driver.quit()


def check_linked_output(work):
    """`serve --output LINK/site`, LINK a symbolic link to a folder: every page is served through the link."""
    real = os.path.join(work, "elsewhere")
    os.mkdir(real)
    os.symlink(real, os.path.join(work, "linked"))
    with ExtraServer(work, "--output", "linked/site") as server:
        status, _, body = request(server.port, "/")
        check("serve --output through a symbolic link serves /", status == 200 and "<h1>" in body, status)
        status, _, _ = request(server.port, "/cases/tangqiao.html")
        check("and a case page", status == 200, status)
        check("(the site was built through the link)", os.path.isfile(os.path.join(real, "site", "index.html")))


def check_all_interfaces(work):
    """`serve --host 0.0.0.0`: the machine's own name is accepted, and the editor is told."""
    with ExtraServer(work, "--host", "0.0.0.0") as server:
        name = socket.gethostname().lower()
        status, _, _ = request(server.port, "/", host=f"{name}:{server.port}")
        check(f"--host 0.0.0.0 accepts this machine's name ({name}) in the Host header", status == 200, status)
        status, _, _ = request(server.port, "/", host=f"localhost:{server.port}")
        check("and localhost", status == 200, status)
        status, _, _ = request(server.port, "/", host=f"evil.example:{server.port}")
        check("but still refuses a foreign Host", status == 403, status)
        text = server.log()
        check("it says the site can be reached from the network", "注意：--host 0.0.0.0 使本站可从网络访问" in text, text[-300:])


def _answers(port):
    try:
        return request(port, "/")[0] == 200
    except OSError:
        return False


main()
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
