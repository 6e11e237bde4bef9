"""转人工 tickets: the conversation, staff replies and closing."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from admin import texts
from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import TicketReplyForm, flash_errors
from admin.paging import paginate
from conversations.models import MessageLog
from core.extensions import db
from handoff import texts as handoff_texts
from handoff.models import STATUS_LABELS, Ticket
from handoff.operations import TicketError, close_ticket, staff_reply
from handoff.queries import status_counts, ticket_queue

# Refusals about the reply itself stand next to the reply box; the rest above the form.
TEXT_PROBLEMS = (handoff_texts.EMPTY_REPLY, texts.UNSENT_REPLY)


@bp.route("/handoffs")
@staff_required
def handoffs():
    """Open tickets first."""
    status = request.args.get("status", "open")
    return render_template("admin/handoffs.html", page=paginate(ticket_queue(status)),
                           status=status, labels=STATUS_LABELS, counts=status_counts())


@bp.route("/handoffs/<int:ticket_id>", methods=["GET", "POST"])
@staff_required
def handoff_detail(ticket_id: int):
    """The recent conversation and the ticket's messages; reply or close."""
    ticket = db.session.get(Ticket, ticket_id) or abort(404)
    form = TicketReplyForm()
    if request.method == "POST" and _act(ticket, form):
        return redirect(url_for("admin.handoff_detail", ticket_id=ticket_id))
    # A GET, or a refused reply: the page, with the reply as it was typed.
    log = db.session.scalars(db.select(MessageLog).filter_by(resident=ticket.resident)
                             .order_by(MessageLog.id.desc()).limit(30)).all()
    return render_template("admin/handoff_detail.html", ticket=ticket, log=list(reversed(log)),
                           form=form)


def _act(ticket: Ticket, form: TicketReplyForm) -> bool:
    """Send the reply or close the ticket; False, with the reason on the form, if refused."""
    if not form.validate_on_submit():
        flash_errors(form)
        return False
    text = form.text.data or ""
    try:
        if request.form.get("close"):
            if text.strip():  # closing would throw away a reply nobody has sent
                raise TicketError(texts.UNSENT_REPLY)
            close_ticket(ticket, actor=current_user.username)
            flash(texts.TICKET_CLOSED, "success")
        else:
            staff_reply(ticket, current_user.display_name, text, actor=current_user.username)
            flash(texts.TICKET_REPLIED, "success")
    except TicketError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        form.refuse(str(exc), "text" if str(exc) in TEXT_PROBLEMS else "")
        return False
    return True
