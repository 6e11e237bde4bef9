"""The simulator page in headless Chromium: type, click a menu item, send a location."""
import html
import json
import shutil
import subprocess
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium")]

# Drives the real page in a same-origin frame, then copies its chat out for --dump-dom.
HARNESS = """<!doctype html><meta charset="utf-8"><iframe id="f" src="/simulator"></iframe>
<pre id="out"></pre><script>
var f = document.getElementById("f");
f.onload = function () {
  var d = f.contentDocument, w = f.contentWindow;
  setTimeout(function () {
    d.getElementById("text").value = "你好";
    d.getElementById("inputbar").dispatchEvent(new w.Event("submit", {cancelable: true}));
  }, 100);
  setTimeout(function () { d.querySelector('.menu-item[data-key="GUIDE"]').click(); }, 600);
  setTimeout(function () { d.getElementById("location").click(); }, 1100);
  setTimeout(function () {
    var rows = d.querySelectorAll(".row");
    document.getElementById("out").textContent = JSON.stringify(Array.prototype.map.call(
      rows, function (r) { return [r.className, r.querySelector(".bubble").textContent]; }));
  }, 8000);  // after the 5 s geolocation timeout falls back to the sample place
};
</script>"""


@pytest.fixture
def live_server(app):
    app.add_url_rule("/_harness", "harness", lambda: HARNESS)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.mark.own_app  # the harness page is a view added to the app
def test_a_conversation_in_the_browser(live_server, tmp_path):
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         f"--user-data-dir={tmp_path}", "--virtual-time-budget=12000", "--dump-dom",
         f"{live_server}/_harness"], capture_output=True, text=True, timeout=90)
    out = result.stdout.split('<pre id="out">')[-1].split("</pre>")[0]
    rows = json.loads(html.unescape(out) or "[]")
    assert ["row me", "你好"] in rows, result.stdout[-2000:]
    assert any(kind == "row me" and "点击菜单" in text for kind, text in rows)
    # One answer each for the text, the menu click and the location.
    assert len([text for kind, text in rows if kind == "row bot" and text.strip()]) == 3
    assert any(kind == "row bot" and "已收到您的位置" in text for kind, text in rows)
