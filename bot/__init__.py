"""The WeChat channel, the conversation engine and the simulators."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Wire in /wechat, the simulator and chat API, and the chat and menu commands."""
    from bot import cli, client, simulator, wechat
    from core.extensions import csrf

    # WeChat and API callers authenticate by signature or JSON body, not by form token.
    csrf.exempt(wechat.bp)
    csrf.exempt(simulator.bp)
    app.register_blueprint(wechat.bp)
    app.register_blueprint(simulator.bp)
    app.register_blueprint(cli.bp)
    app.cli.add_command(cli.chat_command)
    # notifications must not import bot; the channel hands it the way to reach WeChat.
    app.extensions["mzt.notify.wechat"] = client.send_text
