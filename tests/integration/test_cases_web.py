"""The cases pages through the app (SQLite and PostgreSQL): the list pages, filters and withholds crisis cases; a case
file shows its state and timeline in the reader's language, and opening it is in the audit log."""

from hub_server.services import directory
from tests.integration.test_hub_cases import NOTE, append, event, hub, open_case  # noqa: F401 (hub is a fixture)


def test_a_case_worker_lists_and_opens_a_returnee_case_in_both_languages(client, hub_users, hub):  # noqa: F811
    with hub["database"].uow() as uow:
        directory.load_file(uow, actor="cli:test")
    case_id = open_case(hub, subject_name="Sri Wahyuni")
    open_case(hub, kind="crisis", subject_name="Rahasia Sekali")
    _, ids = append(hub, case_id, event(case_id, 1, "plan_action", service_code="BLK-KEPANJEN",
                                        action="Pelatihan tata boga", responsible="Dewi Lestari",
                                        due_date="2026-05-30"),
                    event(case_id, 2, "referral", service_code="BPJSTK-KEPANJEN"),
                    event(case_id, 3, "session", session_kind="counselling", session_outcome="improved", text=NOTE))
    append(hub, case_id, event(case_id, 4, "referral_answer", referral_id=ids[1], referral_answer="accepted"))
    hub_users.login(client, "budi", "kata-sandi-uji-1")
    home = client.get("/")
    assert home.status_code == 200 and 'href="/cases/"' in home.get_data(as_text=True)
    listed = client.get("/cases/").get_data(as_text=True)
    assert "Sri Wahyuni" in listed and "Rahasia Sekali" not in listed and 'id="cases-withheld"' in listed
    assert "Pekerja migran purna" in listed and "35.07.01.2001" in listed
    assert "Sri Wahyuni" in client.get("/cases/?status=active&kind=returnee").get_data(as_text=True)
    assert "Sri Wahyuni" not in client.get("/cases/?status=closed").get_data(as_text=True)
    assert "Sri Wahyuni" not in client.get("/cases/?q=3507019999999999").get_data(as_text=True)
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Balai Latihan Kerja Disnaker Kabupaten Malang" in page and "30-05-2026" in page
    assert "Diterima" in page and NOTE not in page and 'id="case-notes-withheld"' in page and "None" not in page
    assert "(dewi.pendamping)" not in page  # an officer no laptop named yet shows once, by user name
    client.post("/language", data={"lang": "en", "next": "/cases/", "csrf_token": hub_users.csrf(client)})
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Returnee migrant worker" in page and "Accepted" in page and "Active" in page
    hub_users.login(client, "kabupaten", "kata-sandi-uji-1")
    assert NOTE in client.get(f"/cases/{case_id}").get_data(as_text=True)
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert audit.count("case file read") + audit.count("berkas kasus dibuka") >= 3


def test_who_has_no_case_role_is_refused_the_cases_pages(client, hub_users, hub):  # noqa: F811
    case_id = open_case(hub)
    hub_users.login(client, "ppa", "kata-sandi-uji-1")
    assert client.get("/cases/").status_code == 403 and client.get(f"/cases/{case_id}").status_code == 403
