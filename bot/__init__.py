"""The WeChat channel, the conversation engine and the simulators."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Wire in /wechat, the simulator and chat API, and the chat and menu commands."""
    from bot import channels, cli, client, convo, learning, missed_cli, models, simulator, wechat  # noqa: F401 (models: the table)
    from core.extensions import csrf
    from core.http import lean_blueprint
    from core.periodic import register_periodic
    from core.ratelimit import limit_blueprint, limiter

    # WeChat and API callers authenticate by signature or JSON body, not by form token.
    csrf.exempt(wechat.bp)
    csrf.exempt(simulator.bp)
    lean_blueprint(app, wechat.bp.name, paths=("/wechat",), trusted=wechat.signed)
    # WeChat delivers every resident's messages from a few Tencent addresses:
    # counting those per IP would refuse a whole city at once. Signed
    # deliveries are limited per resident (bot.session); the IP limit is for
    # the unsigned traffic that signature checks turn away.
    limit_blueprint(app, wechat.bp, "RATELIMIT_WECHAT_IP")
    limiter(app).request_filter(wechat.signed)
    limit_blueprint(app, simulator.bp, "RATELIMIT_API_IP")
    register_periodic(app, "bot.tasks.replay_spooled", every=60)
    app.register_blueprint(wechat.bp)
    app.register_blueprint(simulator.bp)
    app.register_blueprint(cli.bp)
    app.register_blueprint(convo.bp)
    app.register_blueprint(missed_cli.bp)
    app.cli.add_command(cli.chat_command)
    # notifications must not import bot; the channel hands it the way to reach WeChat.
    app.extensions["mzt.notify.wechat"] = client.send_text
    app.extensions["mzt.notify.template"] = client.send_template
    # ...and says how each channel's residents hear notices (bot.channels).
    app.extensions["mzt.notify.routes"] = channels.notice_routes()
    # The admin shows a binding QR code without importing the channel.
    app.extensions["mzt.wechat.bind_qr"] = client.bind_qr_url
    learning.init_app(app)
    wechat.init_app(app)  # signed deliveries before Flask's request machinery
