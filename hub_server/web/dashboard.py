"""The hub's home page (/): sync health, work waiting and coverage for the viewer's role and area
(`services/dashboard.py`), each count linking to the page where the work is done. Registered as the
app's `index` (`web/__init__.py`): the brand link and where a login lands."""

import datetime as dt
from functools import partial

from flask import current_app, g, render_template

from hub_server import db
from hub_server.reports.dashboard import chart_svgs
from hub_server.services import complaint_desk, dashboard, jobs
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language


@requires("dashboard.view")
def home():
    config = current_app.config
    with uow() as work:
        found = dashboard.build(work.session, g.actor, district=config["DISTRICT_CODE"], now=work.now(),
                                zone=config["DISPLAY_TIMEZONE"], days=complaint_desk.days_per_level(config),
                                max_age=_max_age(config))
    return render_template("dashboard.html", active="dashboard", dash=found,
                           charts=chart_svgs(found, current_language()), desk_levels=complaint_desk.DESK_LEVELS)


def _max_age(config) -> dt.timedelta:
    return dt.timedelta(minutes=config["DASHBOARD_CACHE_MINUTES"])


def init_app(app) -> None:
    """After each import or matching job, compute the district's coverage again in the job's thread: the first
    view after a job does not wait for it (docs/performance.md, "Dashboard")."""
    config = app.config
    jobs.get(app).after_job = partial(dashboard.warm, db.get(app), district=config["DISTRICT_CODE"],
                                      zone=config["DISPLAY_TIMEZONE"], max_age=_max_age(config))
