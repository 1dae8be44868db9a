"""Memberships in the admin UI (/memberships): enrolling approved applications, and the members enrolled.

Enrolling is done by those who decide applications (`applications.decide`); a refused enrolment keeps
what was typed and says why beside each field. Names are shown beside NIKs and programme codes.
"""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from hub_server.errors import HubError, Invalid
from hub_server.services import catalogue, memberships
from hub_server.web import paging
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import errors_by_field, flash_refusal, t

bp = Blueprint("memberships", __name__, url_prefix="/memberships")


def _page(refused: dict | None = None):
    filters = {"programme": paging.arg("programme").upper(), "q": paging.arg("q")}
    with uow() as work:
        members = memberships.page(work.session, paging.order("start", descending=True),
                                   programme_code=filters["programme"] or None, area=g.actor.area,
                                   search=filters["q"])
        waiting = memberships.awaiting_enrolment(work.session, paging.Order(
            "updated", True, request.args.get("waiting_page", 1, type=int) or 1, 50),
                                                 programme_code=filters["programme"] or None, area=g.actor.area)
        held = catalogue.programmes(work.session)
        payers = {item.code: memberships.terms(item)["payers"] for item in held}
        programmes = [(item.code, item.name) for item in held]
        return render_template("memberships/list.html", active="memberships", page=members, waiting=waiting,
                               filters=filters, programmes=programmes, names=dict(programmes), payers=payers,
                               refused=refused or {})


@bp.get("/")
@requires("applications.view")
def list_page():
    return _page()


@bp.post("/enrol/<record_id>")
@requires("applications.decide")
def enrol(record_id):
    form = memberships.Enrolment(number=request.form.get("number", ""), start=request.form.get("start", ""),
                                 end=request.form.get("end", ""), payer=request.form.get("payer", ""))
    try:
        with uow(immediate=True) as work:
            member = memberships.enrol(work, record_id, form, user=g.actor.name, area=g.actor.area)
            name = memberships.member_name(work.session, member)
            programme = member.programme_code
    except Invalid as refusal:
        flash_refusal(refusal)
        return _page({"record_id": record_id, "form": form, "errors": errors_by_field(refusal)}), 400
    except HubError as refusal:
        flash_refusal(refusal)
    else:
        flash(t("member.enrolled", name=name, programme=programme, number=form.number.strip()), "ok")
    return redirect(url_for("memberships.list_page"))
