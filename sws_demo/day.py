"""A scripted day in the demo district: registrations, errors, complaints, syncs, a conflict, a USB stick."""

import re
from pathlib import Path

from sws_demo.district import District, Laptop, write_people_csv

# Two rows a tired officer might type: a NIK whose serial is 0000, and a birth date in the future.
BAD_ROWS = ({"nik": "3507015508900000", "name": "Sri Wahyuni", "birth_date": "1990-08-15", "sex": "F"},
            {"nik": "3507011203990004", "name": "Joko Susilo", "birth_date": "2099-03-12", "sex": "M"})
NEW_RESIDENT = ("name=Dewi Anggraini", "nik=3507016502980003", "birth_date=1998-02-25", "sex=F",
                "marital_status=married", "relationship=spouse", "phone=081234500001")


def say(step: str, detail: str = "") -> None:
    print(f"- {step}" + ("\n    " + detail.strip().replace("\n", "\n    ") if detail.strip() else ""), flush=True)


def register_residents(district: District, laptop: Laptop, village: str, residents: list, bad_rows=()) -> str:
    rows = residents + [{**row, "village_code": village, "kk_number": residents[0]["kk_number"],
                         "relationship": "other_relative"} for row in bad_rows]
    path = district.root / f"{laptop.name}-warga.csv"
    write_people_csv(path, rows)
    result = laptop.cli(district.programs, "import-csv", path, check=False)
    return result.stdout + result.stderr


def morning(district: District, laptops: dict, villages: dict) -> None:
    for (name, laptop), (village, residents) in zip(laptops["villages"].items(), villages.items(), strict=True):
        bad = BAD_ROWS if name == "desa-a" else ()
        say(f"{laptop.name}: registers {len(residents)} residents of {village}" + (" (two rows typed wrong)"
                                                                                     if bad else ""),
            register_residents(district, laptop, village, residents, bad))
    desa_a, desa_b = laptops["villages"]["desa-a"], laptops["villages"]["desa-b"]
    complaint(district, desa_a, "exclusion_error", "PKH", "Ibu hamil belum tercantum sebagai penerima PKH.")
    complaint(district, desa_b, "payment_delay", "PKH", "Bantuan PKH tahap ketiga belum cair.")


def complaint(district: District, laptop: Laptop, category: str, programme: str, text: str) -> None:
    result = laptop.cli(district.programs, "complaint", "add", f"category={category}", f"programme_code={programme}",
                        f"description={text}", f"village_code={laptop.scope}", "complainant_name=Ani Lestari")
    say(f"{laptop.name}: records a complaint ({category})", result.stdout)


def sync(district: District, laptop: Laptop, how: str) -> str:
    result = laptop.cli(district.programs, "sync", check=False)
    say(f"{laptop.name}: syncs {how}", _last_lines(result.stdout + result.stderr, 3))
    return result.stdout


def usb_round_trip(district: District, village: Laptop, relay: Laptop) -> None:
    stick = district.root / "usb-stick"
    stick.mkdir(exist_ok=True)
    there, back = stick / f"{village.name}.sws", stick / f"{village.name}-return.sws"
    say(f"{village.name}: no network; writes its work to a USB stick",
        village.cli(district.programs, "export-bundle", there).stdout)
    say(f"{relay.name}: forwards the stick's bundle to the hub",
        relay.cli(district.programs, "relay", "--bundle", there, "--return", back).stdout)
    say(f"{village.name}: reads the hub's answer from the stick",
        village.cli(district.programs, "import-bundle", back).stdout)


def same_person_on_two_laptops(district: District, village: Laptop, sub_district: Laptop) -> None:
    added = village.cli(district.programs, "person", "add", *NEW_RESIDENT, f"village_code={village.scope}").stdout
    person_id = re.search(r"person (\S+) registered", added).group(1)
    newcomer = dict(field.split("=", 1) for field in NEW_RESIDENT)["name"]
    say(f"{village.name}: registers a newcomer, {newcomer}", added)
    sync(district, village, "directly with the hub")
    sync(district, sub_district, "(the sub-district laptop pulls its villages)")
    village.cli(district.programs, "person", "update", person_id, "phone=081234500002")
    sub_district.cli(district.programs, "person", "update", person_id, "phone=085712300003")
    say(f"{village.name} and {sub_district.name} both correct {newcomer}'s phone, differently")
    sync(district, village, "directly with the hub")
    sync(district, sub_district, "directly with the hub")
    sync(district, village, "again, and hears of the conflict")
    say("The hub's conflict queue", district.hub("conflicts").stdout)


def _last_lines(text: str, count: int) -> str:
    return "\n".join(text.strip().splitlines()[-count:])


def run_day(district: District, laptops: dict, villages: dict) -> None:
    desa = laptops["villages"]
    kecamatan = laptops["sub_district"]
    morning(district, laptops, villages)
    sync(district, desa["desa-a"], "directly with the hub")
    sync(district, desa["desa-b"], "through the sub-district relay")
    usb_round_trip(district, desa["desa-c"], kecamatan)
    same_person_on_two_laptops(district, desa["desa-a"], kecamatan)
    Path(district.root / "day.done").write_text("ok\n")
