"""The complaints desk's pages through the app (SQLite and PostgreSQL): queues, a refused action keeps
what was typed, an accepted one is recorded, the case file as JSON and as a page, scope by role."""

import json

from tests.integration.test_complaint_desk import desk, escalate, file_complaint  # noqa: F401 (desk is a fixture)


def test_a_wrong_transition_is_refused_keeping_the_input_then_a_response_is_recorded(client, hub_users,
                                                                                      desk):  # noqa: F811
    complaint_id = file_complaint(desk, complainant_name="Ani Lestari")
    escalate(desk, complaint_id)
    hub_users.login(client)
    client.post("/language", data={"lang": "en", "next": "/desk/", "csrf_token": hub_users.csrf(client)})
    queue = client.get("/desk/queue/sub_district").get_data(as_text=True)
    assert "Ani Lestari" in queue and "Tulungrejo" in queue
    assert "Service standard at the Sub-district level: 7 days" in queue

    refused = hub_users.post(client, f"/desk/complaint/{complaint_id}/close", text="Ditutup tanpa jawaban")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and 'data-rule="response_needed"' in page
    assert "Ditutup tanpa jawaban</textarea>" in page

    done = hub_users.post(client, f"/desk/complaint/{complaint_id}/respond", text="Sudah diverifikasi.")
    assert done.status_code == 302
    page = client.get(f"/desk/complaint/{complaint_id}").get_data(as_text=True)
    assert "Sudah diverifikasi." in page and "Action recorded" in page and "Resolved" in page

    exported = client.get(f"/desk/complaint/{complaint_id}/case-file.json")
    found = json.loads(exported.get_data(as_text=True))
    assert found["format"] == "sws-complaint-case-file" and found["state"]["status"] == "resolved"
    assert "attachment" in exported.headers["Content-Disposition"]
    assert "Case file (print)" in client.get(f"/desk/complaint/{complaint_id}/case-file").get_data(as_text=True)
    assert "No complaints." in client.get("/desk/flagged").get_data(as_text=True)


def test_a_technical_unit_sees_the_desk_only_and_its_programmes_complaints(client, hub_users, desk):  # noqa: F811
    pkh = file_complaint(desk, programme_code="PKH", escalation_level="skpd", date_transmitted="2026-03-01")
    other = file_complaint(desk, programme_code="BSM", escalation_level="skpd", date_transmitted="2026-03-01")
    hub_users.login(client, "dinsos", "kata-sandi-uji-1")
    home = client.get("/").get_data(as_text=True)  # the dashboard: its complaints overdue, no laptops
    assert 'data-waiting="complaints_overdue"' in home and 'id="dash-sync"' not in home
    queue = client.get("/desk/queue/skpd").get_data(as_text=True)
    assert pkh in queue and other not in queue and "Meja pengaduan" in queue and "Perangkat" not in queue
    assert client.get(f"/desk/complaint/{other}").status_code == 404
    assert client.get("/admin/devices").status_code == 403


def test_the_case_file_as_a_pdf_reads_back_with_the_form_state_and_history(client, hub_users, desk):  # noqa: F811
    import io

    from pypdf import PdfReader

    complaint_id = file_complaint(desk, complainant_name="Ani Lestari", description="PKH tahap satu belum cair.")
    escalate(desk, complaint_id)
    hub_users.login(client)
    hub_users.post(client, f"/desk/complaint/{complaint_id}/respond", text="Sudah diverifikasi Dinas Sosial.")
    answer = client.get(f"/desk/complaint/{complaint_id}/case-file.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert answer.headers["Content-Disposition"].endswith('.pdf"') and "ADU-" in answer.headers["Content-Disposition"]
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(answer.data)).pages)
    assert "Berkas pengaduan" in text and "Ani Lestari" in text and "PKH tahap satu belum cair." in text
    assert "Sudah diverifikasi Dinas Sosial." in text and "Selesai" in text and "Kecamatan" in text
    assert "Cetak dengan menu" not in text  # the page's print hint is not part of the file
