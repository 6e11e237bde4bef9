"""Configuration read from the environment, with embedded defaults."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
# The embedded default; core.production refuses it (and any example value) in production.
DEV_SECRET_KEY = "dev-only-change-me"


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Embedded default: SQLite under instance/, in-process state."""

    APP_ENV = "embedded"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE / 'minzhengtong.db'}"
    )
    # No ping per checkout (a round trip per message): pooled connections are
    # replaced after DB_POOL_RECYCLE seconds, before firewalls or proxies drop
    # them idle, and a message that meets one dropped anyway is run once more
    # on a fresh connection (bot.engine).
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    DB_POOL_RECYCLE = int(os.environ.get("DB_POOL_RECYCLE", "1800"))
    # Connections per process (PostgreSQL): kept open, and opened beyond that at a
    # peak. A sync web worker needs at most REPLY_THREADS + 2 at once; every process
    # together must stay below max_connections (README, Deployment).
    DB_POOL_SIZE = int(os.environ.get("DB_POOL_SIZE", "5"))
    DB_MAX_OVERFLOW = int(os.environ.get("DB_MAX_OVERFLOW", "3"))
    REDIS_URL = os.environ.get("REDIS_URL") or None
    REDIS_PREFIX = os.environ.get("REDIS_PREFIX", "mzt:")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")

    WECHAT_TOKEN = os.environ.get("WECHAT_TOKEN", "minzhengtong")
    WECHAT_APPID = os.environ.get("WECHAT_APPID", "wx0000000000000000")
    WECHAT_SECRET = os.environ.get("WECHAT_SECRET", "")
    WECHAT_AES_KEY = os.environ.get("WECHAT_AES_KEY") or None
    # WeChat's own servers sign with the current time; a larger skew is a replay.
    WECHAT_REPLAY_WINDOW = int(os.environ.get("WECHAT_REPLAY_WINDOW", "300"))
    WECHAT_MAX_BODY = int(os.environ.get("WECHAT_MAX_BODY", str(64 * 1024)))
    # How long a retried message waits for the first delivery's reply.
    WECHAT_RETRY_WAIT = float(os.environ.get("WECHAT_RETRY_WAIT", "4.5"))

    # WeChat drops a passive reply after 5 s; past this budget the endpoint says
    # "success" and the reply follows as a customer-service message.
    REPLY_BUDGET = float(os.environ.get("REPLY_BUDGET", "4"))
    REPLY_THREADS = int(os.environ.get("REPLY_THREADS", "4"))
    WECHAT_API_BASE = os.environ.get("WECHAT_API_BASE") or None  # tests point it at a fake
    # The RQ queue web processes, workers and the scheduler share.
    RQ_QUEUE = os.environ.get("RQ_QUEUE", "mzt")
    JOB_TIMEOUT = int(os.environ.get("JOB_TIMEOUT", "120"))
    # Messages that arrived while the database was down wait here for replay.
    SPOOL_DIR = os.environ.get("SPOOL_DIR", str(INSTANCE / "spool"))
    # Flask-Limiter figures ("N per second|minute|hour"); counted in Redis when set.
    RATELIMIT_ENABLED = _flag("RATELIMIT_ENABLED", True)
    RATELIMIT_RESIDENT = os.environ.get("RATELIMIT_RESIDENT", "20 per minute")
    # /wechat per IP counts only requests without a valid signature: WeChat
    # posts every resident's messages from a few of its own IPs (bot/__init__.py).
    RATELIMIT_WECHAT_IP = os.environ.get("RATELIMIT_WECHAT_IP", "60 per minute")
    RATELIMIT_API_IP = os.environ.get("RATELIMIT_API_IP", "60 per minute")
    # Reverse proxies in front (nginx: 1), so client IPs come from X-Forwarded-For.
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

    KNOWLEDGE_CHECK_SECONDS = float(os.environ.get("KNOWLEDGE_CHECK_SECONDS", "2"))
    # With Redis, message-log rows wait in a Redis list and each web process
    # writes them in batches this often (0: only the periodic job does).
    MESSAGE_LOG_FLUSH_SECONDS = float(os.environ.get("MESSAGE_LOG_FLUSH_SECONDS", "1"))

    # Danger first (handlers/danger.py): the bureau's 24-hour line and the local
    # gas company's emergency line, shown beside 120/110/119/12356.
    EMERGENCY_HOTLINE = os.environ.get("EMERGENCY_HOTLINE", "0000-1234500（示例号码）")
    GAS_EMERGENCY_PHONE = os.environ.get("GAS_EMERGENCY_PHONE", "")

    SIMULATOR_ENABLED = _flag("SIMULATOR_ENABLED", True)
    # Fernet key for ID numbers at rest; unset means a dev key derived from SECRET_KEY.
    PII_KEY = os.environ.get("PII_KEY") or None
    # How notifications reach residents: "outbox" (simulator) or "wechat" (customer-service API).
    NOTIFY_VIA = os.environ.get("NOTIFY_VIA", "outbox")
    NOTIFY_MAX_ATTEMPTS = int(os.environ.get("NOTIFY_MAX_ATTEMPTS", "8"))
    # How often admin pages refresh their counters (unread notices, queues) by script.
    ADMIN_COUNTS_SECONDS = int(os.environ.get("ADMIN_COUNTS_SECONDS", "30"))
    SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
    # A form left unfinished (interrupted, paused or idle) is kept this long for "继续".
    PARKED_FORM_SECONDS = int(os.environ.get("PARKED_FORM_SECONDS", str(24 * 3600)))
    PERMANENT_SESSION_LIFETIME = int(os.environ.get("ADMIN_SESSION_SECONDS", str(8 * 3600)))
    # Open311 clients: "name:key,name:key" (other government systems).
    OPEN311_API_KEYS = os.environ.get("OPEN311_API_KEYS", "")
    # The jurisdiction_id clients may send (the spec's optional parameter); any other is a 404.
    OPEN311_JURISDICTION = os.environ.get("OPEN311_JURISDICTION", "")
    # A shared office PC left signed in is the likeliest leak, so idle sessions end early.
    ADMIN_IDLE_SECONDS = int(os.environ.get("ADMIN_IDLE_SECONDS", str(30 * 60)))
    ADMIN_LOCKOUT_THRESHOLD = int(os.environ.get("ADMIN_LOCKOUT_THRESHOLD", "5"))
    ADMIN_LOCKOUT_SECONDS = int(os.environ.get("ADMIN_LOCKOUT_SECONDS", str(15 * 60)))
    # Failed sign-ins per client IP per window, across all usernames (password spraying).
    ADMIN_LOGIN_IP_LIMIT = int(os.environ.get("ADMIN_LOGIN_IP_LIMIT", "20"))
    ADMIN_LOGIN_IP_WINDOW = int(os.environ.get("ADMIN_LOGIN_IP_WINDOW", str(10 * 60)))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    JSON_AS_ASCII = False


class ProductionConfig(Config):
    """Production: simulator and chat API are off unless asked for."""

    APP_ENV = "production"
    SIMULATOR_ENABLED = _flag("SIMULATOR_ENABLED", False)
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    PREFERRED_URL_SCHEME = "https"
    NOTIFY_VIA = os.environ.get("NOTIFY_VIA", "wechat")


def config_for_env() -> type[Config]:
    """Pick the config class named by APP_ENV (embedded by default)."""
    return ProductionConfig if os.environ.get("APP_ENV") == "production" else Config
