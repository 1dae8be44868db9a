"""`make demo` runs end to end: a hub, a relay and three village laptops as processes, its day, and the lists."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_the_demo_day_runs_with_a_conflict_and_lists_reaching_a_village(tmp_path):
    demo = Path(sys.executable).parent / "sws-demo"
    result = subprocess.run([str(demo), "--data-dir", str(tmp_path / "demo"), "--people", "3000", "--no-wait"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "[id_serial_zero]" in out and "[date_future]" in out  # the two wrong rows, named by field and rule
    assert "through the sub-district relay" in out and "reads the hub's answer from the stick" in out
    # The laptop that travels with a stick is encrypted at rest, and its stick round trip worked all the same.
    assert "desa-c's data is encrypted at rest" in out
    assert not (tmp_path / "demo" / "desa-c" / "village.db").read_bytes().startswith(b"SQLite format 3")
    assert "Changed differently on two devices" in out and "4 device(s)" in out
    # The district imported and matched; lists reached the village; an application went up and its approval came back.
    lists_part = out.split("the pre-identified lists it received")[1]
    assert "version 1" in lists_part.split("\n- ")[0]
    assert "reason: " in out and "[text_too_short]" in out  # the meeting's correction, refused naming the field
    final = out.split("list now")[1].split("\n- ")[0]
    assert "version 2" in final and " approved" in final
    # A caller the population does not hold complains to the call centre, settled at once; the village receives it.
    village_sees = out.split(" as the village sees it\n")[1].split("\n- ")[0]
    assert "settles the complaint on the phone" in out and "Tahap dua dibayar" in village_sees
    assert "Sulastri" in village_sees
    # A village complaint sent up to the sub-district, answered at the hub's desk; the answer reaches the village.
    answered = out.split("the complaint as the village sees it now")[1].split("\n- ")[0]
    assert "reaches the hub's desk" in out and "Sudah dicek" in answered
    # One case of each kind, opened offline by the case worker (a desk referral by the secretary), reaches the hub.
    cases = out.split("the case worker opens one case of each kind")[1].split("\n- ")[0]
    assert "7 cases" in cases and "Korban TPPO" in cases and "Darto" in cases
    assert "the cases reach the hub's cases page" in out
    # Memberships, a month's contribution and a claim: the claim paid reaches the village, the finance report has it.
    claims = out.split("desa-a: its claims")[1].split("\n- ")[0]
    assert " Paid " in claims and "Rp2.400.000" in claims
    finance = out.split("The district's finance report for")[1].split("\n- ")[0]
    assert "claims paid 1 (Rp2,400,000)" in finance and "contributions due Rp" in finance
    # Each step names people, villages and complaints by name or reference number, never by a record's UUID.
    steps = [line for line in out.splitlines() if line.startswith("- ")]
    assert not [line for line in steps if UUID.search(line)]
