"""`sws-hub device-token`, `devices` and `user`: enrolling laptops and managing people."""

import click

from hub_server.cli.common import data_dir_option, pass_hub, read_password
from hub_server.services.actors import USER_ROLES, operator
from hub_server.services.enrollment import DEVICE_ROLES, MAX_HOURS
from schemas.local_time import local_time
from schemas.messages import LANGUAGES


def _when(value, hub) -> str:
    """A time in the district's zone (DISPLAY_TIMEZONE, from its province): 26-11-2026 16:26 WIB."""
    return local_time(value, hub.config["DISPLAY_TIMEZONE"]) if value else "never"


@click.command("device-token")
@click.option("--scope", required=True, help="Village or sub-district codes, comma-separated (35.07.01.2001).")
@click.option("--role", type=click.Choice(DEVICE_ROLES), default="village", show_default=True,
              help="village: a village laptop; sub_district: a sub-district MIS laptop (also a relay).")
@click.option("--label", required=True, help='What the laptop is, e.g. "Tulungrejo village secretary".')
@click.option("--hours", type=click.IntRange(1, MAX_HOURS), default=None,
              help="How long the token is valid (default: the ENROLL_TOKEN_HOURS setting, 72).")
@data_dir_option
@pass_hub
def device_token(hub, scope, role, label, hours):
    """Issue a one-time enrollment token for a laptop and print it (it is shown only once).

    Example: sws-hub device-token --scope 35.07.01.2001 --role village --label "Desa Tulungrejo"
    """
    from hub_server import keys
    from hub_server.services import enrollment, regions

    key = keys.get(hub.app)
    if key is None:
        raise click.ClickException("this data folder has no hub key yet: run `sws-hub init` first")
    with hub.uow() as uow:
        issued = enrollment.issue_token(uow, operator(), scope=scope, role=role, label=label,
                                        hours=hours or hub.config["ENROLL_TOKEN_HOURS"],
                                        hub_fingerprint=key.fingerprint, district=hub.config["DISTRICT_CODE"])
    click.echo(f"token: {issued.text}")
    click.echo(f"number {issued.token_id}, {issued.role} laptop for {regions.describe(issued.scope)}; "
               f"valid until {_when(issued.expires_at, hub)}")
    click.echo("Type it into the laptop; the part after the dot is this hub's key fingerprint.")


@click.group(invoke_without_command=True)
@click.option("--active", is_flag=True, help="Leave out revoked devices.")
@data_dir_option
@click.pass_context
def devices(ctx, active):
    """List enrolled devices (last seen, last sequence, change-set counts), or revoke one.

    Example: sws-hub devices --active
    """
    if ctx.invoked_subcommand:
        return
    from hub_server.services import devices as service

    hub = ctx.obj
    with hub.uow() as uow:
        listed = service.list_devices(uow, operator(), include_revoked=not active)
    click.echo(f"{'DEVICE':<11}{'ROLE':<13}{'LAST SEEN':<22}{'SEQ':>6} {'OK':>6} {'REFUSED':>7} {'PENDING':>7}  "
               "STATUS   LABEL / SCOPE")
    for device in listed:
        status = "revoked" if device.revoked else "active"
        click.echo(f"{device.device_id:<11}{device.role:<13}{_when(device.last_seen_at, hub):<22}{device.last_seq:>6} "
                   f"{device.accepted_count:>6} {device.refused_count:>7} {device.pending_count:>7}  {status:<8} "
                   f"{device.label} / {', '.join(device.scope)}")
    click.echo(f"{len(listed)} device(s)")


@devices.command("revoke")
@click.argument("device_id")
@click.option("--reason", required=True, help='Why, for the audit log and the laptop: "laptop stolen".')
@data_dir_option
@pass_hub
def devices_revoke(hub, device_id, reason):
    """Revoke a device: the hub, relays and other laptops refuse its change-sets from now on.

    Nothing it sent before is deleted.

    Example: sws-hub devices revoke k3m7x2p4qa --reason "laptop stolen on 2 March"
    """
    from hub_server.services import devices as service

    with hub.uow() as uow:
        device = service.revoke(uow, operator(), device_id, reason)
    click.echo(f"revoked {device.device_id} ({device.label}) at {_when(device.revoked_at, hub)}")


@devices.command("readmit")
@click.argument("device_id")
@click.option("--hours", type=int, default=None, help="How long the token is valid (default ENROLL_TOKEN_HOURS).")
@data_dir_option
@pass_hub
def devices_readmit(hub, device_id, hours):
    """Re-admit a laptop restored from an old backup (its sync says `fork`): revoke its old identity and print
    a token for `sws-village readmit`, which moves the laptop's unsent work onto a new identity.

    Example: sws-hub devices readmit k3m7x2p4qa
    """
    from hub_server import keys
    from hub_server.services import enrollment

    with hub.uow() as uow:
        issued = enrollment.readmit(uow, operator(), device_id, hours=hours or hub.config["ENROLL_TOKEN_HOURS"],
                                    hub_fingerprint=keys.get(hub.app).fingerprint,
                                    district=hub.config["DISTRICT_CODE"])
    click.echo(f"token: {issued.text}")
    click.echo(f"{device_id} revoked; on the laptop: sws-village readmit --hub URL --token {issued.text} "
               f"(valid until {_when(issued.expires_at, hub)})")


@click.group()
def user():
    """Hub users of the admin UI: add one, change a role, reset a password."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(USER_ROLES), required=True, help="What the user may do.")
@click.option("--area", help="Sub-district code (35.07.01) a sub_district_officer (or, if given, a protection_unit) "
                             "is limited to.")
@click.option("--programmes", help="Programme codes (PKH,BPJS-PBI) whose complaints a technical_unit answers.")
@click.option("--language", type=click.Choice(LANGUAGES), default="id", show_default=True,
              help="The user's admin UI language.")
@data_dir_option
@pass_hub
def user_add(hub, username, role, area, programmes, language):
    """Add a user; the password is asked for, or read from SWS_HUB_USER_PASSWORD.

    Example: sws-hub user add budi --role sub_district_officer --area 35.07.01

    Example: sws-hub user add dinsos --role technical_unit --programmes PKH
    """
    from hub_server.services import users

    password = read_password("SWS_HUB_USER_PASSWORD", f"Password for {username!r}")
    with hub.uow() as uow:
        added = users.add_user(uow, operator(), username, password, role, area=area, language=language,
                               min_password=hub.config["PASSWORD_MIN_LENGTH"], programmes=programmes)
    click.echo(f"added {added.username} ({added.role}{_limits(added)})")


def _limits(info) -> str:
    """", 35.07.01" for an officer's area, ", PKH" for a technical unit's programmes."""
    limit = info.area or info.programmes
    return f", {limit}" if limit else ""


@user.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(USER_ROLES))
@click.option("--area", help="Sub-district code, required for sub_district_officer, optional for protection_unit.")
@click.option("--programmes", help="Programme codes, required for technical_unit.")
@data_dir_option
@pass_hub
def user_set_role(hub, username, role, area, programmes):
    """Change a user's role (and area, or programmes).

    Example: sws-hub user set-role budi viewer
    """
    from hub_server.services import users

    with hub.uow() as uow:
        changed = users.set_role(uow, operator(), username, role, area=area, programmes=programmes)
    click.echo(f"{changed.username} is now {changed.role}{_limits(changed).replace(',', ' for', 1)}")


@user.command("reset-password")
@click.argument("username")
@data_dir_option
@pass_hub
def user_reset_password(hub, username):
    """Set a new password (asked for, or SWS_HUB_USER_PASSWORD); this also lifts a login lock.

    Example: sws-hub user reset-password siti
    """
    from hub_server.services import users

    password = read_password("SWS_HUB_USER_PASSWORD", f"New password for {username!r}")
    with hub.uow() as uow:
        users.reset_password(uow, operator(), username, password, min_password=hub.config["PASSWORD_MIN_LENGTH"])
    click.echo(f"password of {username} reset")
