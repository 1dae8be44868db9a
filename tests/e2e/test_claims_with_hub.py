"""A person followed from pre-identified to a claim paid, every part a real process: `sws-hub` imports a generated
district, loads the shipped catalogue and matches it; the village laptop (`sws-village`) applies from a list and
syncs over HTTP on 127.0.0.1; the hub approves (`sws-hub decide`), enrols through its admin UI's form and imports
the member's March contribution (`sws-hub payments import`); the laptop syncs, records the member's claim offline
(`sws-village claim record`) and syncs it up; the hub passes it to the agency (`sws-hub claims export`) and reads
the agency's answer (`sws-hub claims outcome`); after its next sync the laptop shows the claim paid with the amount
and the day (`sws-village claim list`), and the district's finance report (`sws-hub report finance`) holds the
contribution paid, the next month's arrears and the claim paid."""

import csv
import io
import re
import sqlite3

import pytest

from schemas.local_time import today_in  # the villages' date (WIB), not the machine's (UTC)
from tests.e2e.conftest import ADMIN_PASSWORD
from tests.e2e.test_lists_reach_village import district, matched_hub, village_cli, world  # noqa: F401  (fixtures)
from tests.e2e.test_payments_reach_village import CSRF, TIMEOUT, logged_in
from village_client.store import DB_FILE

pytestmark = pytest.mark.e2e
CARD = "12030045678"
CONTRIBUTIONS = {"ASKESOS": (16800, "self"), "BPJS-PBI": (25500, "state")}  # the catalogue's; the first payer
KINDS = {"ASKESOS": ("work_injury", "bpjs_card,ktp,medical_letter"),
         "BPJS-PBI": ("hospital_bill", "bpjs_card,ktp,referral_letter,hospital_bill")}


def claimable_member(laptop) -> tuple[str, str]:
    """(programme, NIK) of the first person on a list held of a programme that pays on claims."""
    with sqlite3.connect(laptop / DB_FILE) as db:
        for code in KINDS:
            row = db.execute("SELECT nik FROM list_member WHERE programme_code = ? ORDER BY nik", [code]).fetchone()
            if row:
                return code, row[0]
    raise AssertionError("no list of a programme that pays on claims in the village")


def test_a_claim_recorded_offline_is_exported_paid_at_the_hub_and_seen_paid_in_the_village(world, tmp_path):  # noqa: F811
    hub, laptop, village = world
    village_cli(laptop, "sync")
    programme, nik = claimable_member(laptop)
    village_cli(laptop, "apply", "--officer", "siti", programme, nik)
    village_cli(laptop, "sync")
    application_id = re.search(rf"^(\S+)\s+{programme}\s+{nik}\s+applied", hub.cli(
        "applications", "--status", "applied").stdout, re.M)[1]
    hub.cli("decide", application_id, "approved")
    admin = logged_in(hub.url, username="admin", password=ADMIN_PASSWORD)
    token = CSRF.search(admin.get(f"{hub.url}/memberships/", timeout=TIMEOUT).text)[1]
    enrolled = admin.post(f"{hub.url}/memberships/enrol/{application_id}", timeout=TIMEOUT,
                          data={"csrf_token": token, "number": CARD, "start": "2026-03-01"})
    assert enrolled.status_code == 200 and CARD in enrolled.text
    village_cli(laptop, "sync")  # the membership comes down
    owed, payer = CONTRIBUTIONS[programme]
    contributions = tmp_path / "contributions-2026-03.csv"
    contributions.write_text("reference,nik,membership_number,programme,period,paid_on,amount,payer\n"
                             f"BRI/2026/03/0000001,{nik},{CARD},{programme},2026-03,2026-03-05,{owed},{payer}\n",
                             encoding="utf-8")
    assert "1" in hub.cli("payments", "import", "--kind", "contributions", str(contributions)).stdout

    kind, documents = KINDS[programme]
    recorded = village_cli(laptop, "claim", "record", "--officer", "siti", f"nik={nik}", f"programme_code={programme}",
                           f"claim_kind={kind}", "happened_on=2026-03-20", f"documents_present={documents}",
                           "amount_claimed=2500000")
    claim_id = re.search(r"claim (\S+) recorded", recorded)[1]
    assert "Recorded" in village_cli(laptop, "claim", "list")
    village_cli(laptop, "sync")  # the claim goes up

    out = tmp_path / "claims.csv"
    assert "1" in hub.cli("claims", "export", "--programme", programme, "--out", str(out), "--reason",
                          "Klaim bulan ini ke BPJS").stdout
    [row] = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert (row["claim_id"], row["nik"], row["card_number"], row["claim_kind"]) == (claim_id, nik, CARD, kind)
    today = today_in().isoformat()
    answer = tmp_path / "claims-outcome.csv"
    answer.write_text("claim_id,outcome,amount_paid,paid_on,refusal_reason,agency_reference,note\n"
                      f"{claim_id},paid,2400000,{today},,BPJS/2026/0042,\n", encoding="utf-8")
    assert "1 paid" in hub.cli("claims", "outcome", str(answer)).stdout
    assert "0 paid" in hub.cli("claims", "outcome", str(answer)).stdout  # read again: nothing changes

    village_cli(laptop, "sync")
    listed = village_cli(laptop, "claim", "list")
    line = next(text for text in listed.splitlines() if text.startswith(claim_id))
    assert "Paid" in line and "Rp2.400.000" in line and today_in().strftime("%d-%m-%Y") in line

    # The district's finance report: March's contribution paid, April's in arrears, and the claim paid.
    def figures(month: str, section: str) -> dict:
        out = tmp_path / f"finance-{month}.csv"
        hub.cli("report", "finance", "--area", village[:5], "--month", month, "--format", "csv", "--output", str(out))
        return {(line["row"], line["measure"]): line["value"] for line in csv.DictReader(io.StringIO(
            out.read_text(encoding="utf-8"))) if line["section"] == section}
    march, april = figures("2026-03", "contributions"), figures("2026-04", "contributions")
    row = f"{programme}/{payer}"
    assert (march[(row, "contribution_paid")], march[(row, "arrears")]) == (str(owed), "0")
    assert (april[(row, "contribution_paid")], april[(row, "arrears")], april[(row, "members_in_arrears")]) == (
        "0", str(owed), "1")
    claims = figures(today[:7], "claims")
    assert (claims[(programme, "claims_paid")], claims[(programme, "paid_amount")]) == ("1", "2400000")
