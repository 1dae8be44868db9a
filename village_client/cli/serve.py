"""`sws-village` commands that serve: the local web UI, and the sub-district relay."""

from pathlib import Path

import click

from village_client.cli.support import fail_on_known_errors, pass_env


def _start_scheduler(env, enabled: bool):
    from village_client.sync.scheduler import SyncScheduler

    if not enabled:
        return None
    scheduler = SyncScheduler(env["data_dir"], env["settings"])
    scheduler.start()
    return scheduler


def _serve(app, host: str, port: int, scheduler, what: str) -> None:
    from waitress import create_server

    server = create_server(app, host=host, port=port, threads=4)
    click.echo(f"{what} on http://{host}:{server.effective_port}/ (Ctrl+C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if scheduler:
            scheduler.shutdown()


@click.command()
@click.option("--port", type=int, help="Port to listen on [setting ui_port].")
@click.option("--scheduled-sync/--no-scheduled-sync", default=True, help="Sync every few minutes in the background.")
@pass_env
def ui(env, port, scheduled_sync):
    """Serve the local web UI on 127.0.0.1 (forms, lists, sync status) and print its address.

    Example: sws-village ui --port 8780
    """
    from village_client import at_rest
    from village_client.web import create_app

    at_rest.ask_with(None)  # a protected laptop's data opens at the first officer's login, never at a prompt
    if not at_rest.is_protected(env["data_dir"]):
        with fail_on_known_errors(env), env["open"]() as store:
            store.device()
    app = create_app(env["data_dir"], env["settings"])
    port = env["settings"]["ui_port"] if port is None else port
    _serve(app, env["settings"]["ui_host"], port, _start_scheduler(env, scheduled_sync), "SWS village UI")


@click.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="Address village laptops reach the relay at.")
@click.option("--port", type=int, help="Port to listen on [setting relay_port].")
@click.option("--bundle", "bundle_in", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Instead of serving: forward the requests in this village bundle file...")
@click.option("--return", "bundle_out", type=click.Path(dir_okay=False, path_type=Path),
              help="...and write the hub's replies to this return bundle for the village.")
@pass_env
def relay(env, host, port, bundle_in, bundle_out):
    """Relay village laptops' syncs to the hub (sub-district laptops): over the network, or bundle by bundle.

    \b
    Examples:
      sws-village relay --port 8790
      sws-village relay --bundle /media/usb/sukamaju.sws --return /media/usb/sukamaju-return.sws
    """
    from village_client.relay import relay_bundle
    from village_client.relay_app import create_relay_app
    from village_client.sync.engine import NotEnrolled
    from village_client.sync.http import hub_session

    with fail_on_known_errors(env), env["open"]() as store:
        hub_url = store.device()["hub_url"]
        if not hub_url:  # the relay forwards to its own hub
            raise NotEnrolled()
        if bundle_in:
            counts = relay_bundle(store, bundle_in, bundle_out or bundle_in.with_suffix(".return.sws"), hub_url,
                                  session=hub_session(hub_url, env["settings"]), lang=env["lang"])
            click.echo(f"{counts['forwarded']} requests forwarded, {counts['refused']} refused"
                       + (f", {counts['unreachable']} not forwarded: the hub cannot be reached (the return bundle "
                          f"says so; the village keeps its work)" if counts["unreachable"] else ""))
            return
        session = hub_session(hub_url, env["settings"])
    app = create_relay_app(env["data_dir"], hub_url, (env["settings"]["connect_timeout"],
                                                      env["settings"]["read_timeout"]), session)
    _serve(app, host, env["settings"]["relay_port"] if port is None else port, _start_scheduler(env, True), "SWS relay")
