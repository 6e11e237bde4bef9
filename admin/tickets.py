"""转人工 tickets: the conversation, staff replies and closing."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import ActionForm
from admin.paging import paginate
from conversations.models import MessageLog
from core.extensions import db
from handoff.models import Ticket
from handoff.operations import TicketError, close_ticket, staff_reply
from handoff.queries import ticket_queue


@bp.route("/handoffs")
@staff_required
def handoffs():
    """Open tickets first."""
    status = request.args.get("status", "open")
    return render_template("admin/handoffs.html", page=paginate(ticket_queue(status)),
                           status=status)


@bp.route("/handoffs/<int:ticket_id>", methods=["GET", "POST"])
@staff_required
def handoff_detail(ticket_id: int):
    """The recent conversation and the ticket's messages; reply or close."""
    ticket = db.session.get(Ticket, ticket_id) or abort(404)
    form = ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            if request.form.get("close"):
                close_ticket(ticket, actor=current_user.username)
                flash("工单已结束。", "success")
            else:
                staff_reply(ticket, current_user.display_name, request.form.get("text", ""),
                            actor=current_user.username)
                flash("回复已发送给居民。", "success")
        except TicketError as exc:
            flash(str(exc), "error")
        return redirect(url_for("admin.handoff_detail", ticket_id=ticket_id))
    log = db.session.scalars(db.select(MessageLog).filter_by(resident=ticket.resident)
                             .order_by(MessageLog.id.desc()).limit(30)).all()
    return render_template("admin/handoff_detail.html", ticket=ticket, log=list(reversed(log)),
                           form=form)
