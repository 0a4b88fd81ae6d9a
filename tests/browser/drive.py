#!/usr/bin/env python3
"""Drive the system Chromium over the DevTools protocol to use a review page.

Usage: drive.py CHROMIUM PAGE.html [ACTIONS.json] [--screenshot OUT.png WIDTHxHEIGHT[@SELECTOR]]...

ACTIONS is a list of steps, done in order:
  {"item": TEXT, "button": LABEL}            click (real mouse events) the button
                                             LABEL of the item whose data-text is TEXT
  {"item": TEXT, "button": LABEL, "key": "Enter"}
                                             focus the button and press the key
  {"key": "j"}                               press a key on the page
Prints JSON: the corrections file as the page shows it in its text area and
as its download link holds it, the buttons pressed, the focused item, and
the page's scroll width against the window's (at the last screenshot's size).

The protocol runs over a pipe (--remote-debugging-pipe, file descriptors 3
and 4), so nothing but the Python standard library is needed, and no port
is opened. Written by hand for that reason: the client libraries want a
WebSocket package or download a browser of their own.
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="bindery-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def wire():
            # The child reads commands on fd 3 and writes replies on fd 4.
            a, b = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                "--user-data-dir=" + self.profile,
                "about:blank",
            ],
            preexec_fn=wire,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.out = os.fdopen(to_child_w, "wb", buffering=0)
        self.inp = os.fdopen(from_child_r, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        self.out.write(json.dumps(msg).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def read(self):
        while b"\0" not in self.buf:
            chunk = self.inp.read(65536)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def open(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send(
            "Target.attachToTarget", {"targetId": target, "flatten": True}, session=False
        )["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})
        deadline = time.time() + 30
        while self.eval("document.readyState") != "complete" or not self.eval(
            "!!document.getElementById('corrections-file')"
        ):
            if time.time() > deadline:
                raise RuntimeError("the page did not load")
            time.sleep(0.05)

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def key(self, key):
        code = 13 if key == "Enter" else ord(key.upper())
        text = "\r" if key == "Enter" else key
        base = {"key": key, "code": "Enter" if key == "Enter" else "Key" + key.upper(), "windowsVirtualKeyCode": code}
        self.send("Input.dispatchKeyEvent", dict(base, type="keyDown", text=text))
        self.send("Input.dispatchKeyEvent", dict(base, type="keyUp"))

    def click_at(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


FIND_BUTTON = """(function(text, label){
  var item = Array.prototype.find.call(document.querySelectorAll('.item'), function(e){return e.dataset.text === text});
  if (!item) return null;
  var b = Array.prototype.find.call(item.querySelectorAll('button.fix'), function(e){return e.textContent === label});
  if (!b) return null;
  b.scrollIntoView({block: 'center'});
  window.__target = b;
  var r = b.getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
})(%s, %s)"""


def run(chromium, page, actions, shots):
    browser = Browser(chromium)
    try:
        browser.open("file://" + urllib.parse.quote(os.path.abspath(page)))
        for step in actions:
            if "item" in step:
                at = browser.eval(FIND_BUTTON % (json.dumps(step["item"]), json.dumps(step["button"])))
                if at is None:
                    raise RuntimeError(f"no button {step['button']!r} on item {step['item']!r}")
                if "key" in step:
                    browser.eval("window.__target.focus()")
                    browser.key(step["key"])
                else:
                    browser.click_at(*at)
            else:
                browser.key(step["key"])
        for out, size in shots:
            size, _, anchor = size.partition("@")
            w, h = (int(v) for v in size.split("x"))
            browser.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": w < 600},
            )
            if anchor:
                browser.eval("document.querySelector(%s).scrollIntoView()" % json.dumps(anchor))
            else:
                browser.eval("window.scrollTo(0, 0)")
            time.sleep(0.2)
            png = browser.send("Page.captureScreenshot", {"format": "png"})["data"]
            with open(out, "wb") as f:
                f.write(base64.b64decode(png))
        href = browser.eval("document.getElementById('download').getAttribute('href')")
        result = {
            "textarea": browser.eval("document.getElementById('corrections-file').value"),
            "download": urllib.parse.unquote(href.split(",", 1)[1]) if href.startswith("data:") else None,
            "download_name": browser.eval("document.getElementById('download').getAttribute('download')"),
            "pressed": browser.eval("document.querySelectorAll('button[aria-pressed=true]').length"),
            "width": browser.eval("[document.documentElement.scrollWidth, window.innerWidth]"),
            "focused": browser.eval(
                "document.activeElement && document.activeElement.closest('.item') ? document.activeElement.closest('.item').dataset.text : null"
            ),
        }
        print(json.dumps(result, ensure_ascii=False))
    finally:
        browser.close()


def main(argv):
    chromium, page = argv[1], argv[2]
    rest = argv[3:]
    actions, shots = [], []
    while rest:
        if rest[0] == "--screenshot":
            shots.append((rest[1], rest[2]))
            rest = rest[3:]
        else:
            with open(rest[0], encoding="utf-8") as f:
                actions = json.load(f)
            rest = rest[1:]
    run(chromium, page, actions, shots)


if __name__ == "__main__":
    main(sys.argv)
