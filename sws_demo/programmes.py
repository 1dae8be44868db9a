"""The demo's programme work: the district's extracts imported, every programme matched, lists to the villages.

Then, in a village: the lists it received, an application from a list, a village meeting's
correction (one typed too short first, and refused), the hub approving the application, a midwife
recording a pregnancy, and the next matching run reaching the village as a small new list version.
"""

import re
import sqlite3
from datetime import date, timedelta

from sws_demo.day import say, sync
from sws_demo.district import District, Laptop
from village_client.store import DB_FILE

SOURCES = (("ektp", "ektp.csv", "e-KTP (Dukcapil)"), ("kk", "kk.csv", "family card (KK)"),
           ("welfare", "welfare.csv", "welfare registry (DTSEN)"), ("census", "people.csv", "village census"))
MEMBER = re.compile(r"^\s+(\d{16})\s", re.MULTILINE)
MEETING_REASON = "Musyawarah desa: keluarga pindah ke Kota Malang sejak Januari, rumah kosong."


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
                          "decision=exclude", "reason=pindah", f"meeting_date={date.today().isoformat()}",
                          check=False)
    say(f"{village.name}: records the village meeting's correction with too short a reason: refused",
        refused.stdout + refused.stderr)
    corrected = village.cli(district.programs, "correction", "add", f"programme_code={programme}", f"nik={second}",
                            "decision=exclude", f"reason={MEETING_REASON}", f"meeting_date={date.today().isoformat()}")
    say(f"{village.name}: records it again with the meeting's reason", corrected.stdout)
    sync(district, village, "directly with the hub")
    application_id = re.search(r"application (\S+) recorded", applied).group(1)
    say("The hub's application queue", district.hub("applications", "--status", "applied").stdout)
    say("The hub approves the application", district.hub("decide", application_id, "approved").stdout)
    pregnancy_reaches_the_list(district, village, residents)
    sync(district, village, "and receives the decision and the new list versions")
    say(f"{village.name}: its {programme} list now", village.cli(district.programs, "list", programme).stdout)


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
