"""The smoke test `deploy/local_prod.py` runs through nginx, and the run around it."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests
import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.replies import deserialize_reply
from wechatpy.utils import WeChatSigner

import local_prod
from local_prod import Layout, wait_for

CJK = re.compile(r"[\u4e00-\u9fff]")
BURST, BURST_THREADS = 120, 16
# What must never reach an access log: WeChat's query and the openids sent in it.
LEAKS = ("signature=", "msg_signature", "openid=", "nonce=", "timestamp=", "api_key=", "?")


class FakeWeChatAPI:
    """api.weixin.qq.com on loopback: hands out a token, records customer-service sends."""

    def __init__(self) -> None:
        self.sends: list[dict] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming): the token fetch
                self._answer({"access_token": "smoke-token", "expires_in": 7200})

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                api.sends.append(json.loads(body or b"{}"))
                self._answer({"errcode": 0, "errmsg": "ok"})

            def _answer(self, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sent_to(self, openid: str) -> list[str]:
        return [s["text"]["content"] for s in self.sends if s.get("touser") == openid]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class WeChat:
    """Plays WeChat's servers against nginx in safe mode (encrypt_type=aes)."""

    def __init__(self, base: str, env: dict, cert: Path) -> None:
        self.base, self.cert, self.token = base, str(cert), env["WECHAT_TOKEN"]
        self.crypto = WeChatCrypto(self.token, env["WECHAT_AES_KEY"], env["WECHAT_APPID"])

    def post(self, openid: str, text: str, msg_id: int, forge: bool = False):
        """(status, reply text or None for "success", raw body) for one text message."""
        timestamp, nonce = str(int(time.time())), str(int.from_bytes(os.urandom(4), "big"))
        inner = xmltodict.unparse({"xml": {
            "ToUserName": "gh_0123456789ab", "FromUserName": openid, "CreateTime": timestamp,
            "MsgType": "text", "Content": text, "MsgId": str(msg_id)}}, full_document=False)
        envelope = xmltodict.parse(self.crypto.encrypt_message(inner, nonce, timestamp))["xml"]
        signer = WeChatSigner()
        signer.add_data(self.token, timestamp, nonce)
        query = {"signature": "0" * 40 if forge else signer.signature, "timestamp": timestamp,
                 "nonce": nonce, "openid": openid, "encrypt_type": "aes",
                 "msg_signature": envelope["MsgSignature"]}
        body = xmltodict.unparse({"xml": {"ToUserName": "gh_0123456789ab",
                                          "Encrypt": envelope["Encrypt"]}}, full_document=False)
        response = requests.post(f"{self.base}/wechat", params=query, data=body.encode(),
                                 headers={"Content-Type": "text/xml"}, verify=self.cert,
                                 timeout=15)
        return response.status_code, self._reply(response), response.text

    def _reply(self, response) -> str | None:
        if response.status_code != 200 or response.text == "success":
            return None
        envelope = xmltodict.parse(response.text)["xml"]
        inner = self.crypto.decrypt_message(response.text, envelope["MsgSignature"],
                                            envelope["TimeStamp"], envelope["Nonce"])
        return deserialize_reply(inner).content


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def check_health(base: str, cert: str) -> str:
    answers = [requests.get(f"{base}/healthz", verify=cert, timeout=5) for _ in range(4)]
    for response in answers:
        check(response.status_code == 200, f"/healthz {response.status_code}: {response.text}")
        body = response.json()
        check(body.get("database") == "ok" and body.get("redis") == "ok", f"/healthz {body}")
        check("max-age=" in response.headers.get("Strict-Transport-Security", ""), "no HSTS")
    return "/healthz 200 ×4 through nginx: database ok, redis ok; HSTS sent"


def check_redirect(layout: Layout) -> str:
    url = f"http://127.0.0.1:{layout.ports['http']}/wechat?signature=plain-http&openid=oPlainHttp"
    response = requests.get(url, allow_redirects=False, timeout=5)
    check(response.status_code == 301 and response.headers["Location"].startswith("https://"),
          f"plain http: {response.status_code}")
    return "plain http → 301 to https"


def check_message_and_retry(wechat: WeChat) -> str:
    status, first, _ = wechat.post("oSmokeResident0000000000001", "低保要准备哪些材料", 770001)
    check(status == 200 and first and CJK.search(first), f"message: {status} {first!r}")
    status, again, _ = wechat.post("oSmokeResident0000000000001", "低保要准备哪些材料", 770001)
    check(status == 200 and again == first, f"retry: {status}, reply differs: {again!r}")
    return f"signed safe-mode message answered in Chinese ({len(first)} chars); retry of its MsgId got the same reply"


def check_burst(wechat: WeChat, api: FakeWeChatAPI) -> str:
    """BURST messages from one address (as WeChat sends them), different residents, at once."""
    texts = ["你好", "低保要准备哪些材料", "高龄津贴怎么申请", "养老服务补贴去哪里办"]

    def send(i: int):
        openid = f"oSmokeBurst{i:016d}"
        return openid, wechat.post(openid, texts[i % len(texts)], 780000 + i)

    started = time.monotonic()
    with ThreadPoolExecutor(BURST_THREADS) as pool:
        results = list(pool.map(send, range(BURST)))
    took = time.monotonic() - started
    statuses = Counter(status for _, (status, _, _) in results)
    check(set(statuses) == {200}, f"burst statuses {dict(statuses)}")
    deferred = [openid for openid, (_, reply, _) in results if reply is None]
    check(all(CJK.search(reply) for _, (_, reply, _) in results if reply), "non-Chinese reply")
    # Past REPLY_BUDGET the answer goes by the worker as a customer-service message.
    wait_for("deferred replies", lambda: all(api.sent_to(o) for o in deferred), 30)
    return (f"{BURST} signed messages from one address, {BURST_THREADS} at a time: all 200 "
            f"in {took:.1f} s ({BURST / took:.0f}/s), {BURST - len(deferred)} answered at once, "
            f"{len(deferred)} by the worker")


def check_forged(wechat: WeChat) -> str:
    status, _, body = wechat.post("oSmokeForger0000000000000001", "你好", 790001, forge=True)
    check(status == 403, f"forged signature: {status} {body!r}")
    return "forged signature refused 403"


def check_admin_login(base: str, cert: str) -> str:
    response = requests.get(f"{base}/admin/login", verify=cert, timeout=10)
    check(response.status_code == 200 and "登录管理后台" in response.text,
          f"/admin/login {response.status_code}")
    return "/admin/login 200"


def check_worker_jobs(layout: Layout) -> str:
    """The scheduler's cron round and `flask scheduler --once` both run on the worker."""
    import redis
    from rq import Queue
    from rq.cron import get_cron_job_ids

    connection = redis.Redis(port=layout.ports["redis"])
    queue = Queue("mzt", connection=connection)
    names = re.findall(r"[\w.]+\.tasks\.\w+", layout.run("once", local_prod.flask(
        "scheduler", "--once")))
    check(len(names) >= 1, "no periodic jobs registered")
    cron_ids = lambda: {j for n in names for j in get_cron_job_ids(n, connection)}  # noqa: E731
    finished = lambda: set(queue.finished_job_registry.get_job_ids())  # noqa: E731
    # The running scheduler enqueued each periodic job once at start...
    wait_for("scheduler's jobs", lambda: len(cron_ids() & finished()) >= len(names), 30)
    # ...and --once enqueued each again, outside the scheduler's history.
    wait_for("--once jobs", lambda: len(finished() - cron_ids()) >= len(names), 30)
    failed = queue.failed_job_registry.get_job_ids()
    check(not failed, f"failed jobs: {failed}")
    return f"worker ran the scheduler's and --once's {len(names)} periodic jobs, none failed"


def check_access_logs(layout: Layout) -> str:
    counts = {}
    for name in ("nginx.access.log", "web1.access.log", "web2.access.log"):
        text = layout.log(name)
        counts[name] = text.count("/wechat")
        check(counts[name] > 0, f"{name}: no /wechat lines")
        leaks = [leak for leak in LEAKS if leak in text] + sorted(set(re.findall(r"oSmoke\w+", text)))
        check(not leaks, f"{name} carries {leaks[:5]}")
    return ("access logs without query strings or openids: nginx {} /wechat lines, "
            "gunicorn {} + {} (both upstreams used)").format(*counts.values())


def check_process_logs(layout: Layout) -> str:
    """No secret in any log; openids in process logs are counted, not refused (yet)."""
    secrets = {k: layout.env[k] for k in ("SECRET_KEY", "PII_KEY", "WECHAT_SECRET",
                                          "WECHAT_AES_KEY", "WECHAT_TOKEN")}
    openids = set()
    for path in layout.tmp.glob("*.log"):
        text = path.read_text(encoding="utf-8", errors="replace")
        leaked = [name for name, value in secrets.items() if value in text]
        check(not leaked, f"{path.name} carries {leaked}")
        openids |= set(re.findall(r"oSmoke\w+", text))
    return f"no secret in any log; openids named in process logs: {len(openids)}"


def smoke(layout: Layout, api: FakeWeChatAPI, cert: Path) -> list[str]:
    """Run every check (each independent of the others); the failures, empty when all pass."""
    base, pem = f"https://127.0.0.1:{layout.ports['https']}", str(cert)
    wechat = WeChat(base, layout.env, cert)
    steps = [lambda: check_health(base, pem), lambda: check_redirect(layout),
             lambda: check_message_and_retry(wechat), lambda: check_burst(wechat, api),
             lambda: check_forged(wechat), lambda: check_admin_login(base, pem),
             lambda: check_worker_jobs(layout), lambda: check_access_logs(layout),
             lambda: check_process_logs(layout)]
    failures = []
    for step in steps:
        layout.alive()
        started = time.monotonic()
        try:
            line = "ok   " + step()
        except (AssertionError, RuntimeError, requests.RequestException) as exc:
            failures.append(f"{type(exc).__name__}: {exc}")
            line = "FAIL " + failures[-1]
        print(f"{line} [{time.monotonic() - started:.1f} s]", flush=True)
    layout.alive()
    return failures


def _interrupt(signum, frame):
    raise SystemExit(128 + signum)


def _timed_out(signum, frame):
    raise TimeoutError("local_prod: over the time limit")


def dump_logs(layout: Layout) -> None:
    """The tail of every process log, for a failed run (CI shows stderr)."""
    for path in sorted(layout.tmp.glob("*.log")):
        tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        print(f"----- {path.name} (last {len(tail)} lines)", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)


def run(timeout: float, hold: float) -> int:
    """Bring the layout up, smoke-test it, tear it down; 0 when every check passed."""
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    signal.signal(signal.SIGALRM, _timed_out)
    signal.alarm(int(timeout + hold))
    started = time.monotonic()
    layout, api = Layout(Path(tempfile.mkdtemp(prefix="mzt-smoke-"))), FakeWeChatAPI()
    ok = False
    try:
        cert = local_prod.bring_up(layout, api.base, timeout)
        print(f"up in {time.monotonic() - started:.1f} s: nginx https://127.0.0.1:"
              f"{layout.ports['https']}/ (self-signed), gunicorn :{layout.ports['web1']} "
              f":{layout.ports['web2']}, redis :{layout.ports['redis']}, database "
              f"{layout.database}", flush=True)
        failures = smoke(layout, api, cert)
        if failures:
            raise AssertionError(f"{len(failures)} check(s) failed")
        ok = True
        if hold:
            print(f"holding for {hold:.0f} s (Ctrl+C to stop)", flush=True)
            time.sleep(hold)
    except Exception as exc:
        print(f"FAIL {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        dump_logs(layout)
    finally:
        signal.alarm(0)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)  # let the teardown finish
        layout.close()
        api.close()
        shutil.rmtree(layout.tmp, ignore_errors=True)
        print(f"{'passed' if ok else 'failed'} in {time.monotonic() - started:.1f} s, torn down",
              flush=True)
    return 0 if ok else 1
