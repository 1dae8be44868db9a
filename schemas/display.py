"""A record's values as people read them: labels of choices, yes/no, dates as dd-mm-yyyy, rupiah.

Screens never show a stored code, JSON quotes or `None`: `value_text("person", "sex", "F", "en")`
is "Female", `value_text("person", "birth_date", "1990-05-15")` is "15-05-1990", a village code is
"Tulungrejo (35.07.01.2001)", a missing value is "—". Both programs' screens use it, with
`schemas.messages.label` for the field's name.
"""

import datetime as dt

from schemas import fields as f
from schemas.choices import CHOICES, choice_label
from schemas.local_time import day_text
from schemas.messages import DEFAULT_LANGUAGE
from schemas.records import SCHEMAS
from schemas.region import region_name

MISSING = "—"
YES_NO = {"id": ("Ya", "Tidak"), "en": ("Yes", "No")}


def _field(kind: str, name: str):
    schema = SCHEMAS.get(kind)
    return schema._declared_fields.get(name) if schema is not None else None


def value_text(kind: str, name: str, value, lang: str = DEFAULT_LANGUAGE) -> str:
    """`value` of field `name` of a `kind` record, for people to read in `lang`."""
    if value is None or value == "":
        return MISSING
    field = _field(kind, name)
    if isinstance(value, bool) or isinstance(field, f.Bool) and value in (0, 1):
        yes, no = YES_NO.get(lang, YES_NO[DEFAULT_LANGUAGE])
        return yes if value else no
    if isinstance(field, f.Choice) and isinstance(value, str):
        try:
            return choice_label(field.vocabulary, value, lang)
        except KeyError:
            return value
    if isinstance(field, f.Date) or isinstance(value, dt.date):
        return day_text(value)
    if isinstance(field, f.RegionCode) and isinstance(value, str):
        name = region_name(value)  # a village by its name, the code beside it
        return f"{name} ({value})" if name else value
    if isinstance(field, f.Rupiah) and isinstance(value, int):
        return "Rp" + f"{value:,}".replace(",", ".")
    if isinstance(value, list | tuple) and isinstance(getattr(field, "inner", None), f.Choice):
        vocabulary = field.inner.vocabulary  # a list of choices (a migrant worker's documents): each by its label
        return ", ".join(choice_label(vocabulary, item, lang) if item in CHOICES[vocabulary] else str(item)
                         for item in value)
    if isinstance(value, list | tuple):
        return ", ".join(value_text(kind, name, item, lang) for item in value)
    return str(value)


def date_text(value) -> str:
    """A date (or the date part of ISO text) as dd-mm-yyyy; "—" when missing, other text as it is."""
    return MISSING if value is None or value == "" else day_text(value)
