"""The population coming down: a village's and a sub-district's first pull of their residents, and a month's delta.

    .venv/bin/python -m bench.bench_population_pull                  # print the figures
    .venv/bin/python -m bench.bench_population_pull --write-docs     # also rewrite its section of docs/performance.md

A real `sws-hub serve` (SQLite). Its population holds a village of 7,000 residents and a sub-district of
80,000 (people and households from the district generator, placed in those villages), published to
the laptops by `services.population_feed`. A village laptop and a sub-district laptop, enrolled with
tokens, pull with their own sync engines on loopback and through `bench.slowlink` (256 kbit/s, 300 ms
one way, 2 % loss). Then a month passes: 3 % of the residents change (an occupation, an address, a
name spelling), 0.5 % leave and as many arrive, the hub publishes, and the laptops pull the delta.
Bytes are what crossed the wire (gzip as sent); seconds are the sync's, start to return.
"""

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_client import HubServer, VillageLaptop, kb, timed_sync, verdict, write_section

HEADING = "## Population pull"
VILLAGE, SUB_DISTRICT = "35.07.01.2001", "35.07.02"
VILLAGE_PEOPLE, SUB_DISTRICT_PEOPLE = 7_000, 80_000
CHANGED, LEFT = 0.03, 0.005


def populate(database_url: str) -> dict:
    """People and households in the village and the sub-district, from the generator; returns counts."""
    from sqlalchemy import insert

    from hub_server.db import Database
    from hub_server.generator.population import iter_households
    from hub_server.models.population import Household, Person
    from schemas.region import villages

    targets = [code for code, _ in villages(SUB_DISTRICT)]
    database = Database(database_url)
    people, households, placed = [], [], {"village": 0, "sub_district": 0}
    household_id = 0
    for index, generated in enumerate(iter_households(people=120_000, regency="35.07", seed=21)):
        if placed["village"] < VILLAGE_PEOPLE:
            where, village = "village", VILLAGE
        elif placed["sub_district"] < SUB_DISTRICT_PEOPLE:
            where, village = "sub_district", targets[index % len(targets)]
        else:
            break
        household_id += 1
        households.append({"id": household_id, "kk_number": generated.kk_number, "village_code": village,
                           "address": generated.address, "address_rt": generated.address_rt,
                           "address_rw": generated.address_rw, "kk_issue_date": generated.kk_issue_date,
                           "welfare_decile": generated.decile})
        for member in generated.members:
            people.append({"nik": member.nik, "name": member.name, "name_key": member.name.lower(),
                           "birth_place": member.birth_place, "birth_date": member.birth_date, "sex": member.sex,
                           "marital_status": member.marital_status, "relationship": member.relationship,
                           "household_id": household_id, "village_code": village, "address": member.address,
                           "address_rt": member.address_rt, "address_rw": member.address_rw,
                           "occupation": member.occupation, "in_ektp": True, "in_kk": True,
                           "verification": "source", "socio_source": "ektp"})
            placed[where] += 1
    with database.uow() as uow:
        uow.session.execute(insert(Household), households)
        for start in range(0, len(people), 20_000):
            uow.session.execute(insert(Person), people[start:start + 20_000])
        uow.commit()
    database.dispose()
    return placed


def publish(database_url: str) -> dict:
    from hub_server.db import Database
    from hub_server.services import population_feed

    database = Database(database_url)
    started = time.perf_counter()
    with database.uow() as uow:
        counts = population_feed.publish(uow.session, dt.datetime.now(dt.UTC))
        uow.commit()
    database.dispose()
    return counts | {"seconds": time.perf_counter() - started}


def a_month_passes(database_url: str) -> dict:
    """3 % of the residents change a value, 0.5 % leave (died), 0.5 % arrive; returns counts."""
    from sqlalchemy import select

    from hub_server.db import Database
    from hub_server.models.population import Person

    rng, database = random.Random(5), Database(database_url)
    with database.uow() as uow:
        everyone = list(uow.session.execute(select(Person)).scalars())
        changed = rng.sample(everyone, int(len(everyone) * CHANGED))
        for index, person in enumerate(changed):
            if index % 3 == 0:
                person.occupation = "trader" if person.occupation != "trader" else "farmer"
            elif index % 3 == 1:
                person.address_rt = f"{(int(person.address_rt or 0) % 20) + 1:03d}"
            else:
                person.name = person.name + "h"
        died = rng.sample([p for p in everyone if p not in set(changed)], int(len(everyone) * LEFT))
        for person in died:
            person.died_on = dt.date(2026, 4, 2)
        for person in rng.sample(everyone, int(len(everyone) * LEFT)):  # a newborn's NIK, a family moving in
            uow.session.add(Person(nik=f"9{person.nik[1:]}", name="Pendatang " + person.name, name_key="",
                                   birth_date=person.birth_date, sex=person.sex, household_id=person.household_id,
                                   village_code=person.village_code, in_ektp=True, in_kk=True,
                                   verification="source"))
        uow.commit()
    database.dispose()
    return {"changed": len(changed), "left": len(died), "arrived": len(died)}


def pull(laptop: VillageLaptop, url: str) -> dict:
    result = timed_sync(laptop, url)
    result["residents"] = laptop.count("resident")
    return result


def run() -> dict:
    from bench.slowlink import SlowLink

    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-population-pull-") as root, HubServer(Path(root)) as hub:
        root = Path(root)
        url = f"sqlite:///{hub.data_dir / 'hub.sqlite'}"
        results["placed"] = populate(url)
        results["publish_first"] = publish(url)
        laptops = {}
        for name, scope, role in (("village", VILLAGE, "village"), ("sub_district", SUB_DISTRICT, "sub_district")):
            for link in ("loopback", "slow"):
                laptop = VillageLaptop(root / f"{name}-{link}", scope)
                from village_client.enrollment import enroll
                enroll(laptop.data_dir, hub.url, hub.token(scope, role), "bench laptop", laptop.settings())
                laptops[(name, link)] = laptop
        for name in ("village", "sub_district"):
            results[f"{name}_loopback"] = pull(laptops[(name, "loopback")], hub.url)
        with SlowLink(hub.address()) as link:
            results["village_slow"] = pull(laptops[("village", "slow")], link.url)
            results["month"] = a_month_passes(url)
            results["publish_month"] = publish(url)
            results["village_delta_slow"] = pull(laptops[("village", "slow")], link.url)
        for name in ("village", "sub_district"):
            results[f"{name}_delta_loopback"] = pull(laptops[(name, "loopback")], hub.url)
    return results


def report(r: dict) -> str:
    def row(label, data, m, aim, ok=None):
        shown = f"{m['seconds']:.2f} s" if m["seconds"] < 10 else f"{m['seconds']:.1f} s"
        return (f"| {label} | {data} | {shown} | {m['requests']} | {kb(m['bytes_received'])} | {aim}"
                f"{'' if ok is None else ' (' + verdict(ok) + ')'} |")

    v, s = r["village_loopback"], r["sub_district_loopback"]
    slow, delta = r["village_slow"], r["village_delta_slow"]
    month = r["month"]
    lines = [
        HEADING, "",
        "`python -m bench.bench_population_pull`: a real `sws-hub serve` on SQLite whose population holds a "
        f"village of {r['placed']['village']:,} residents and a sub-district of {r['placed']['sub_district']:,} "
        "(generated people placed there), published by `services.population_feed`; laptops pull with their own "
        "engines on loopback and through the emulated 2G link (256 kbit/s, 300 ms one way, 2 % loss). A month: "
        f"{month['changed']:,} residents change a value, {month['left']:,} die and {month['arrived']:,} arrive "
        "among both areas.", "",
        "| measurement | data | time | requests | bytes down | aim |", "|---|---|---|---|---|---|",
        row("village, first pull, loopback", f"{v['residents']:,} residents", v, "-"),
        row("village, first pull, 2G link", f"{slow['residents']:,} residents", slow,
            "under 200 kB and 15 s", slow["bytes_received"] < 200_000 and slow["seconds"] < 15),
        row("sub-district, first pull, loopback", f"{s['residents']:,} residents", s, "under 2.5 MB",
            s["bytes_received"] < 2_500_000),
        row("village, the month's delta, 2G link", "after the month", delta, "under 10 % of the first pull",
            delta["bytes_received"] < slow["bytes_received"] / 10),
        row("sub-district, the month's delta, loopback", "after the month", r["sub_district_delta_loopback"],
            "under 10 % of the first pull",
            r["sub_district_delta_loopback"]["bytes_received"] < s["bytes_received"] / 10),
        "",
        f"Publishing at the hub (compare every resident with what was sent, write the versions): first "
        f"{r['publish_first']['seconds']:.1f} s for {r['placed']['village'] + r['placed']['sub_district']:,} "
        f"residents ({r['publish_first']['versions']} village versions), after the month "
        f"{r['publish_month']['seconds']:.1f} s ({r['publish_month']['added']:,} rows sent again or new, "
        f"{r['publish_month']['removed']:,} closed).",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    text = report(run())
    print(text)
    if args.write_docs:
        write_section(HEADING, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
