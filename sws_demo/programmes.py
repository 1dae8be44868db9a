"""The demo's programme work: the district's extracts imported, every programme matched, lists to the villages.

Then, in a village: the lists it received, an application from a list, a village meeting's
correction (one typed too short first, and refused), the hub approving the application, a
household that no extract holds registered by the village (residents at once, awaiting
verification, found by the call centre), a midwife recording a pregnancy, and the next matching run
reaching the village as a small new list version, the new household's young man on the job-training
list marked "awaiting verification".
"""

import re
import sqlite3
from datetime import date, timedelta

from schemas.local_time import date_in_region
from sws_demo.day import say, sync
from sws_demo.district import District, Laptop
from village_client.store import DB_FILE

SOURCES = (("ektp", "ektp.csv", "e-KTP (Dukcapil)"), ("kk", "kk.csv", "family card (KK)"),
           ("welfare", "welfare.csv", "welfare registry (DTSEN)"), ("census", "people.csv", "village census"))
MEMBER = re.compile(r"^\s+(\d{16})\s", re.MULTILINE)
MEETING_REASON = "Musyawarah desa: keluarga pindah ke Kota Malang sejak Januari, rumah kosong."
# A family the registries missed: no e-KTP or family card extract holds them. The village's own data
# collection ranks the household in the second decile (the registry has no ranking of it).
MISSED_HOUSEHOLD = ("kk_number=3507010203269901", "welfare_decile=2", "decile_source=Pendataan desa 2026",
                    "address=Dusun Krajan", "address_rt=3", "address_rw=2")
MISSED_MEMBERS = ("name=Eko Prasetyo;nik=3507012501019901;birth_date=2001-01-25;sex=M;relationship=head;"
                  "occupation=not_working;education=senior_secondary;marital_status=married",
                  "name=Rina Wati;nik=3507016408039901;birth_date=2003-08-24;sex=F;relationship=spouse;"
                  "occupation=housekeeping;marital_status=married",
                  "name=Bayu Prasetyo;nik=3507011505249901;birth_date=2024-05-15;sex=M;relationship=child")


def import_and_match(district: District) -> None:
    folder = district.root / "district"
    for source, name, what in SOURCES:
        output = district.hub("import", source, folder / name).stdout
        say(f"The hub imports the {what} extract", "\n".join(output.strip().splitlines()[:3]))
    say("The hub loads the Kabupaten Malang programme catalogue", district.hub("catalogue", "load").stdout)
    match(district, "The hub matches every programme over the district and publishes the village lists")


def match(district: District, step: str) -> None:
    output = district.hub("match").stdout.strip().splitlines()
    say(step, "\n".join([output[0], *output[-1:]]))


def village_works_its_lists(district: District, village: Laptop, residents: list) -> None:
    say(f"{village.name}: the pre-identified lists it received", village.cli(district.programs, "lists").stdout)
    programme, first, second = _two_listed(district, village)
    applied = village.cli(district.programs, "apply", programme, first).stdout
    say(f"{village.name}: applies for {programme} for {first}, who is on the list", applied)
    refused = village.cli(district.programs, "correction", "add", f"programme_code={programme}", f"nik={second}",
                          "decision=exclude", "reason=pindah", f"meeting_date={date_in_region(village.scope)}",
                          check=False)
    say(f"{village.name}: records the village meeting's correction with too short a reason: refused",
        refused.stdout + refused.stderr)
    corrected = village.cli(district.programs, "correction", "add", f"programme_code={programme}", f"nik={second}",
                            "decision=exclude", f"reason={MEETING_REASON}",
                            f"meeting_date={date_in_region(village.scope)}")
    say(f"{village.name}: records it again with the meeting's reason", corrected.stdout)
    sync(district, village, "directly with the hub")
    application_id = re.search(r"application (\S+) recorded", applied).group(1)
    say("The hub's application queue", district.hub("applications", "--status", "applied").stdout)
    say("The hub approves the application", district.hub("decide", application_id, "approved").stdout)
    a_missed_household_joins_the_population(district, village)
    pregnancy_reaches_the_list(district, village, residents)
    sync(district, village, "and receives the decision and the new list versions")
    say(f"{village.name}: its {programme} list now", village.cli(district.programs, "list", programme).stdout)
    listed = [line for line in village.cli(district.programs, "list", "BLK", check=False).stdout.splitlines()
              if "Eko Prasetyo" in line]
    say(f"{village.name}: Eko Prasetyo, whom no registry held, is on the job-training (BLK) list",
        "\n".join(listed) or "(not on the list)")


def a_missed_household_joins_the_population(district: District, village: Laptop) -> None:
    """A household no extract holds: residents at the hub at once, awaiting verification, not conflicts."""
    members = [option for member in MISSED_MEMBERS for option in ("--member", member)]
    added = village.cli(district.programs, "household", "add", *MISSED_HOUSEHOLD, f"village_code={village.scope}",
                        *members).stdout
    say(f"{village.name}: registers a family that no registry holds (Eko Prasetyo's)", added)
    sync(district, village, "directly with the hub")
    say("The hub: they are residents at once, awaiting verification (not conflicts)",
        district.hub("residents", "--area", village.scope).stdout)
    say("The call centre finds them by name", district.hub("find", "eko prasetyo").stdout)


def pregnancy_reaches_the_list(district: District, village: Laptop, residents: list) -> None:
    """A midwife records a pregnancy; the next matching run publishes a new list version with her."""
    woman = _woman_of_childbearing_age(residents)
    if woman is None:
        return
    person_id = _record_id_of(village, woman["nik"])
    say(f"{village.name}: the midwife records that {woman['name']} is pregnant",
        village.cli(district.programs, "person", "update", person_id, "pregnant=yes").stdout)
    sync(district, village, "directly with the hub")
    match(district, "The hub matches again: only the lists that changed get a new version, sent as a delta")


def _two_listed(district: District, village: Laptop) -> tuple:
    """A programme whose list here has at least two members, and two of them."""
    for line in village.cli(district.programs, "lists").stdout.splitlines():
        programme = line.split()[0] if line.strip() else None
        if not programme:
            continue
        niks = MEMBER.findall(village.cli(district.programs, "list", programme).stdout)
        if len(niks) >= 2:
            return programme, niks[0], niks[1]
    raise RuntimeError(f"{village.name} holds no list with two members")


def _woman_of_childbearing_age(residents: list):
    today = date.today()
    for row in residents:
        born = date.fromisoformat(row["birth_date"])
        if row["sex"] == "F" and today - timedelta(days=365 * 40) < born < today - timedelta(days=365 * 20) \
                and row.get("pregnant") != "true":
            return row
    return None


def _record_id_of(village: Laptop, nik: str) -> str:
    """The laptop's record id of a registered resident (the demo looks it up in the laptop's database)."""
    with sqlite3.connect(village.data_dir / DB_FILE) as db:
        return db.execute("SELECT id FROM person WHERE nik = ?", (nik,)).fetchone()[0]
