"""A complaint followed on two village laptops and the real hub, each a process on 127.0.0.1.

One laptop escalates a complaint while the other, not having heard of it, answers and closes it at the
village. After both sync, both laptops hold the same events and show the same state and the same flag:
the complaint is at the sub-district, and the village's closing is kept but not applied.
"""

import re

import pytest

from tests.e2e.test_village_with_hub import hub, laptop, query, run  # noqa: F401 (hub is a fixture)

pytestmark = pytest.mark.e2e


def test_two_laptops_acting_on_one_complaint_end_with_the_same_state(tmp_path, hub):  # noqa: F811
    siti, rina = laptop(tmp_path, "sukamaju", "siti", hub), laptop(tmp_path, "kantor-desa", "rina", hub)
    added = run(["village_client", "complaint", "add", "--officer", "siti", "category=payment_delay",
                 "programme_code=PKH", "complainant_name=Ani Lestari", "description=PKH belum cair",
                 "desired_action=Dana dicairkan", "village_code=35.07.01.2001"], siti)
    complaint, reference = re.search(r"complaint (\S+) recorded: (ADU/35\.07\.01\.2001/[A-Z2-7]{10}/0001)",
                                     added).groups()
    run(["village_client", "sync"], siti)
    run(["village_client", "sync"], rina)
    assert query(rina, "SELECT reference_number FROM complaint") == [(reference,)]

    # Offline from each other: siti sends it up, rina answers and closes it at the village.
    run(["village_client", "complaint", "event", "--officer", "siti", complaint, "escalation",
         "escalation_level=sub_district", "text=Perlu verifikasi DTSEN"], siti)
    run(["village_client", "complaint", "event", "--officer", "rina", complaint, "response",
         "text=Sudah dijelaskan"], rina)
    refused = run(["village_client", "complaint", "event", "--officer", "rina", complaint, "escalation",
                   "escalation_level=district"], rina, ok=False)
    assert "[escalation_skip]" in refused
    run(["village_client", "complaint", "event", "--officer", "rina", complaint, "status_change",
         "status=closed"], rina)
    for env in (siti, rina, siti):
        run(["village_client", "sync"], env)

    shown = [run(["village_client", "complaint", "show", "--officer", officer, complaint], env)
             for officer, env in (("siti", siti), ("rina", rina))]
    assert shown[0] == shown[1]
    assert "Status: In progress" in shown[0] and "Escalation level: Sub-district" in shown[0]
    assert "[response_needed]" in shown[0] and "Response: Sudah dijelaskan" in shown[0]
    assert query(siti, "SELECT COUNT(*) FROM complaint_event") == query(rina, "SELECT COUNT(*) FROM complaint_event")
