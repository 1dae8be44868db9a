"""Applications in the admin UI (/applications): the queue, and approving or rejecting with a justification.

Each row shows what the decision rests on: whether the rule pre-identified the person, and any
community (musyawarah desa) correction. A decision is a hub edit of the village's record, so the
village sees it at its next sync. A sub-district officer sees and decides their sub-district's only.
"""


from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from hub_server.errors import HubError
from hub_server.services import applications, catalogue
from hub_server.web import paging
from hub_server.web.district_day import district_today
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import flash_refusal, t
from schemas.choices import values

bp = Blueprint("applications", __name__, url_prefix="/applications")


def _area() -> str | None:
    """The village or area asked for (`village`), within the officer's own."""
    asked, own = paging.arg("village"), g.actor.area
    if own and not (asked == own or asked.startswith(own + ".")):
        return own
    return asked or None


@bp.get("/")
@requires("applications.view")
def queue_page():
    filters = {"status": paging.arg("status"), "programme": paging.arg("programme").upper(),
               "village": paging.arg("village"), "q": paging.arg("q")}
    with uow() as work:
        found = applications.page(work.session, paging.order("updated", descending=True), area=_area(),
                                  status=filters["status"] or None, programme_code=filters["programme"] or None,
                                  search=filters["q"])
        programmes = [(item.code, item.name) for item in catalogue.programmes(work.session)]
    return render_template("applications/queue.html", active="applications", page=found, filters=filters,
                           programmes=programmes, names=dict(programmes), statuses=values("application_status"))


@bp.post("/<record_id>/decide")
@requires("applications.decide")
def decide(record_id):
    status = request.form.get("status", "")
    try:
        with uow(immediate=True) as work:
            applications.decide(work, record_id, status, request.form.get("justification"), user=g.actor.name,
                                today=district_today(), area=g.actor.area)
    except HubError as refusal:
        flash_refusal(refusal)
    else:
        flash(t("app.decided", record_id=record_id, status=status), "ok")
    return redirect(url_for("applications.queue_page", status=request.args.get("status") or None))
