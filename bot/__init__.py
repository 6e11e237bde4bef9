"""The WeChat channel, the conversation engine and the simulators."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Channels are wired in by the channel module."""
