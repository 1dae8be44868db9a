"""Exports to the agencies in the admin UI (/exports): choose what, where, the format, and say why.

The form asks for the kind (a programme's beneficiaries or applications, or the households proposed for
DTSEN), the programme, the area (the district, a sub-district or a village, names beside codes), the
format (CSV or XLSX) and the purpose; a form with an empty purpose is sent back with the message beside
the field and nothing is exported or recorded. Each export is in the audit log (`export.made`).
Layouts: docs/exports.md.
"""

from flask import Blueprint, Response, current_app, g, render_template, request

from hub_server.errors import Invalid
from hub_server.reports import tables
from hub_server.services import catalogue, exports
from hub_server.services.reports import monthly, period
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import errors_by_field

bp = Blueprint("exports", __name__, url_prefix="/exports")
FIELDS = ("kind", "programme", "area", "format", "purpose")


def _form(form: dict, errors: dict, status: int):
    with uow() as work:
        top = g.actor.area or monthly.district_of(work.session, current_app.config["DISTRICT_CODE"])
        programmes = [{"code": p.code, "name": p.name, "name_en": p.record.get("name_en")}
                      for p in catalogue.programmes(work.session)]
    form = {"kind": "beneficiaries", "format": "csv", "area": top, **{k: v for k, v in form.items() if v}}
    return render_template("exports/form.html", active="exports", form=form, errors=errors, kinds=exports.KINDS,
                           formats=exports.FORMATS, programmes=programmes, areas=period.choices(top)), status


@bp.get("/")
@requires("exports.make")
def form_page():
    return _form({name: request.args.get(name, "") for name in FIELDS}, {}, 200)


@bp.post("/")
@requires("exports.make")
def make():
    form = {name: request.form.get(name, "").strip() for name in FIELDS}
    try:
        with uow(immediate=True) as work:
            made = exports.make(work, g.actor, kind=form["kind"], area=form["area"], programme_code=form["programme"],
                                fmt=form["format"], purpose=form["purpose"])
    except Invalid as refusal:
        return _form(form, errors_by_field(refusal), 422)
    return Response(tables.content(made), mimetype=tables.MIMETYPES[made.fmt],
                    headers={"Content-Disposition": f'attachment; filename="{made.file_name}"'})
