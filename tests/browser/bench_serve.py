"""How fast the page of `vanban serve` follows a save: Debian's Chromium driven by Playwright.

    cargo build --release
    python3 tests/browser/bench_serve.py target/release/vanban . [--saves 20]

It serves a copy of `data/` (all the samples, as a clerk serves the folder), opens the page
with the printed token, and for the 17-page plan and a two-page công văn saves the YAML on
disk `--saves` times (each save a new value, so no page can come from a cache) and prints,
per document, the time from the save (just before the file is written) to:

- `message`: the WebSocket message with the document's new state reaching the page;
- `visible`: the first changed page swapped into the DOM (its box's `data-hash` set);
- and the difference, the browser's part: the page's SVG made into a blob and decoded.

as the median and the spread (min–max, and the middle half). The page's clock
(`performance.timeOrigin + performance.now()`) and this script's (`time.time()`) are the same
wall clock, read to a fraction of a millisecond; their offset is measured first. The server's
own timings (`VANBAN_SERVE_TIMING=1`: the wait for the end of the save, the list, the
compile, the SVG of the changed pages) are collected from its standard error.

This is a measurement, not a test: nothing here passes or fails on a duration.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from playwright.sync_api import sync_playwright

sys.path.insert(0, os.path.dirname(__file__))
from test_serve import CHROMIUM_ARGS, chromium_path, wait_js  # noqa: E402

PLAN = "lang-son/ke-hoach-ntm-2019.yaml"
CONG_VAN = "bac-son/cong-van-ntm-2024.yaml"

# Recorded in the page before its own script runs: when a document's state arrives on the
# WebSocket, and when a page box gets a new hash (the new page is in the DOM).
PROBE = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__bench = { messages: [], swaps: [] };
  const Real = window.WebSocket;
  window.WebSocket = function (url, protocols) {
    const ws = new Real(url, protocols);
    ws.addEventListener('message', (ev) => {
      const t = now();
      try {
        const m = JSON.parse(ev.data);
        if (m.type === 'doc') window.__bench.messages.push({ t, id: m.id, rev: m.rev });
      } catch (e) {}
    });
    return ws;
  };
  window.WebSocket.prototype = Real.prototype;
  new MutationObserver((records) => {
    const t = now();
    for (const r of records) {
      if (r.attributeName === 'data-hash' && r.target.classList.contains('page')) {
        window.__bench.swaps.push({ t, n: r.target.dataset.n, hash: r.target.dataset.hash });
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hash'] });
})();
"""


def start_server(binary, root, data, env_extra):
    env = dict(os.environ, LANG="vi_VN.UTF-8", **env_extra)
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    proc = subprocess.Popen(
        [binary, "serve", data, "--port", "0", "--templates", os.path.join(root, "templates")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )
    timings = []

    def read_err():
        for line in proc.stderr:
            if line.startswith("timing:"):
                timings.append(line.strip())

    threading.Thread(target=read_err, daemon=True).start()
    for line in proc.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)", line)
        if m:
            threading.Thread(target=proc.stdout.read, daemon=True).start()
            return proc, f"http://127.0.0.1:{m.group(1)}/?token={m.group(2)}", timings
    proc.kill()
    sys.exit("vanban serve printed no address")


def spread(values):
    v = sorted(values)
    q = statistics.quantiles(v, n=4) if len(v) >= 4 else [v[0], statistics.median(v), v[-1]]
    return (f"median {statistics.median(v):6.1f} ms  (min {v[0]:.1f}, "
            f"middle half {q[0]:.1f}–{q[2]:.1f}, max {v[-1]:.1f}; n={len(v)})")


def clock_offset(page):
    """The page's wall clock minus ours, from the closest of a few round trips."""
    best = None
    for _ in range(15):
        t0 = time.time()
        theirs = page.evaluate("performance.timeOrigin + performance.now()")
        t1 = time.time()
        if best is None or t1 - t0 < best[0]:
            best = (t1 - t0, theirs / 1000 - (t0 + t1) / 2)
    return best[1]


def server_timings(lines, doc_rel):
    """The server's own figures for one document, by stage: {stage: [ms, …]}."""
    out = {}
    for line in lines:
        if f" doc={doc_rel} " not in line + " ":
            continue
        for k, v in re.findall(r"(\w+)=([0-9.]+)ms", line):
            out.setdefault(k, []).append(float(v))
    return out


def bench(page, data, rel, edit, saves, offset, timings):
    path = os.path.join(data, rel)
    good = open(path, encoding="utf-8").read()
    page.click(f'.doc[data-file="{rel}"]')
    wait_js(page, "() => document.getElementById('pages').dataset.rev !== '0'"
            " && document.querySelectorAll('#pages .page img').length > 0"
            " && [...document.querySelectorAll('#pages .page')].every(p => p.dataset.hash)")
    n_pages = page.locator("#pages .page").count()
    first_timing = len(timings)
    message, visible, browser = [], [], []
    for i in range(saves):
        time.sleep(0.4)  # the previous save has settled
        page.evaluate("() => { window.__bench.messages = []; window.__bench.swaps = []; }")
        text = edit(good, i)
        assert text != good
        t0 = time.time()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        wait_js(page, "() => window.__bench.swaps.length > 0")
        b = page.evaluate("() => window.__bench")
        t_msg = min(m["t"] for m in b["messages"]) / 1000 - offset if b["messages"] else None
        t_vis = min(s["t"] for s in b["swaps"]) / 1000 - offset
        if t_msg is not None:
            message.append((t_msg - t0) * 1000)
            browser.append((t_vis - t_msg) * 1000)
        visible.append((t_vis - t0) * 1000)
    with open(path, "w", encoding="utf-8") as f:
        f.write(good)
    time.sleep(0.5)
    print(f"\n{rel} ({n_pages} pages), {saves} saves on disk:")
    print(f"  save → state on the WebSocket:     {spread(message)}")
    print(f"  save → changed page in the DOM:    {spread(visible)}")
    print(f"  of which state → page (browser):   {spread(browser)}")
    for stage, values in server_timings(timings[first_timing:], rel).items():
        print(f"  server {stage:>9}: {spread(values)}")
    return statistics.median(visible)


def main():
    binary, root = sys.argv[1], sys.argv[2]
    saves = int(sys.argv[sys.argv.index("--saves") + 1]) if "--saves" in sys.argv else 20
    work = tempfile.mkdtemp(prefix="vanban-bench-")
    data = os.path.join(work, "data")
    shutil.copytree(os.path.join(root, "data"), data)
    proc, url, timings = start_server(binary, root, data, {"VANBAN_SERVE_TIMING": "1"})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.add_init_script(PROBE)
            page.goto(url)
            page.wait_for_selector(f'.doc[data-file="{PLAN}"]', timeout=60_000)
            offset = clock_offset(page)
            print(f"clock offset page − bench: {offset * 1000:.2f} ms")
            bench(page, data, PLAN,
                  lambda t, i: t.replace("tc02: { da_dat: 49, them: 12,",
                                         f"tc02: {{ da_dat: 49, them: {13 + i},"),
                  saves, offset, timings)
            bench(page, data, CONG_VAN,
                  lambda t, i: t.replace("trich_yeu: đẩy nhanh", f"trich_yeu: ({i + 1}) đẩy nhanh", 1),
                  saves, offset, timings)
            browser.close()
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
