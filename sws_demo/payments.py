"""Memberships, payments and a claim in the demo: did the people on the lists receive what they were approved for.

The village applies for a member of its BPJS-PBI (or ASKESOS) list; the hub approves and enrols the member
(`sws-hub payments enrol`), as it does the application approved earlier in the day; the bank's contribution
file of the month is imported (`sws-hub payments import`); the village records the member's hospital bill
(or work-injury) claim offline with the documents brought, the hub passes it to BPJS (`sws-hub claims export`)
and reads BPJS's answer (`sws-hub claims outcome`); the village sees the claim paid after its next sync, and
the district's finance report for the month (`sws-hub report finance`) holds all of it.
"""

import csv
import re

from hub_server.reports.numbers import rupiah
from schemas.local_time import today_in, zone_name
from sws_demo.day import say, sync
from sws_demo.district import District, Laptop

MEMBER = re.compile(r"^\s+(\d{16})\s", re.MULTILINE)
CLAIMS = {"BPJS-PBI": ("hospital_bill", "bpjs_card,ktp,referral_letter,hospital_bill", "district", 25500),
          "ASKESOS": ("work_injury", "bpjs_card,ktp,medical_letter", "province", 16800)}
APPROVED = re.compile(r"^(\S+)\s+\S+\s+\d{16}\s+approved", re.MULTILINE)


def members_paid_and_a_claim(district: District, village: Laptop) -> None:
    today = today_in(zone_name(village.scope))  # the village's day, as its laptop and the hub date it
    month, start = today.isoformat()[:7], today.replace(day=1).isoformat()
    for number, application_id in enumerate(APPROVED.findall(district.hub("applications", "--status",
                                                                          "approved").stdout), start=1):
        say("The hub enrols the application approved earlier", district.hub(
            "payments", "enrol", application_id, "--number", f"DEMO-{number:04d}", "--start", start).stdout)
    programme, nik = _claimable_member(district, village)
    kind, documents, payer, monthly = CLAIMS[programme]
    applied = village.cli(district.programs, "apply", programme, nik).stdout
    sync(district, village, f"with an application for {programme}")
    application_id = re.search(r"application (\S+) recorded", applied)[1]
    district.hub("decide", application_id, "approved")
    card = "0001234500001"
    say(f"The hub approves it and enrols the member in {programme}, paid by the {payer} budget", district.hub(
        "payments", "enrol", application_id, "--number", card, "--start", start, "--payer", payer).stdout)
    paid = district.root / f"contributions-{month}.csv"
    paid.write_text("reference,nik,membership_number,programme,period,paid_on,amount,payer\n"
                    f"BANK/{month}/0000001,{nik},{card},{programme},{month},{today.isoformat()},{monthly},{payer}\n",
                    encoding="utf-8")
    say("The hub imports the bank's contribution file of the month",
        district.hub("payments", "import", "--kind", "contributions", paid).stdout)
    sync(district, village, "and receives the membership and its payment")
    recorded = village.cli(district.programs, "claim", "record", f"nik={nik}", f"programme_code={programme}",
                           f"claim_kind={kind}", f"happened_on={today.isoformat()}", f"documents_present={documents}",
                           "amount_claimed=2500000").stdout
    claim_id = re.search(r"claim (\S+) recorded", recorded)[1]
    say(f"{village.name}: records the member's {kind.replace('_', ' ')} claim with the documents brought", recorded)
    sync(district, village, "and the claim reaches the hub")
    export = district.root / f"claims-{programme.lower()}-{month}.csv"
    say("The hub passes the claims to BPJS", district.hub("claims", "export", "--programme", programme, "--out",
                                                          export, "--reason", "Klaim bulan ini ke BPJS").stdout)
    answer = district.root / f"claims-{programme.lower()}-{month}-answer.csv"
    answer.write_text("claim_id,outcome,amount_paid,paid_on,refusal_reason,agency_reference,note\n"
                      f"{claim_id},paid,2400000,{today.isoformat()},,BPJS/{month}/0042,\n", encoding="utf-8")
    say("The hub reads BPJS's answer", district.hub("claims", "outcome", answer).stdout)
    sync(district, village, "and receives the claim paid")
    say(f"{village.name}: its claims", village.cli(district.programs, "claim", "list").stdout)
    report = district.root / f"keuangan-{month}.csv"
    district.hub("report", "finance", "--area", village.scope[:5], "--month", month, "--format", "csv",
                 "--output", report)
    totals = {(row["section"], row["measure"]): row["value"] for row in csv.DictReader(report.open(encoding="utf-8"))
              if row["row"] == "total"}
    say(f"The district's finance report for {month} (page /reports/finance, CSV {report.name})",
        f"memberships in force {totals[('memberships', 'enrolled')]}; contributions due "
        f"{rupiah(totals[('contributions', 'contribution_due')], 'en')}, paid "
        f"{rupiah(totals[('contributions', 'contribution_paid')], 'en')}; "
        f"claims paid {totals[('claims', 'claims_paid')]} ({rupiah(totals[('claims', 'paid_amount')], 'en')})")


def _claimable_member(district: District, village: Laptop) -> tuple:
    """A programme that pays on claims whose list here has a member, and that member."""
    for programme in CLAIMS:
        niks = MEMBER.findall(village.cli(district.programs, "list", programme, check=False).stdout)
        if niks:
            return programme, niks[-1]
    raise RuntimeError(f"{village.name} holds no list of a programme that pays on claims")
