#!/usr/bin/python3
"""Opens a stakemap HTML report in headless Chromium and checks what a reader gets.

Usage: report_test.py STAKEMAP MAP WORKDIR [--lang it] [--find NAME] [--inject HTML]

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so the test needs nothing beyond
Python's standard library. All of Chromium's traffic is sent to a local proxy that counts the
connections made to it: a report that asks the network for anything fails.

Checks: every section is in the DOM; every actor's name is text of the page; no connection reached
the proxy and no request other than the file itself was made; no console error and no exception;
no dialog opened (a hostile name never runs as script); searching an actor (#find=NAME) marks its
node; the screenshot is not blank.
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib
import struct

# Chromium's own services, which it contacts on its own whatever page it shows (component updates,
# account checks) and which no flag turns off in Debian's build: connections to them are not the
# page's. Any other connection fails the test, and so does any request the page itself makes
# (DevTools' Network events of the page's target).
CHROMIUM_SERVICES = ("update.googleapis.com", "accounts.google.com", "clients2.google.com",
                     "clientservices.googleapis.com", "redirector.gvt1.com")

SECTIONS = ["summary", "map", "actors", "gaps", "coverage", "suggestions", "assessment"]


class Proxy:
    """A TCP listener that counts connections and answers nothing."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.idle = 0  # connections that sent no request line
        self.requests = []
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.settimeout(2)
            try:
                data = conn.recv(512)
            except OSError:
                data = b""
            # Chromium sometimes opens a connection to its proxy ahead of need and closes it, or
            # leaves it idle, without sending a request: such a connection asks for nothing. Any
            # request the page makes also shows in the DevTools events, checked separately.
            if data:
                self.requests.append(data.split(b"\r\n")[0].decode("latin-1"))
            else:
                self.idle += 1
            conn.close()


class Browser:
    def __init__(self, chromium, proxy_port, profile):
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--remote-debugging-pipe",
                "--proxy-server=http://127.0.0.1:%d" % proxy_port, "--proxy-bypass-list=<-loopback>",
                # Chromium's own traffic off (updates, time, accounts, metrics): only the page's
                # requests could reach the proxy.
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--disable-component-extensions-with-background-pages", "--disable-breakpad",
                "--disable-client-side-phishing-detection", "--metrics-recording-only",
                "--password-store=basic", "--use-mock-keychain", "--no-pings",
                "--disable-domain-reliability", "--disable-gaia-services", "--allow-browser-signin=false",
                "--component-updater=disable-background-downloads,disable-delta-updates",
                "--disable-field-trial-config", "--disable-signin-promo",
                "--disable-features=Translate,OptimizationHints,MediaRouter,NetworkTimeServiceQuerying,"
                "AutofillServerCommunication,CertificateTransparencyComponentUpdater,"
                "OptimizationGuideModelDownloading,SafeBrowsing,InterestFeedContentSuggestions",
                "--window-size=1280,1600", "about:blank"]
        # Chromium reads commands on fd 3 and writes replies on fd 4: set up in the child only.
        def child_fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(args, preexec_fn=child_fds, close_fds=False,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.writer = os.fdopen(to_browser_w, "wb", buffering=0)
        self.reader = os.fdopen(from_browser_r, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.writer.write(json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)
            self.dismiss_dialogs(reply)

    def dismiss_dialogs(self, event):
        """A dialog blocks the page until answered: answer it at once (the test fails anyway)."""
        if event.get("method") == "Page.javascriptDialogOpening" and event.get("sessionId"):
            self.next_id += 1
            message = {"id": self.next_id, "method": "Page.handleJavaScriptDialog",
                       "params": {"accept": False}, "sessionId": event["sessionId"]}
            self.writer.write(json.dumps(message).encode() + b"\0")

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = self.reader.read(1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def drain(self, seconds):
        """Collects events for a while (the page's script runs, requests would be made)."""
        import select
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([self.reader], [], [], max(0.0, end - time.time()))
            if not ready:
                break
            chunk = self.reader.read(1 << 16)
            if not chunk:
                break
            self.buffer += chunk
            while b"\0" in self.buffer:
                message, self.buffer = self.buffer.split(b"\0", 1)
                event = json.loads(message)
                self.events.append(event)
                self.dismiss_dialogs(event)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def png_is_blank(data):
    """True when every pixel of the PNG (8-bit RGB or RGBA, no interlace) has the same colour."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    idat = b""
    width = height = 0
    colour_type = 0
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, _, colour_type = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    channels = 4 if colour_type == 6 else 3
    stride = width * channels + 1
    distinct = set()
    for row in range(0, height, max(1, height // 200)):
        line = raw[row * stride + 1:(row + 1) * stride]
        for col in range(0, width, max(1, width // 200)):
            distinct.add(line[col * channels:col * channels + 3])
            if len(distinct) > 8:
                return False
    return len(distinct) <= 1


def main():
    stakemap, map_path, work = sys.argv[1:4]
    rest = sys.argv[4:]
    lang = "en"
    expect_names = []
    find_name = None
    inject = None
    i = 0
    while i < len(rest):
        if rest[i] == "--lang":
            lang = rest[i + 1]
            i += 2
        elif rest[i] == "--expect-name":
            expect_names.append(rest[i + 1])
            i += 2
        elif rest[i] == "--inject":
            inject = rest[i + 1]
            i += 2
        elif rest[i] == "--find":
            find_name = rest[i + 1]
            i += 2
        else:
            sys.exit("unknown argument " + rest[i])
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (bash scripts/setup.sh installs it): skipped")
        sys.exit(77)
    os.makedirs(work, exist_ok=True)
    report = os.path.join(work, "report.html")
    subprocess.run([stakemap, "report", map_path, "-o", report, "--lang", lang, "-q"], check=True)
    if inject is not None:
        # The test of the test: markup added to the report must make the checks fail.
        with open(report, encoding="utf-8") as f:
            html = f.read()
        with open(report, "w", encoding="utf-8") as f:
            f.write(html.replace("</body>", inject + "</body>"))
    with open(map_path, encoding="utf-8") as f:
        actors = [a["name"] for a in json.load(f)["actors"]]
    failures = []
    proxy = Proxy()
    profile = tempfile.mkdtemp(prefix="stakemap-chromium-")
    browser = Browser(chromium, proxy.port, profile)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            browser.send(domain + ".enable", session=session)
        url = "file://" + os.path.abspath(report)
        if find_name is not None:
            from urllib.parse import quote
            url += "#find=" + quote(find_name)
        browser.send("Page.navigate", {"url": url}, session=session)
        browser.drain(1)

        def evaluate(expression):
            result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                  session=session)
            return result.get("result", {}).get("value")

        # The page's script marks the body when it has run; a loaded machine may take a while.
        deadline = time.time() + 60
        while time.time() < deadline and not any(
                e.get("method") == "Page.javascriptDialogOpening" for e in browser.events):
            if evaluate("document.readyState === 'complete' && !!document.body && "
                        "document.body.dataset.ready === '1'"):
                break
            browser.drain(0.5)
        else:
            if not any(e.get("method") == "Page.javascriptDialogOpening" for e in browser.events):
                failures.append("the page's script did not finish within 60 s")
        browser.drain(1)

        for section in SECTIONS:
            if not evaluate("!!document.getElementById(%s)" % json.dumps(section)):
                failures.append("no section #" + section)
        text = evaluate("document.body.innerText") or ""
        page_text = evaluate("document.body.textContent") or ""
        # HTML turns CR and CR LF into LF when it reads the page.
        page_text = page_text.replace("\r\n", "\n").replace("\r", "\n")
        for name in actors + expect_names:
            if name.replace("\r\n", "\n").replace("\r", "\n") not in page_text:
                failures.append("the actor name %r is not text of the page" % name)
        if find_name is not None:
            found = evaluate("Array.from(document.querySelectorAll('g.node.found title')).map(t => t.textContent)")
            if not found:
                failures.append("searching %r marked no node" % find_name)
        # The relation-type filter: choosing the first type dims exactly the ties of other types
        # (page data says each tie's type; the tie's SVG id is r<N>).
        filtered = evaluate("""(() => {
            const select = document.getElementById('filter-type');
            const data = JSON.parse(document.getElementById('page-data').textContent);
            if (!select || select.options.length < 2) return 'no relation-type filter';
            select.value = select.options[1].value;
            select.dispatchEvent(new Event('change'));
            const edges = Array.from(document.querySelectorAll('figure.drawing svg g.edge[id^="r"]'));
            if (!edges.length) return 'no tie carries its relation id';
            const wrong = edges.filter((g) => g.classList.contains('dimmed') ===
                (data.relation_types[Number(g.id.slice(1))] === select.value));
            const kept = edges.filter((g) => !g.classList.contains('dimmed')).length;
            select.value = '';
            select.dispatchEvent(new Event('change'));
            if (wrong.length) return wrong.length + ' ties dimmed wrongly';
            if (!kept) return 'the filter kept no tie';
            return document.querySelectorAll('g.edge.dimmed').length ? 'ties stay dimmed after "all"' : '';
        })()""")
        if filtered:
            failures.append("relation-type filter: %s" % filtered)
        shot = base64.b64decode(browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"])
        with open(os.path.join(work, "screenshot.png"), "wb") as f:
            f.write(shot)
        if png_is_blank(shot):
            failures.append("the screenshot is blank")
        browser.drain(1)
        requests = [e["params"]["request"]["url"] for e in browser.events
                    if e.get("method") == "Network.requestWillBeSent"]
        outside = [u for u in requests if not u.startswith("file://") and not u.startswith("about:")
                   and not u.startswith("blob:") and not u.startswith("data:")]
        if outside:
            failures.append("requests left the page: %s" % outside)
        def host_of(line):
            parts = line.split()
            target = parts[1] if len(parts) > 1 else ""
            target = target.split("://", 1)[-1]
            return target.split("/", 1)[0].split(":", 1)[0]
        foreign = [line for line in proxy.requests if host_of(line) not in CHROMIUM_SERVICES]
        if foreign:
            failures.append("connections reached the proxy: %s" % foreign)
        for event in browser.events:
            method = event.get("method")
            if method == "Page.javascriptDialogOpening":
                failures.append("a dialog opened: %s" % event["params"].get("message"))
            elif method == "Runtime.exceptionThrown":
                failures.append("an exception: %s" % event["params"]["exceptionDetails"].get("text"))
            elif method == "Runtime.consoleAPICalled" and event["params"].get("type") == "error":
                failures.append("a console error: %s" % event["params"].get("args"))
            elif method == "Log.entryAdded" and event["params"]["entry"].get("level") == "error":
                failures.append("a log error: %s" % event["params"]["entry"].get("text"))
        if not text.strip():
            failures.append("the page shows no text")
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)
    if failures:
        for failure in failures:
            print("FAIL:", failure)
        sys.exit(1)
    print("ok: %s (%d actors, %d bytes)" % (map_path, len(actors), os.path.getsize(report)))


if __name__ == "__main__":
    main()
