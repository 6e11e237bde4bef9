"""Notices in the admin: each user's list with an unread count, and WeChat binding."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from admin.blueprint import bp
from admin.forms import ActionForm
from admin.paging import paginate
from core import audit
from notifications import binding, queries, staff
from notifications.kinds import KINDS, label

QR_CSP = ("default-src 'self'; img-src 'self' https://mp.weixin.qq.com; "
          "frame-ancestors 'none'; form-action 'self'")


@bp.route("/notices")
@login_required
def notices():
    """The signed-in user's notices, newest first; unread ones marked."""
    unread_only = request.args.get("unread") == "1"
    page = paginate(staff.notices_query(current_user.id, unread_only))
    return render_template("admin/notices.html", page=page, kinds=KINDS, form=ActionForm(),
                           unread_only=unread_only)


@bp.route("/notices/read", methods=["POST"])
@login_required
def notices_read():
    """Mark one notice (`id`) or all of the user's notices read."""
    if not ActionForm().validate_on_submit():
        abort(400)
    raw = request.form.get("id", "")
    changed = staff.mark_read(current_user.id, int(raw) if raw.isdigit() else None)
    flash(f"已标记 {changed} 条为已读。", "success")
    return redirect(url_for("admin.notices"))


@bp.route("/wechat")
@login_required
def wechat_binding():
    """Bind this account's WeChat by scanning a one-time QR code, or unbind it."""
    return render_template("admin/wechat_binding.html", binding=binding.binding_for(current_user.id),
                           form=ActionForm(), scene=None, qr_url=None)


@bp.route("/wechat/scene", methods=["POST"])
@login_required
def wechat_scene():
    """A fresh QR scene (valid 10 minutes, once); the real QR code when WeChat is configured."""
    if not ActionForm().validate_on_submit():
        abort(400)
    scene = binding.new_scene(current_user.id)
    audit.record(current_user.username, "wechat.bind_scene", f"user:{current_user.id}")
    qr_url = _qr_url(scene)
    response = current_app.make_response(render_template(
        "admin/wechat_binding.html", binding=binding.binding_for(current_user.id),
        form=ActionForm(), scene=scene, qr_url=qr_url))
    response.headers["Content-Security-Policy"] = QR_CSP
    return response


def _qr_url(scene: str) -> str | None:
    """WeChat's QR image for the scene; None without an AppSecret (the simulator scans the text)."""
    make = current_app.extensions.get("mzt.wechat.bind_qr")
    if make is None or not current_app.config.get("WECHAT_SECRET"):
        return None
    try:
        return make(binding.qr_request(scene))
    except Exception:  # WeChat unreachable: the page says so and offers the scene text
        current_app.logger.warning("binding QR code could not be created")
        return None


@bp.route("/wechat/unbind", methods=["POST"])
@login_required
def wechat_unbind():
    """Stop WeChat notices to this account."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if binding.unbind(current_user.id):
        audit.record(current_user.username, "wechat.unbind", f"user:{current_user.id}")
        flash("已解除微信绑定，之后不会再向该微信发送通知。", "success")
    return redirect(url_for("admin.wechat_binding"))


@bp.app_template_global("case_notices")
def case_notices(source: str) -> list:
    """Every notice about one case (order:DD…, application:12), for its page."""
    return queries.for_source(source)


@bp.app_template_global("notice_kind")
def notice_kind(kind: str) -> str:
    return label(kind)
