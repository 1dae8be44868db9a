"""Cases in the demo: the village's case worker opens one case of each kind on the village's laptop, follows each
with a step, the village secretary refers a resident from the SWS desk (the last kind), and the laptop syncs; the
hub's cases page then lists them (the crisis case stays with its case worker)."""

import re

from sws_demo.day import say, sync
from sws_demo.district import District, Laptop

CASE_WORKER = "pendamping.a"
# kind, name, who (nik= or kk_number=), and one step after the opening
CASES = (
    ("household_plan", "Keluarga Suparman", "kk_number=3507010101100001",
     ("plan_action", "service_code=BLK-KEPANJEN", "action=Pelatihan menjahit untuk ibu", "responsible=Pendamping",
      "due_date=2026-12-31")),
    ("prospective_migrant", "Lestari", "nik=3507014101990001",
     ("migrant", "migrant_stage=pre_departure", "destination_country=TW", "documents=passport,contract")),
    ("migrant_abroad", "Wahyuni", "nik=3507014202950001",
     ("migrant", "migrant_stage=abroad", "destination_country=HK")),
    ("returnee", "Sri Rahayu", "nik=3507014303900001", ("referral", "service_code=BPJSTK-KEPANJEN")),
    ("migrant_family", "Keluarga Wahyuni", "kk_number=3507010101100002",
     ("session", "session_kind=visit", "session_outcome=unchanged")),
    ("crisis", "Korban TPPO", "nik=3507014404000001",
     ("session", "session_kind=counselling", "session_outcome=improved", "text=Didampingi ke UPTD PPA")),
)


def one_case_of_each_kind(district: District, village: Laptop) -> list:
    """Open and follow one case of each kind on `village`'s laptop; returns the case ids."""
    village.cli(district.programs, "officer", "add", CASE_WORKER, "--name", "Pendamping Desa", "--role", "case_worker")
    opened = []
    for kind, name, who, (step, *fields) in CASES:
        output = village.cli(district.programs, "case", "open", "--officer", CASE_WORKER, f"case_kind={kind}",
                             f"subject_name={name}", who, f"village_code={village.scope}").stdout
        case_id = re.search(r"case (\S+) opened", output)[1]
        village.cli(district.programs, "case", "event", "--officer", CASE_WORKER, case_id, step, *fields)
        opened.append(case_id)
    # The last kind: a referral made at the SWS desk by the village secretary, with its reason.
    output = village.cli(district.programs, "referral", "make", "--officer", village.officer, "subject_name=Darto",
                         "nik=3507011505850001", f"village_code={village.scope}", "service_code=PKM-KEPANJEN",
                         "text=Batuk lama, belum pernah periksa").stdout
    opened.append(re.search(r"\(case (\S+)\)", output)[1])
    say(f"{village.name}: the case worker opens one case of each kind",
        village.cli(district.programs, "case", "list", "--officer", CASE_WORKER).stdout)
    sync(district, village, "and the cases reach the hub's cases page (the crisis case stays with its case worker)")
    return opened
