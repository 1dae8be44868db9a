"""The district admin edits a programme's information in the admin UI (/population/programmes/<code>/edit).

Saving goes through `services.programme_form`, that is through `catalogue.save` as `sws-hub catalogue load`
does: checked the same way (refused beside the field, what was typed kept), a new revision, a line in the
audit log, and the changed programme in every laptop's feed for its next sync.
"""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from hub_server.errors import NotFound
from hub_server.services import catalogue, programme_form
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, t
from schemas.choices import values

bp = Blueprint("programme_edit", __name__, url_prefix="/population/programmes")


def _page(code: str, form: dict | None = None, errors: dict | None = None, status: int = 200):
    with uow() as work:
        programme = next((p for p in catalogue.programmes(work.session) if p.code == code), None)
        if programme is None:
            raise NotFound(path=request.path)
        page = render_template("population/programme_edit.html", active="population", programme=programme,
                               form=form or programme_form.form_of(programme), errors=errors or {},
                               documents=values("document"))
    return page, status


@bp.get("/<code>/edit")
@requires("catalogue.edit")
def edit(code):
    return _page(code)


@bp.post("/<code>/edit")
@requires("catalogue.edit")
def save(code):
    form = programme_form.read_form(request.form)
    lang = current_language()
    try:
        with uow(immediate=True) as work:
            changed = programme_form.save(work, code, form, actor=g.actor.name, lang=lang)
    except catalogue.CatalogueInvalid as refusal:
        return _page(code, form, programme_form.errors_by_input(refusal, code, lang), status=400)
    flash(t("programme_edit.saved" if changed else "programme_edit.unchanged", code=code), "ok")
    return redirect(url_for("population.programme", code=code))
