"""`python -m hub_server.province` (`sws-province`): join district hubs on PostgreSQL into one province database.

On each district hub's database: `publish`. On the province's: `init` once, then `subscribe` per district.
`status` shows what the province holds. The statements themselves are in `replication.py`.
"""

import click

from hub_server.province import replication
from hub_server.province.tables import TABLES, BadDistrictCode, check_district, subscription_name
from schemas.local_time import local_time, zone_name

CONTEXT = {"help_option_names": ["-h", "--help"]}
district_option = click.option("--district", envvar="SWS_HUB_DISTRICT_CODE", required=True,
                               help="Kemendagri code of the district, e.g. 35.07. Env: SWS_HUB_DISTRICT_CODE.")
province_option = click.option("--database-url", "province_url", envvar="SWS_PROVINCE_DATABASE_URL", required=True,
                               help="The province database (URL or libpq DSN). Env: SWS_PROVINCE_DATABASE_URL.")


class ProvinceGroup(click.Group):
    """Turns a refused step into a one-line message and exit status 1."""

    def invoke(self, ctx):
        try:
            import psycopg
        except ImportError:
            raise click.ClickException("PostgreSQL's driver is missing: pip install 'sws-sync[postgres]'") from None
        try:
            return super().invoke(ctx)
        except (replication.ProvinceError, BadDistrictCode) as error:
            raise click.ClickException(str(error)) from None
        except psycopg.Error as error:  # e.g. the province's server cannot reach the district it subscribes to
            raise click.ClickException(f"the database refused: {str(error).strip()}") from None


@click.group(cls=ProvinceGroup, context_settings=CONTEXT)
def main():
    """A province database fed by its district hubs through PostgreSQL logical replication.

    \b
      python -m hub_server.province publish --district 35.07            # on the district hub (its DATABASE_URL)
      python -m hub_server.province init --database-url postgresql://province-db/sws_province
      python -m hub_server.province subscribe --district 35.07 --dsn 'host=hub-malang dbname=sws_hub user=repl' \\
          --database-url postgresql://province-db/sws_province
      python -m hub_server.province status --database-url postgresql://province-db/sws_province
    """


@main.command()
@district_option
@click.option("--database-url", "hub_url", envvar="SWS_HUB_DATABASE_URL", required=True,
              help="The district hub's database. Env: SWS_HUB_DATABASE_URL.")
def publish(district, hub_url):
    """Publish this district hub's population, lists, complaints and report inputs to its province."""
    with replication.connect(hub_url) as connection:
        published = replication.publish(connection, check_district(district))
    click.echo(f"publication {replication.PUBLICATION}: {len(published)} tables of district {district}")
    for purpose, names in TABLES.items():
        click.echo(f"  {purpose}: {', '.join(names)}")


@main.command()
@province_option
def init(province_url):
    """Create the province's tables, partitioned by district, or bring them to this version of the hub."""
    from migrations import head_revision

    with replication.connect(province_url) as connection:
        created = replication.init_province(connection, head_revision())
    click.echo(f"province tables and columns created: {len(created)}" if created else "province tables already there")


@main.command()
@district_option
@click.option("--dsn", "district_dsn", required=True,
              help="How the province's server reaches the district hub's database (URL or libpq DSN; a user "
                   "with the REPLICATION attribute).")
@province_option
def subscribe(district, district_dsn, province_url):
    """Give a district its partitions in the province and subscribe to its publication."""
    check_district(district)
    with replication.connect(district_dsn) as hub:
        revision = replication.check_publisher(hub, district)
    with replication.connect(province_url) as connection:
        replication.add_district(connection, district, district_dsn, revision)
    click.echo(f"district {district} subscribed: its first copy runs now; `status` shows when it is done")


@main.command()
@district_option
@province_option
def leave(district, province_url):
    """Drop a district's subscription and its rows at the province (to rebuild it, `subscribe` again)."""
    with replication.connect(province_url) as connection:
        slot_dropped = replication.remove_district(connection, check_district(district))
    click.echo(f"district {district} left the province")
    if not slot_dropped:
        click.echo(f"the district was out of reach: on its database, run SELECT pg_drop_replication_slot("
                   f"'{subscription_name(district)}') so it stops keeping WAL for the province")


@main.command()
@province_option
def status(province_url):
    """Each district joined: its subscription, how many of its tables are copied, its people."""
    with replication.connect(province_url) as connection:
        states = replication.districts(connection)
    if not states:
        click.echo("no district subscribed yet")
    for state in states:
        seen = local_time(state.last_message, zone_name(state.district)) if state.last_message else "never"
        click.echo(f"{state.district}  {'enabled' if state.enabled else 'DISABLED'}  "
                   f"tables copied {state.tables_ready}/{len(replication.ALL_TABLES)}  "
                   f"people {state.people:,}  last message {seen}")
