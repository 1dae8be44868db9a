"""Printables of the admin UI (/print): a village's list for the village meeting, an application's decision
letter, a programme's leaflet for citizens and the overview of a guarantee's programmes, each a print-ready HTML
page or a PDF (`format=pdf`), under the district's letterhead.

The letterhead comes from the settings (`LETTERHEAD_*`, docs/settings.md); the complaint receipt of the
call centre prints it through `letterhead_html`, registered here for every template.
"""

from flask import Blueprint, Response, current_app, g, request

from hub_server.reports import printables as paper
from hub_server.services import printables
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language

bp = Blueprint("printables", __name__, url_prefix="/print")


def init_app(app) -> None:
    app.jinja_env.globals.update(letterhead_html=lambda: paper.letterhead_html(letterhead()))


def letterhead():
    return paper.letterhead_from(current_app.config)


def _send(document: str, name: str) -> Response:
    if request.args.get("format") == "pdf":
        return Response(paper.pdf(document), mimetype="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})
    return Response(document, mimetype="text/html")


@bp.get("/village-list")
@requires("population.view")
def village_list():
    """?programme=PKH&village=35.07.01.2001[&format=pdf]"""
    village = request.args.get("village", "").strip()
    g.actor.require_area([village] if village else [])
    with uow() as work:
        found = printables.village_list(work.session, request.args.get("programme", "").strip(), village)
        document = paper.village_meeting(found, letterhead(), current_language(),
                                         zone=current_app.config["DISPLAY_TIMEZONE"], made_at=work.now())
    return _send(document, f"musdes-{found['programme']['code']}-{village}")


@bp.get("/decision/<record_id>")
@requires("applications.view")
def decision_letter(record_id):
    with uow() as work:
        found = printables.decision(work.session, record_id, area=g.actor.area)
    return _send(paper.decision_letter(found, letterhead(), current_language()), f"keputusan-{record_id}")


def _citizens_paper(read, render, key: str, name: str) -> Response:
    """A paper of the catalogue's information for citizens: `read` it from the database, `render` it."""
    with uow() as work:
        found = read(work.session, key)
    return _send(render(found, letterhead(), current_language()), name)


@bp.get("/programme/<code>")
@requires("population.view")
def programme_leaflet(code):
    return _citizens_paper(printables.leaflet, paper.programme_leaflet, code, f"leaflet-{code}")


@bp.get("/guarantee/<guarantee>")
@requires("population.view")
def guarantee_overview(guarantee):
    return _citizens_paper(printables.guarantee_overview, paper.guarantee_overview, guarantee, f"jaminan-{guarantee}")
