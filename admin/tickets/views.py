"""转人工 tickets: queues by where each stands, claiming and assigning, the conversation, replies."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from accounts.models import User
from admin import texts
from admin.auth import staff_required
from admin.blueprint import bp
from admin.forms import ActionForm, TicketReplyForm, flash_errors
from admin.paging import paginate
from admin.phrases.picker import fill_from_phrase
from applications.models import Application, Appointment
from applications.queries import applications_for
from conversations.models import MessageLog
from core.audit import utcnow
from core.extensions import db
from handoff import texts as handoff_texts
from handoff.models import Ticket
from handoff.operations import TicketError, assign_ticket, claim_ticket, close_ticket, staff_reply
from handoff.queries import PHASES, ticket_counts, ticket_queue
from orders.queries import resident_orders
from volunteers.models import Volunteer

# Refusals about the reply itself stand next to the reply box; the rest above the form.
TEXT_PROBLEMS = (handoff_texts.EMPTY_REPLY, texts.UNSENT_REPLY)
# Links from before the 待回复 / 已回复 split: every open ticket was "open".
OLD_STATUS = {"open": "waiting"}
CONVERSATION = 30  # log rows shown on a ticket's page
LINKED = 10  # of the resident's orders and of their applications


@bp.route("/handoffs")
@staff_required
def handoffs():
    """Tickets waiting for a reply first (longest wait on top); 已回复 and 已结束 on their tabs."""
    status = request.args.get("status", "waiting")
    status = OLD_STATUS.get(status, status)
    if status not in PHASES:
        status = "waiting"
    mine = request.args.get("mine") == "1"
    query = ticket_queue(status, assignee_id=current_user.id if mine else None)
    page = paginate(query)
    return render_template("admin/handoffs.html", page=page, status=status, mine=mine,
                           names=names_on_file([t.resident for t in page]),
                           counts=ticket_counts(), my_counts=ticket_counts(current_user.id),
                           now=utcnow())


@bp.route("/handoffs/<int:ticket_id>", methods=["GET", "POST"])
@staff_required
def handoff_detail(ticket_id: int):
    """The recent conversation and the ticket's messages; reply or close."""
    ticket = db.session.get(Ticket, ticket_id) or abort(404)
    form = TicketReplyForm()
    if request.method == "POST" and _act(ticket, form):
        return redirect(url_for("admin.handoff_detail", ticket_id=ticket_id))
    # A GET, or a refused reply: the page, with the reply as it was typed.
    return _page(ticket, form)


def _page(ticket: Ticket, form: TicketReplyForm):
    log = db.session.scalars(db.select(MessageLog).filter_by(resident=ticket.resident)
                             .order_by(MessageLog.id.desc()).limit(CONVERSATION)).all()
    colleagues = db.session.scalars(db.select(User).where(
        User.active.is_(True), User.role.in_(("admin", "staff"))).order_by(User.display_name))
    return render_template("admin/handoff_detail.html", ticket=ticket, log=list(reversed(log)),
                           names=names_on_file([ticket.resident]),
                           form=form, action_form=ActionForm(), now=utcnow(),
                           colleagues=list(colleagues),
                           orders=resident_orders(ticket.resident, limit=LINKED),
                           applications=applications_for(ticket.resident, limit=LINKED))


def _act(ticket: Ticket, form: TicketReplyForm) -> bool:
    """Send the reply or close the ticket; False, with the reason on the form, if refused."""
    fill_from_phrase(form, "text", "ticket.reply")
    closing = bool(request.form.get("close"))
    if closing:
        fill_from_phrase(form, "note", "ticket.close")
    if not form.validate_on_submit():
        flash_errors(form)
        return False
    text = form.text.data or ""
    try:
        if closing:
            if text.strip():  # closing would throw away a reply nobody has sent
                raise TicketError(texts.UNSENT_REPLY)
            close_ticket(ticket, actor=current_user.username, note=form.note.data or "")
            flash(texts.TICKET_CLOSED, "success")
        else:
            staff_reply(ticket, current_user.display_name, text, actor=current_user.username,
                        user_id=current_user.id)
            flash(texts.TICKET_REPLIED, "success")
    except TicketError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        form.refuse(str(exc), "text" if str(exc) in TEXT_PROBLEMS else "")
        return False
    return True


@bp.post("/handoffs/<int:ticket_id>/claim")
@staff_required
def handoff_claim(ticket_id: int):
    """我来处理: the signed-in person takes a ticket nobody has yet."""
    ticket = db.session.get(Ticket, ticket_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    expected = request.form.get("assignee_id", "")
    try:
        claim_ticket(ticket, current_user, actor=current_user.username,
                     expected=int(expected) if expected.isdigit() else None)
        flash(texts.TICKET_CLAIMED, "success")
    except TicketError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    return redirect(url_for("admin.handoff_detail", ticket_id=ticket_id))


@bp.post("/handoffs/<int:ticket_id>/assign")
@staff_required
def handoff_assign(ticket_id: int):
    """指派给 a colleague, who is told."""
    ticket = db.session.get(Ticket, ticket_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    raw = request.form.get("user_id", "")
    user = db.session.get(User, int(raw)) if raw.isdigit() else None
    try:
        assign_ticket(ticket, user, actor=current_user.username)
        flash(texts.TICKET_ASSIGNED.format(name=ticket.assignee), "success")
    except TicketError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    return redirect(url_for("admin.handoff_detail", ticket_id=ticket_id))


@bp.app_template_filter("waited")
def waited(since, now) -> str:
    """How long ago `since` was: 不到 1 分钟, 12 分钟, 3 小时 5 分, 2 天 4 小时."""
    if since is None:
        return "—"
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 1:
        return "不到 1 分钟"
    if minutes < 60:
        return f"{minutes} 分钟"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} 小时 {minutes} 分" if minutes else f"{hours} 小时"
    days, hours = divmod(hours, 24)
    return f"{days} 天 {hours} 小时" if hours else f"{days} 天"


def names_on_file(residents) -> list[str]:
    """The names these residents gave in applications, bookings and volunteer registrations.

    A resident often writes their own name without a cue (我是…, …的家属): these are
    masked in their messages as the name is everywhere else (admin.masking).
    """
    wanted = {(r.channel, r.id) for r in residents if r}
    names: set[str] = set()
    if not wanted:
        return []
    for model in (Application, Appointment, Volunteer):  # one query each, whatever the page
        names.update(name for channel, resident_id, name in db.session.execute(
            db.select(model.channel, model.resident_id, model.name).distinct()
            .where(model.resident_id.in_({resident_id for _, resident_id in wanted})))
            if (channel, resident_id) in wanted)
    return sorted(n for n in names if n)
