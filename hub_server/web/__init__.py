"""The hub's server-rendered admin UI: every blueprint is registered in `init_app` below.

Plain HTML forms and one CSS file: it must work on a modest laptop's browser. The only script is
the few lines with which an import or matching job's page follows its progress (it reloads without).

| blueprint | module | pages |
|---|---|---|
| `auth` | `auth.py` | /login, /logout, /language |
| (`index`) | `dashboard.py` | /: the home page, sync health, work waiting and coverage |
| `admin` | `admin.py` | /admin/devices, /admin/audit |
| `tokens` | `tokens.py` | /admin/tokens: enrollment tokens |
| `conflicts` | `conflicts.py` | /admin/conflicts: the conflict queue |
| `population` | `population.py` | /population: imports, inconsistencies, programmes, lists, jobs |
| `callcentre` | `callcentre.py` | /callcentre: a person's file, complaints |
| `applications` | `applications.py` | /applications: approving or rejecting what villages applied for |
| `memberships` | `memberships.py` | /memberships: enrolling approved applications, the members enrolled |
| `payments` | `payments.py` | /payments/reconciliation: due against paid per member, payer and month, CSV |
| `verification` | `verification.py` | /verification: residents villages registered, confirmed or refused |
| `reports` | `reports.py` | /reports: the monthly monitoring report as a page, CSV and PDF |
| `desk` | `desk.py` | /desk: the complaints desk, queues per level, actions, case files |
| `statistics` | `statistics.py` | /desk/statistics: complaint statistics for any period, page and CSV |
| `exports` | `exports.py` | /exports: beneficiaries, applications and DTSEN proposals for the agencies, CSV or XLSX |
| `printables` | `printables.py` | /print: the village meeting's list and decision letters, HTML or PDF |
| `cases` | `cases.py` | /cases: the cases of the reader's area, a case's file and timeline (each read audited) |
| `claims` | `claims.py` | /claims: claims facilitated by the SWS, recording one, a claim's steps and answers |
"""

from hub_server.web import (
    admin,
    applications,
    auth,
    callcentre,
    cases,
    claims,
    conflicts,
    dashboard,
    desk,
    exports,
    guard,
    headers,
    i18n,
    memberships,
    payments,
    population,
    printables,
    programme_edit,
    reports,
    statistics,
    tokens,
    verification,
)

BLUEPRINTS = (auth.bp, admin.bp, tokens.bp, conflicts.bp, population.bp, callcentre.bp, applications.bp,
              verification.bp, reports.bp, desk.bp, statistics.bp, exports.bp, printables.bp,
              programme_edit.bp, cases.bp, memberships.bp, payments.bp, claims.bp)


def init_app(app) -> None:
    i18n.init_app(app)
    printables.init_app(app)
    app.jinja_env.globals.update(csrf_field=guard.csrf_field)
    app.before_request(guard.guard)
    app.after_request(headers.add_headers)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    population.init_uploads(app)
    app.add_url_rule("/", "index", dashboard.home)  # the brand link and the page after login
    dashboard.init_app(app)
