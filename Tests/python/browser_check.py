#!/usr/bin/env python3
"""Opens an HTML page in headless Chromium and reports what a reader would hit.

Usage: browser_check.py PAGE.html WIDTH [WIDTH...] [--screenshot-dir DIR]

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe:
it reads commands on fd 3 and writes replies on fd 4, NUL-terminated JSON), so the
viewport can be emulated at any width (a headless window is at least 500 px wide) and
nothing but the standard library is needed.

For each width the page is loaded at that viewport width and prints one JSON line:
  {"width": W, "scrollWidth": S, "overlaps": [...], "links": [...], "ids": [...]}
overlaps: pairs of SVG <text> elements of one chart whose boxes intersect; links: every
href and src in the page. With --screenshot-dir, DIR/screenshot-W.png holds the top of the
page (844 px tall below 600 px wide, as a phone; 960 px otherwise).
Exits 2 with a line on stderr when Chromium is missing or fails.
"""

import base64
import json
import os
import pathlib
import select
import shutil
import subprocess
import sys

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Seconds to wait for any one reply or event from Chromium before giving up.
REPLY_TIMEOUT = 60

# Runs in the page: measures overflow, finds overlapping chart labels, lists links and ids.
PROBE = r"""
(() => {
  const overlaps = [];
  document.querySelectorAll('svg').forEach((svg, chart) => {
    const boxes = [...svg.querySelectorAll('text')]
      .filter(t => t.textContent.trim() !== '')
      .map(t => ({text: t.textContent.trim(), box: t.getBoundingClientRect()}))
      .filter(t => t.box.width > 0 && t.box.height > 0);
    const slack = 0.5;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box, b = boxes[j].box;
        if (a.left + slack < b.right && b.left + slack < a.right && a.top + slack < b.bottom && b.top + slack < a.bottom) {
          const caption = svg.closest('figure')?.querySelector('figcaption')?.textContent
            ?? svg.querySelector('title')?.textContent ?? `svg #${chart}`;
          overlaps.push({chart: caption.trim(), first: boxes[i].text, second: boxes[j].text});
        }
      }
    }
  });
  const links = [...document.querySelectorAll('[href], [src]')]
    .map(e => e.getAttribute('href') ?? e.getAttribute('src'));
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return JSON.stringify({
    scrollWidth: document.documentElement.scrollWidth,
    overlaps, links, ids,
  });
})()
"""


class Browser:
    """A headless Chromium and its DevTools pipe."""

    def __init__(self, executable):
        self.read_fd, chrome_write = os.pipe()
        chrome_read, self.write_fd = os.pipe()
        # Chromium expects its command pipe on fd 3 and its reply pipe on fd 4 (dup2 makes
        # them inheritable; every other descriptor of this process is close-on-exec).
        def child_fds():
            # Through fresh copies: a pipe end may already be fd 3 or 4.
            command, reply = os.dup(chrome_read), os.dup(chrome_write)
            os.dup2(command, 3)
            os.dup2(reply, 4)
        self.process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--remote-debugging-pipe", "--user-data-dir=" + os.environ.get("KBENCH_BROWSER_PROFILE", "/tmp/kbench-browser-profile"),
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            preexec_fn=child_fds, close_fds=False)
        os.close(chrome_read)
        os.close(chrome_write)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})

    def wait_for(self, event):
        while True:
            if self.receive().get("method") == event:
                return

    def receive(self):
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.read_fd], [], [], REPLY_TIMEOUT)
            if not ready:
                raise RuntimeError(f"Chromium sent nothing for {REPLY_TIMEOUT} s")
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                error = self.process.stderr.read().decode(errors="replace").strip().splitlines()
                raise RuntimeError("Chromium closed its DevTools pipe: " + (error[-1] if error else "no message"))
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, session=False)
        self.session = attached["sessionId"]
        self.send("Page.enable")

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except RuntimeError:
            pass
        self.process.wait(timeout=20)


def find_chromium():
    override = os.environ.get("KBENCH_CHROMIUM")
    if override:
        return override
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def main(arguments):
    screenshot_dir = None
    if "--screenshot-dir" in arguments:
        index = arguments.index("--screenshot-dir")
        screenshot_dir = pathlib.Path(arguments[index + 1])
        del arguments[index:index + 2]
    if len(arguments) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    page = pathlib.Path(arguments[0]).resolve()
    widths = [int(width) for width in arguments[1:]]
    executable = find_chromium()
    if executable is None:
        print("Chromium not found: install Debian's chromium (apt-get install -y chromium) or set KBENCH_CHROMIUM", file=sys.stderr)
        return 2
    browser = Browser(executable)
    try:
        browser.open_page()
        for width in widths:
            height = 844 if width < 600 else 960
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
            browser.send("Page.navigate", {"url": page.as_uri()})
            browser.wait_for("Page.loadEventFired")
            result = browser.send("Runtime.evaluate", {"expression": PROBE, "returnByValue": True})
            if "exceptionDetails" in result:
                raise RuntimeError("probe failed: " + json.dumps(result["exceptionDetails"])[:300])
            measured = json.loads(result["result"]["value"])
            # The emulated width, not innerWidth: a phone zooms out to fit a page that overflows.
            measured["width"] = width
            print(json.dumps(measured), flush=True)
            if screenshot_dir is not None:
                shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})
                (screenshot_dir / f"screenshot-{width}.png").write_bytes(base64.b64decode(shot["data"]))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        print(f"browser_check: {error}", file=sys.stderr)
        browser.process.kill()
        return 2
    browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
