"""Sync status: pending work, conflicts and refusals with their reasons, and "Sync now".

"Sync now" runs the same engine as the scheduler and the CLI, under the same lock: if another
sync is running the officer is told so instead of waiting.
"""

import json

from flask import Blueprint, current_app, flash, redirect, render_template, url_for

from village_client import hub_word, outbox
from village_client.device import status
from village_client.errors import KNOWN, headline
from village_client.messages import error_text
from village_client.sync.engine import SyncEngine
from village_client.web import lang, store

bp = Blueprint("sync_views", __name__, url_prefix="/sync")


@bp.route("/")
def index():
    db = store().db
    pending = [{**row, "ops": len(json.loads(row["body"])["ops"])} for row in outbox.pending_rows(db)]
    refusals = list(db.query("SELECT * FROM refusal ORDER BY id DESC LIMIT 200"))
    return render_template("sync.html", state=status(store()), pending=pending,
                           conflicts=hub_word.conflicts(db, lang()), not_counted=hub_word.not_counted(db, lang()),
                           not_counted_total=hub_word.count_not_counted(db), refusals=refusals,
                           explain=lambda code: error_text(code or "", lang()))


@bp.route("/now", methods=["POST"])
def sync_now():
    # An officer waiting at the screen gets an answer within one retry; the scheduler keeps trying later.
    settings = {**current_app.config["SETTINGS"], "retry_attempts": 2}
    engine = current_app.config.get("SYNC_ENGINE") or SyncEngine(current_app.config["DATA_DIR"], settings)
    try:
        summary = engine.sync()
    except KNOWN as error:
        flash(headline(error, lang()), "error")
    else:
        flash(summary.describe(lang()), "ok")
    return redirect(url_for("sync_views.index"))
