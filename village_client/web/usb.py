"""USB stick and relay: the same exchanges as `sws-village export-bundle`, `import-bundle` and `relay --bundle`,
by choosing the file.

Every laptop can write its unsynced work to a bundle for a USB stick and apply the return bundle
the stick brings back. A sub-district laptop also relays: it takes a village's bundle, forwards its
requests to the hub, and gives back the return bundle for the village; its page shows the villages
it has served and what it carried, over the local network and on sticks.
"""

import tempfile
from pathlib import Path

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for

from schemas.region import region_name
from village_client import relay
from village_client.errors import KNOWN, Refused, headline
from village_client.messages import text
from village_client.sync.engine import NotEnrolled, SyncSummary
from village_client.sync.http import hub_session
from village_client.sync.transport import SyncError
from village_client.sync.usb import export_bundle, import_bundle
from village_client.web import lang, store

bp = Blueprint("usb", __name__, url_prefix="/usb")
BUNDLE_LIMIT = 64 * 2**20  # a first push of a whole village fits; the other pages keep the 1 MiB limit


@bp.before_request
def _bundles_are_larger():
    request.max_content_length = BUNDLE_LIMIT


@bp.route("/")
def index():
    device = store().device()
    relaying = any(code.count(".") == 2 for code in device["scope"] or [])  # a sub-district's laptop
    served = relay.activity(store()) if relaying else None
    villages = {row["device_id"]: _village_of(row["device_id"]) for row in (served or {}).get("served", [])}
    return render_template("usb.html", relaying=relaying, served=served, villages=villages,
                           region_name=region_name)


def _village_of(device_id: str | None):
    """The village of a laptop the relay served, from the records of it this laptop holds (None if none)."""
    if not device_id:
        return None
    return store().scalar("SELECT village_code FROM household WHERE id LIKE ? UNION ALL "
                          "SELECT village_code FROM person WHERE id LIKE ? LIMIT 1",
                          (f"{device_id}-%", f"{device_id}-%"))


def _uploaded(field: str) -> Path:
    """The chosen file, saved to a temporary file. Raises Refused(bundle_missing) when none was chosen."""
    chosen = request.files.get(field)
    if chosen is None or not chosen.filename:
        raise Refused("bundle_missing", 400)
    handle = tempfile.NamedTemporaryFile(suffix=".sws", delete=False)  # noqa: SIM115 - removed by the caller
    chosen.save(handle)
    handle.close()
    return Path(handle.name)


def _download(path: Path, name: str) -> Response:
    data = path.read_bytes()
    path.unlink(missing_ok=True)
    return Response(data, mimetype="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/export", methods=["POST"])
def export():
    """This laptop's unsynced work as a bundle file to save on the stick."""
    device = store().device()
    path = Path(tempfile.mkdtemp()) / "bundle.sws"
    try:
        export_bundle(store().data_dir, path)
    except KNOWN as error:
        flash(headline(error, lang()), "error")
        return redirect(url_for("usb.index"))
    return _download(path, f"{device['device_id']}.sws")


@bp.route("/import", methods=["POST"])
def import_return():
    """Apply the hub's return bundle the stick brought back."""
    try:
        path = _uploaded("bundle")
        try:
            totals = import_bundle(store().data_dir, path)
        finally:
            path.unlink(missing_ok=True)
    except KNOWN as error:
        flash(headline(error, lang()), "error")
    else:
        flash(SyncSummary.of(totals).describe(lang()), "ok")  # every count filled, as the command line says it
    return redirect(url_for("usb.index"))


@bp.route("/relay", methods=["POST"])
def relay_village_bundle():
    """Forward a village's bundle to the hub and give back its return bundle to save on the village's stick."""
    device = store().device()
    try:
        path = _uploaded("bundle")
        out = Path(tempfile.mkdtemp()) / "return.sws"
        try:
            if not device["hub_url"]:  # no hub to forward to: say so, not that an empty address lacks https
                raise NotEnrolled()
            counts = relay.relay_bundle(store(), path, out, device["hub_url"], lang=lang(),
                                        session=hub_session(device["hub_url"], current_app.config["SETTINGS"]))
        finally:
            path.unlink(missing_ok=True)
    except (SyncError, *KNOWN) as error:
        flash(headline(error, lang()), "error")
        return redirect(url_for("usb.index"))
    except OSError:
        flash(text("code.hub_unreachable", lang()), "error")
        return redirect(url_for("usb.index"))
    name = Path(request.files["bundle"].filename).stem + "-return.sws"
    response = _download(out, name)
    response.headers["X-SWS-Relayed"] = f"{counts['forwarded']} forwarded, {counts['refused']} refused"
    return response
