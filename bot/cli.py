"""`flask chat` (talk to the engine in a terminal) and `flask wechat menu`."""
from __future__ import annotations

import json
import logging
import sys

import click
import requests
from flask import Blueprint, current_app
from wechatpy.exceptions import WeChatClientException

from bot import engine
from bot.client import wechat_client
from bot.menu import CLICK_TEXT, MENU
from bot.messages import Incoming

bp = Blueprint("wechat_cli", __name__, cli_group="wechat")
HELP = ("输入文字与民政通对话。命令：/click 菜单键（如 /click ORDER）、"
        "/location 纬度 经度 [地点]、/user 居民编号、/menu 查看菜单键、/quit 退出。")


@click.command("chat")
@click.option("--user", default="终端居民", show_default=True, help="居民编号")
@click.option("-m", "--message", "messages", multiple=True, help="发送一条后退出（可多次）")
def chat_command(user: str, messages: tuple[str, ...]) -> None:
    """Chat with the bot in the terminal, through the same engine as WeChat."""
    # The per-message log line would land between the prompt and the reply.
    logging.getLogger("bot.engine").setLevel(logging.WARNING)
    if messages:
        for line in messages:
            _say(user, line)
        return
    click.echo(HELP)
    while True:
        click.echo(f"{user}> ", nl=False)
        line = sys.stdin.readline()
        if not line or line.strip() == "/quit":
            click.echo()
            return
        user = _say(user, line.strip())


def _say(user: str, line: str) -> str:
    """Send one line (text or command); return the resident now talking."""
    if not line:
        return user
    command, _, rest = line.partition(" ")
    if command == "/user" and rest.strip():
        click.echo(f"已切换到居民：{rest.strip()}")
        return rest.strip()
    if command == "/menu":
        click.echo("\n".join(f"  {key}：{text}" for key, text in CLICK_TEXT.items()))
        return user
    try:
        incoming = _incoming(user, command, rest)
    except ValueError as exc:
        click.echo(str(exc))
        return user
    replies = engine.reply(incoming)
    for text in replies or ["（没有回复）"]:
        click.echo(f"民政通：{text}\n")
    return user


def _incoming(user: str, command: str, rest: str) -> Incoming:
    if command == "/click":
        return Incoming(user=user, kind="event", event="click", key=rest.strip().upper(),
                        channel="cli")
    if command == "/location":
        parts = rest.split(maxsplit=2)
        try:
            lat, lng = float(parts[0]), float(parts[1])
        except (IndexError, ValueError):
            raise ValueError("用法：/location 纬度 经度 [地点]") from None
        label = parts[2] if len(parts) > 2 else ""
        return Incoming(user=user, kind="location", latitude=lat, longitude=lng,
                        label=label, channel="cli")
    text = f"{command} {rest}".strip()
    return Incoming(user=user, kind="text", text=text, channel="cli")


@bp.cli.command("menu")
@click.option("--show", is_flag=True, help="只打印菜单 JSON，不推送")
def push_menu(show: bool) -> None:
    """Push bot/menu.py's MENU to the official account."""
    if show:
        click.echo(json.dumps(MENU, ensure_ascii=False, indent=2))
        return
    if not current_app.config.get("WECHAT_SECRET"):
        raise click.ClickException("请先设置 WECHAT_APPID 和 WECHAT_SECRET（公众号后台“基本配置”）")
    try:
        result = wechat_client().menu.create(MENU)
    except WeChatClientException as exc:
        raise click.ClickException(f"微信接口返回错误 {exc.errcode}：{exc.errmsg}") from None
    except requests.RequestException as exc:
        raise click.ClickException(f"无法连接微信接口：{type(exc).__name__}") from None
    click.echo(f"菜单已推送到公众号（{result.get('errmsg', 'ok')}）。")


@bp.cli.command("replay")
@click.option("--aside", is_flag=True,
              help="First queue again the entries kept aside (once the old PII_KEY is back).")
def replay_spooled(aside: bool) -> None:
    """Replay messages that arrived while the database was down."""
    from bot import replay, spool
    from core import unit

    if aside:
        click.echo(f"已重新排队 {spool.restore_aside()} 条无法解密而搁置的消息。")
    with unit.work():
        count = replay.replay()
    click.echo(f"已重新处理 {count} 条消息，剩余 {spool.pending()} 条。")
    kept = spool.kept_aside()
    if kept:
        click.echo(f"另有 {kept} 条消息无法用当前 PII_KEY 解密，已搁置：换回原来的密钥后"
                   "运行 flask wechat replay --aside。")
