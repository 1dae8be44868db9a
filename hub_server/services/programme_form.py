"""The admin UI's programme form: what a district admin may edit of a catalogue entry, saved exactly as
`sws-hub catalogue load` saves it (`catalogue.save`: the same checks, a new revision, the audit log, and
the changed programme published to every laptop's feed).

The form holds the texts a citizen is told (in both languages), the names, the benefit, the quota, the
documents to bring, the description and whether the programme is active. What it does not hold (the
guarantee, the level and region, the eligibility rule, the benefit amount, the matching settings) is kept
as held; those change through a catalogue file.
"""

from hub_server.errors import NotFound
from hub_server.services import catalogue

TEXTS = ("name", "name_en", "benefit", "benefit_en", "description", "quota", "focal_name", "focal_phone")
BILINGUAL = ("eligibility_plain", "procedure", "where_to_apply", "focal_office")
INPUTS = (*TEXTS, *(f"{name}_{lang}" for name in BILINGUAL for lang in ("id", "en")), "required_documents",
          "active")


def _text(value) -> str:
    return "" if value is None else str(value)


def form_of(programme) -> dict:
    """The form's inputs, filled from a held programme."""
    record = programme.record
    focal = record.get("focal_point") or {}
    form = {name: _text(record.get(name)) for name in ("name", "name_en", "benefit", "benefit_en", "description",
                                                          "quota")}
    form.update(focal_name=_text(focal.get("name")), focal_phone=_text(focal.get("phone")),
                required_documents=list(record.get("required_documents") or []), active=programme.active)
    texts = {**{name: record.get(name) for name in BILINGUAL[:3]}, "focal_office": focal.get("office")}
    for name, value in texts.items():
        for lang in ("id", "en"):
            form[f"{name}_{lang}"] = _text((value or {}).get(lang))
    return form


def read_form(posted) -> dict:
    """The inputs of a posted form (a werkzeug MultiDict), trimmed; kept as typed when refused."""
    form = {name: posted.get(name, "").strip() for name in INPUTS if name not in ("required_documents", "active")}
    form.update(required_documents=posted.getlist("required_documents"), active=posted.get("active") == "on")
    return form


def _bilingual(form: dict, name: str):
    """Both languages, or None when both are blank; one blank is left for the check to refuse."""
    pair = {lang: form[f"{name}_{lang}"] for lang in ("id", "en")}
    return pair if any(pair.values()) else None


def entry_from(programme, form: dict) -> dict:
    """The catalogue entry the form makes of a held programme."""
    record = dict(programme.record)
    record.update({name: form[name] or None for name in ("name", "name_en", "benefit", "benefit_en",
                                                         "description", "quota")})
    record.update({name: _bilingual(form, name) for name in BILINGUAL[:3]})
    office = _bilingual(form, "focal_office")
    anyone = office or form["focal_name"] or form["focal_phone"]
    record["focal_point"] = {"office": office, "name": form["focal_name"] or None,
                             "phone": form["focal_phone"] or None} if anyone else None
    record.update(required_documents=form["required_documents"], active=form["active"])
    return {**record, "matching": programme.matching}


def input_of(field: str, code: str) -> str:
    """The form input beside which an error of the catalogue check is shown: `JSLU.focal_point.office.en` ->
    `focal_office_en`, `JSLU.procedure` (not in both languages) -> `procedure_id`; "form" for the others."""
    path = field.removeprefix(f"{code}.").replace("focal_point.office", "focal_office").replace("focal_point.",
                                                                                                "focal_")
    parts = path.split(".")
    for size in range(len(parts), 0, -1):
        name = "_".join(parts[:size])
        if name in INPUTS:
            return name
        if name in BILINGUAL:
            return f"{name}_id"
    return "form"  # a field the form does not hold (e.g. the region against the level): shown above the form


def save(uow, code: str, form: dict, *, actor: str, lang: str = "id") -> bool:
    """Save the form over programme `code`; True when it changed (a new revision, audited, sent to laptops).

    Raises NotFound for an unknown programme and catalogue.CatalogueInvalid (nothing saved) on bad input.
    """
    programme = next((p for p in catalogue.programmes(uow.session) if p.code == code), None)
    if programme is None:
        raise NotFound(programme=code)
    return bool(catalogue.save(uow, [entry_from(programme, form)], actor=actor, lang=lang))


def errors_by_input(invalid: catalogue.CatalogueInvalid, code: str, lang: str) -> dict:
    """{form input: the message(s) of its errors} of a refused save, in `lang`."""
    found: dict = {}
    for error in invalid.errors:
        name = input_of(error.field, code)
        message = catalogue.error_message(error.at(error.field.removeprefix(f"{code}.")), lang)
        found[name] = f"{found[name]} {message}" if name in found else message
    return found
