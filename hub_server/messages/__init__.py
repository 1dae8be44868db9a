"""The hub program's one bilingual catalogue: every error, rule and screen text the hub shows.

`CATALOGUE` maps a key to its text in each language of `schemas.messages.LANGUAGES`, Bahasa Indonesia
(the default) and English, in the shape of the shared catalogue: {"id": ..., "en": ...}. Its parts,
one file each, never share a key (tested):

    errors.py            code.<code>, rule.<rule>, field_rule.<rule>: errors and broken rules
    admin_pages.py       the admin UI's pages (nav.*, auth.*, devices.*, tokens.*, conflict.*, verify.*...)
    population_pages.py  population, import and matching jobs, lists, applications, the call centre
    report_pages.py      the reports and their page (report.*)
    finance_pages.py     the monthly finance report (report.*)
    desk_pages.py        the complaints desk (desk.*)
    callcentre_pages.py  the call log, the directory of services (calls.*, directory.*), statistics (stats.*)
    print_pages.py       printables and exports to the agencies (print.*, export.*)
    dashboard_pages.py   the dashboard, the home page (dash.*)
    table_pages.py       tables that page, sort and filter (table.*), a list version's page (listv.*)
    case_pages.py        the cases page and a case's file (cases.*)
    payment_pages.py     memberships, payment files and reconciliation (member.*, payer.*, pay.*, recon.*)
    claim_pages.py       claims facilitated by the SWS: their pages and commands (claims.*)

The rules of the records both programs check stay in `schemas.messages`; `field_message` and
`field_rule_message` fall back to it. Nothing changes the catalogue after import. Flask-free: the
services and the command line use it as the admin UI does (`hub_server.web.i18n`).
"""

import string

from hub_server.messages.admin_pages import ADMIN_PAGES
from hub_server.messages.callcentre_pages import CALLCENTRE_PAGES
from hub_server.messages.case_pages import CASE_PAGES
from hub_server.messages.claim_pages import CLAIM_PAGES
from hub_server.messages.dashboard_pages import DASHBOARD_PAGES
from hub_server.messages.desk_pages import DESK_PAGES
from hub_server.messages.errors import ERRORS
from hub_server.messages.finance_pages import FINANCE_PAGES
from hub_server.messages.payment_pages import PAYMENT_PAGES
from hub_server.messages.population_pages import POPULATION_PAGES
from hub_server.messages.print_pages import PRINT_PAGES
from hub_server.messages.report_pages import REPORT_PAGES
from hub_server.messages.table_pages import TABLE_PAGES
from schemas import messages as record_messages
from schemas.messages import DEFAULT_LANGUAGE, LANGUAGES

PARTS = (ERRORS, ADMIN_PAGES, POPULATION_PAGES, REPORT_PAGES, DESK_PAGES, CALLCENTRE_PAGES, PRINT_PAGES,
         DASHBOARD_PAGES, TABLE_PAGES, CASE_PAGES, PAYMENT_PAGES, FINANCE_PAGES, CLAIM_PAGES)
CATALOGUE = {key: entry for part in PARTS for key, entry in part.items()}


class _Fields(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def language(accepted: str | None) -> str:
    """`en` or `id` from a language preference; Indonesian unless English is asked for."""
    return accepted if accepted in LANGUAGES else DEFAULT_LANGUAGE


def text(key: str, lang: str = DEFAULT_LANGUAGE, **fields) -> str:
    """The text of `key` in `lang`, placeholders filled; the key itself if it has no entry."""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    return entry[language(lang)].format(**fields) if fields else entry[language(lang)]


def message(code: str, lang: str = DEFAULT_LANGUAGE, **fields) -> str:
    """The message of the error `code` in `lang`, placeholders filled from `fields` (missing ones kept)."""
    key = f"code.{code}" if f"code.{code}" in CATALOGUE else "code.http_error"
    return _filled(key, language(lang), fields)


def field_message(field: str, rule: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The message of one field's broken rule: the hub's own rules, else the records' catalogue."""
    lang = language(lang)
    if f"rule.{rule}" in CATALOGUE:
        return _filled(f"rule.{rule}", lang, params)
    try:
        return record_messages.message(rule, lang, **{**params, "field": record_messages.label(field, lang)})
    except (KeyError, ValueError, IndexError):
        return message("invalid", lang)


def field_rule_message(rule: str, field: str, params: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """A broken rule of an extract's row or a programme, the field's label in it: the records' catalogue's
    message, or the hub's own `field_rule.<rule>`. Raises KeyError for a rule neither knows."""
    params = {**params, "field": record_messages.label(field, lang)}
    if rule in record_messages.CATALOGUE:
        return record_messages.message(rule, lang, **params)
    return CATALOGUE[f"field_rule.{rule}"][lang].format(**params)


def _filled(key: str, lang: str, fields: dict) -> str:
    values = _Fields({name: _text(value) for name, value in fields.items()})
    return string.Formatter().vformat(CATALOGUE[key][lang], (), values)


def _text(value) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(item) for item in value)
    return str(value)
