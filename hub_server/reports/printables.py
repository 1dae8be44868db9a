"""The hub's printables as whole HTML documents and PDFs: a village's list for the village meeting, an
application's decision letter, a programme's leaflet for citizens and the overview of a guarantee's programmes,
each under the district's letterhead (settings `LETTERHEAD_*`).

Every paper is one body template inside `printable.html`, which includes the letterhead partial
`_letterhead.html`; the complaint receipt of the admin UI includes the same partial (`letterhead_html`).
What each paper holds comes from `hub_server.services.printables`; docs/reports.md ("Printables").
"""

from functools import partial
from pathlib import Path

from markupsafe import Markup

from hub_server.messages import text
from hub_server.reports.numbers import rupiah
from hub_server.reports.render import ENVIRONMENT, named
from schemas.choices import choice_label
from schemas.display import date_text
from schemas.letterhead import Letterhead, district_of, letter_number, letterhead, logo_uri
from schemas.local_time import local_time
from schemas.programme import procedure_steps
from schemas.region import parent, region_name


def letterhead_from(config) -> Letterhead:
    """The letterhead the hub's settings give (the government's name from DISTRICT_CODE when not set)."""
    logo = config.get("LETTERHEAD_LOGO") or ""
    return letterhead(config.get("LETTERHEAD_GOVERNMENT") or "", config.get("LETTERHEAD_OFFICE") or "",
                      config.get("LETTERHEAD_ADDRESS") or "", district_code=config.get("DISTRICT_CODE") or "",
                      logo=logo_uri(logo, Path(logo).read_bytes()) if logo else "")


def letterhead_html(head: Letterhead) -> Markup:
    """The letterhead partial alone, for a page of the admin UI (the complaint receipt)."""
    return Markup(ENVIRONMENT.get_template("_letterhead.html").render(letterhead=head))


def _document(template: str, head: Letterhead, lang: str, title: str, footer: str, **values) -> str:
    t = partial(text, lang=lang)
    body = Markup(ENVIRONMENT.get_template(template).render(t=t, lang=lang, named=named, day=date_text,
                                                          letterhead=head, **values))
    return ENVIRONMENT.get_template("printable.html").render(body=body, letterhead=head, lang=lang, title=title,
                                                             footer=footer, print_hint=t("print.hint"))


def programme_name(record: dict, lang: str) -> str:
    return (record.get("name_en") if lang == "en" else None) or record.get("name") or record.get("code") or ""


def village_meeting(paper: dict, head: Letterhead, lang: str = "id", *, zone: str = "Asia/Jakarta",
                    made_at=None) -> str:
    """A village's list for the village meeting as a whole HTML document."""
    record = paper["programme"]["record"]
    labels = paper["reasons"]

    def reasons(codes):
        return "; ".join((labels.get(code) or {}).get(lang) or (labels.get(code) or {}).get("id") or code
                         for code in codes) or "—"

    title = f"{text('print.meeting_title', lang)} · {record.get('code')} · {paper['village_code']}"
    footer = f"{title} · {text('print.printed', lang)} {local_time(made_at, zone)}" if made_at else title
    return _document("village_meeting.html", head, lang, title, footer, paper=paper,
                     programme_name=programme_name(record, lang), sub_district=parent(paper["village_code"]),
                     reasons=reasons, made=lambda value: local_time(value, zone))


def benefit_amount(record: dict, lang: str) -> str:
    """A programme's benefit amount and period in words ("Rp200.000 · Per bulan"), or "" without an amount."""
    if not record.get("benefit_amount"):
        return ""
    period = choice_label("benefit_period", record.get("benefit_period"), lang)
    return f"{rupiah(record['benefit_amount'], lang)} · {period}"


def decision_letter(letter: dict, head: Letterhead, lang: str = "id") -> str:
    """An application's decision letter as a whole HTML document."""
    record, number = letter["programme"], letter_number(letter["record_id"], letter["programme_code"] or "",
                                                         letter["status_date"])
    amount = benefit_amount(record, lang)
    title = f"{text('print.letter_title', lang)} {number}"
    district = district_of(letter.get("village_code") or "")
    return _document("decision_letter.html", head, lang, title, title, letter=letter, number=number, amount=amount,
                     programme_name=programme_name(record, lang),
                     place=(region_name(district) or "").removeprefix("Kabupaten ").removeprefix("Kota "))


def said(value, lang: str) -> str:
    """A text held in both languages ({"id": ..., "en": ...}) in `lang`, Indonesian when it has no `lang`."""
    if isinstance(value, dict):
        return value.get(lang) or value.get("id") or ""
    return value or ""


def _citizen_words(lang: str) -> dict:
    """What the leaflet and the overview read a programme record with, in `lang`."""
    return {"said": partial(said, lang=lang), "choice": lambda kind, value: choice_label(kind, value, lang),
            "name_of": lambda record: programme_name(record, lang), "amount_of": partial(benefit_amount, lang=lang),
            "benefit_of": lambda record: (record.get("benefit_en") if lang == "en" else None) or record.get("benefit")
            or ""}


def programme_leaflet(paper: dict, head: Letterhead, lang: str = "id") -> str:
    """A programme's leaflet for a citizen as a whole HTML document: the laptop's leaflet, under the letterhead."""
    title = f"{text('print.leaflet_title', lang)} · {paper['code']}"
    return _document("programme_leaflet.html", head, lang, title, title, code=paper["code"], record=paper["record"],
                     steps=procedure_steps, **_citizen_words(lang))


def guarantee_overview(paper: dict, head: Letterhead, lang: str = "id") -> str:
    """One page for a guarantee: its active programmes with their benefit, who is eligible and where to apply."""
    title = f"{text('print.overview_title', lang)} {choice_label('guarantee', paper['guarantee'], lang)}"
    return _document("guarantee_overview.html", head, lang, title, title, guarantee=paper["guarantee"],
                     programmes=paper["programmes"], **_citizen_words(lang))


def pdf(document: str) -> bytes:
    """A whole HTML document as a PDF (WeasyPrint; the logo is inline, nothing is fetched)."""
    from weasyprint import HTML  # imported here: it loads pango, which the rest of the hub does not need

    return HTML(string=document).write_pdf()
