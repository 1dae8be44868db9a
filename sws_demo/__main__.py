"""`make demo`: a whole demo district on this machine, as separate processes.

A hub, a generated district (Kabupaten Malang) imported into it and matched against the programme
catalogue, a sub-district laptop that relays, and three village laptops, each with its own data
folder; then a scripted day of work, a village working its pre-identified lists, a call to the
hub's call centre settled at once, and one case of each kind opened by the village's case worker.
At the end it prints what happened and where to look: the hub's admin UI and a village laptop's UI,
running until Ctrl-C.
"""

import shutil
import time
from pathlib import Path

import click

from hub_server.generator import generate_district
from sws_demo.call_centre import a_call_settled_at_once
from sws_demo.cases import one_case_of_each_kind
from sws_demo.day import run_day, say
from sws_demo.desk import a_complaint_answered_at_the_desk
from sws_demo.district import ADMIN_PASSWORD, PIN, District, Laptop, villages_with_people
from sws_demo.payments import members_paid_and_a_claim
from sws_demo.processes import Programs
from sws_demo.programmes import import_and_match, village_works_its_lists

SUB_DISTRICT = "35.07.01"  # Donomulyo, Kabupaten Malang
RESIDENTS_PER_VILLAGE = 24


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-data"),
              show_default=True, help="Where the demo keeps its files; emptied at the start.")
@click.option("--people", type=click.IntRange(1000, 3_000_000), default=20_000, show_default=True,
              help="Size of the generated district.")
@click.option("--wait/--no-wait", default=True, help="Keep the hub and a village UI running until Ctrl-C.")
def main(data_dir, people, wait):
    """Run the demo district on this machine."""
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    district = District(data_dir.resolve(), Programs(data_dir.resolve() / "logs", {"SWS_VILLAGE_LANGUAGE": "en"}))
    try:
        villages = _generate(district, people)
        laptops = _machines(district, villages)
        import_and_match(district)
        run_day(district, laptops, villages)
        village_works_its_lists(district, laptops["villages"]["desa-a"], next(iter(villages.values())))
        a_call_settled_at_once(district, laptops["villages"]["desa-a"])
        a_complaint_answered_at_the_desk(district, laptops["villages"]["desa-a"])
        one_case_of_each_kind(district, laptops["villages"]["desa-a"])
        members_paid_and_a_claim(district, laptops["villages"]["desa-a"])
        _summary(district, laptops, wait)
    finally:
        district.programs.stop_all()


def _generate(district: District, people: int) -> dict:
    summary = generate_district(district.root / "district", people=people, regency="35.07", seed=1)
    say("The district is generated", summary.describe())
    villages = villages_with_people(district.root / "district" / "people.csv", SUB_DISTRICT)
    return {code: rows[:RESIDENTS_PER_VILLAGE] for code, rows in villages.items()}


def _machines(district: District, villages: dict) -> dict:
    district.start_hub()
    say(f"The hub runs at {district.hub_url}")
    kecamatan = Laptop("kecamatan", district.root / "kecamatan", "kec.andi", "sub_district", SUB_DISTRICT)
    district.set_up(kecamatan, district.hub_url)
    district.start_relay(kecamatan)
    say(f"The sub-district laptop is enrolled and relays at {district.relay_url}")
    names = ("desa-a", "desa-b", "desa-c")
    desa = {name: Laptop(name, district.root / name, f"sekdes.{name[-1]}", "village", code)
            for name, code in zip(names, villages, strict=True)}
    district.set_up(desa["desa-a"], district.hub_url)
    district.set_up(desa["desa-b"], district.relay_url)  # reaches the hub only through the sub-district
    district.set_up(desa["desa-c"], district.relay_url)  # enrolled at the sub-district office; USB after that
    desa["desa-c"].cli(district.programs, "protect", "--officer", desa["desa-c"].officer)  # it travels: encrypted
    say("Three village laptops are enrolled: " + ", ".join(f"{name} ({laptop.scope})" for name, laptop in desa.items())
        + "; desa-c's data is encrypted at rest (sws-village protect)")
    return {"sub_district": kecamatan, "villages": desa}


def _summary(district: District, laptops: dict, wait: bool) -> None:
    say("What the hub holds, per device", district.hub("devices").stdout)
    waiting = district.hub("residents").stdout.strip().splitlines()[-1]
    say("Residents registered by villages, by verification status", waiting)
    if not wait:
        return
    village_ui = district.start_ui(laptops["villages"]["desa-a"])
    print(f"""
The demo district is running.
  Hub admin UI:   {district.hub_url}/admin/   (user admin, password {ADMIN_PASSWORD}): the conflict,
                  {district.hub_url}/population/ lists, {district.hub_url}/applications/ decisions,
                  {district.hub_url}/verification/ residents awaiting verification,
                  {district.hub_url}/callcentre/calls the call log, {district.hub_url}/desk/statistics
  Village UI:     {village_ui}/   (officer sekdes.a, PIN {PIN}): {village_ui}/lists
  Files and logs: {district.root}
Press Ctrl-C to stop.""", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopping")


if __name__ == "__main__":
    main()
