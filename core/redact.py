"""Secrets out of error text before it is stored or logged."""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from collections.abc import Iterator

# Query parameters that carry credentials or a resident's id: wechatpy puts
# the AppSecret and the access token in the URLs its errors quote.
SECRET_PARAMS = re.compile(r"(?i)\b(secret|appsecret|access_token|api_key|openid)=[^&\s'\"<>)]+")


def scrub(text: str) -> str:
    """The text with the values of credential query parameters replaced by ***."""
    return SECRET_PARAMS.sub(r"\1=***", text)


@contextmanager
def scrubbed_errors() -> Iterator[None]:
    """Re-raise any error with its message scrubbed and its chained causes dropped.

    Tracebacks print every chained exception's message: the requests error
    that wechatpy wraps quotes the token URL, AppSecret included.
    """
    try:
        yield
    except Exception as exc:
        message = scrub(str(exc))
        if message != str(exc) or exc.__context__ is not None or exc.__cause__ is not None:
            exc.args = (message,)
            raise exc from None
        raise


JOB_EXTRAS = ("arguments", "kwargs")


class ScrubFilter(logging.Filter):
    """Scrubs credential parameters out of a logger's records (message and traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, ()
        for name in JOB_EXTRAS:  # RQ attaches a failed job's arguments to its error line
            if hasattr(record, name):
                setattr(record, name, "***")
        if record.exc_info and not record.exc_text:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        return True


# Libraries whose own lines quote request URLs (urllib3 at DEBUG logs every
# request line, AppSecret included) or job errors.
SCRUBBED_LOGGERS = ("urllib3.connectionpool", "wechatpy.client.base", "rq.worker", "rq.queue",
                    "rq.job")


def install_filters() -> None:
    """Attach ScrubFilter once to each library logger that may quote a secret."""
    for name in SCRUBBED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, ScrubFilter) for f in logger.filters):
            logger.addFilter(ScrubFilter())
