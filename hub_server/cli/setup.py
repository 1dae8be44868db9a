"""`sws-hub init`, `serve` and `db upgrade`: setting up and running a hub."""

import click

from hub_server.cli.common import data_dir_option, pass_hub, read_password


@click.command()
@click.option("--admin", "admin_name", default="admin", show_default=True,
              help="User name of the first district admin (made only when the hub has no user yet).")
@data_dir_option
@pass_hub
def init(hub, admin_name):
    """Set up a hub: data folder, hub key pair, database schema, first admin.

    Safe to run again: what exists is kept. The first admin's password is asked for, or read from
    SWS_HUB_ADMIN_PASSWORD.

    Example: sws-hub --data-dir /srv/sws-hub init --admin siti
    """
    from hub_server import bootstrap

    report = bootstrap.initialise(hub.app, admin=admin_name, password=lambda: read_password(
        "SWS_HUB_ADMIN_PASSWORD", f"Password for the district admin {admin_name!r}"))
    click.echo(f"data folder: {report.data_dir}")
    click.echo(f"database:    {report.database} (schema {report.revision_before or 'empty'} -> {report.revision})")
    click.echo(f"hub key:     {'created' if report.key_created else 'kept'}; hub id {report.hub_id}")
    click.echo(f"fingerprint: {report.fingerprint}")
    if report.admin_created:
        click.echo(f"admin:       {report.admin_created} (district_admin) created")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 for every network interface.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True,
              help="TCP port; 0 picks a free one (printed at start).")
@click.option("--threads", type=click.IntRange(1, 64), default=None,
              help="Worker threads (default: the SERVE_THREADS setting, 8).")
@data_dir_option
@pass_hub
def serve(hub, host, port, threads):
    """Run the hub's web server (API and admin UI) with waitress until stopped.

    Refuses to start before `sws-hub init` or while the database needs `sws-hub db upgrade`.

    Example: sws-hub --data-dir /srv/sws-hub serve --host 0.0.0.0 --port 8080
    """
    from hub_server import bootstrap, keys, memory, serving
    from hub_server.services import jobs

    memory.limit_malloc_arenas()  # before the worker threads start (hub_server/memory.py says why)
    key = keys.get(hub.app)
    if key is None:
        raise click.ClickException("this data folder has no hub key yet: run `sws-hub init` first")
    if not bootstrap.schema_is_current(hub.app):
        raise click.ClickException("the database schema is not current: run `sws-hub db upgrade`")
    for job_id in jobs.get(hub.app).recover():  # an import or matching job this hub was running when it died
        click.echo(f"job {job_id} was interrupted when the hub stopped: marked failed")
    jobs.discard_partial_uploads(hub.config["DATA_DIR"])
    server = serving.make_server(hub.app, host, port, threads or hub.config["SERVE_THREADS"])
    click.echo(f"sws-hub {key.hub_id} listening on http://{host}:{server.effective_port}/ "
               f"(fingerprint {key.fingerprint[:16]})")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.close()


@click.group()
def db():
    """The hub's database schema (Alembic migrations)."""


@db.command("upgrade")
@data_dir_option
@pass_hub
def db_upgrade(hub):
    """Bring the database schema to the newest revision; run after installing a new version.

    Example: sws-hub --data-dir /srv/sws-hub db upgrade
    """
    from hub_server import bootstrap

    before, after = bootstrap.upgrade(hub.app)
    verb = "already at" if before == after else f"upgraded from {before or 'empty'} to"
    click.echo(f"database {bootstrap.safe_url(hub.config['DATABASE_URL'])}: {verb} {after}")


@db.command("restored")
@data_dir_option
@pass_hub
def db_restored(hub):
    """Run once after restoring the database from a backup, before the hub serves laptops again.

    Every laptop then pulls its feed again from the start (what the restored hub writes is never
    skipped), and sends again the change-sets the backup lacks (the hub's acknowledgement tells it).

    Example: sws-hub db restored
    """
    from hub_server.services import audit, feed
    from hub_server.services.actors import operator

    with hub.uow() as uow:
        epoch = feed.turn_epoch(uow.session)
        audit.record(uow, operator(), "hub.restored", "hub", epoch=epoch)
        uow.commit()
    click.echo(f"hub marked as restored (epoch {epoch}): laptops pull again from the start and resend what "
               f"this backup lacks")
