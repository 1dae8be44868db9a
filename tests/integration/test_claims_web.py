"""The claims pages through the app (SQLite and PostgreSQL): the list pages, sorts and filters with names beside
codes and dates dd-mm-yyyy; a claim recorded at the hub, a refused form keeping what was typed with the reason beside
the field; the claim page's steps and the agency's answer, a refused answer changing nothing."""


from sqlalchemy import func, select

from hub_server.models import Record
from schemas.local_time import today_in  # the villages' date (WIB), not the machine's (UTC)
from tests.integration.test_hub_claims import NIK, OTHER_NIK, export, hub, laptop_claim, row  # noqa: F401


def test_the_claims_list_pages_sorts_and_filters_in_both_languages(client, hub_users, hub):  # noqa: F811
    first = laptop_claim(hub, name="Siti Aminah")
    laptop_claim(hub, programme_code="BPJS-PBI", claim_kind="hospital_bill", documents_present=["ktp"],
                 name="Bambang Sutrisno", nik=OTHER_NIK, card_number="0001112223334")
    hub_users.login(client, "kabupaten", "kata-sandi-uji-1")
    assert 'href="/claims/"' in client.get("/").get_data(as_text=True)
    page = client.get("/claims/").get_data(as_text=True)
    assert "Siti Aminah" in page and "Bambang Sutrisno" in page and "Tulungrejo" in page and "35.07.01.2001" in page
    assert "Kecelakaan kerja (JKK)" in page and "01-03-2026" in page and "Asuransi Kesejahteraan Sosial" in page
    only = client.get("/claims/?programme=ASKESOS&status=recorded").get_data(as_text=True)
    assert "Siti Aminah" in only and "Bambang Sutrisno" not in only
    assert "Siti Aminah" not in client.get("/claims/?status=paid").get_data(as_text=True)
    assert "Bambang" in client.get("/claims/?q=bambang").get_data(as_text=True)
    by_name = client.get("/claims/?sort=name&desc=0").get_data(as_text=True)
    assert by_name.index("Bambang Sutrisno") < by_name.index("Siti Aminah")
    client.post("/language", data={"lang": "en", "next": "/claims/", "csrf_token": hub_users.csrf(client)})
    page = client.get(f"/claims/{first}").get_data(as_text=True)
    assert "Work injury (JKK)" in page and "Work accident report (stage I)" in page and "Recorded" in page
    assert "sws-hub claims export --programme ASKESOS" in page and "member since 01-01-2026" in page


def test_a_viewer_reads_claims_but_records_none(client, hub_users, hub):  # noqa: F811
    claim_id = laptop_claim(hub)
    hub_users.login(client, "lihat", "kata-sandi-uji-1")
    assert client.get("/claims/").status_code == 200 and 'id="claims-new"' not in client.get("/claims/").text
    assert client.get("/claims/new").status_code == 403
    assert hub_users.post(client, f"/claims/{claim_id}/answer", kind="note", text="x").status_code == 403


def test_a_claim_recorded_at_the_hub_keeps_what_was_typed_when_refused(client, hub_users, hub):  # noqa: F811
    hub_users.login(client, "kabupaten", "kata-sandi-uji-1")
    client.post("/language", data={"lang": "en", "next": "/claims/new", "csrf_token": hub_users.csrf(client)})
    form = client.get("/claims/new").get_data(as_text=True)
    assert 'name="documents_present" value="death_certificate"' in form and "Letter naming the heirs" in form
    with hub["database"].uow() as uow:
        before = uow.session.execute(select(func.count()).select_from(Record)).scalar()
    refused = client.post("/claims/new", data={
        "csrf_token": hub_users.csrf(client), "nik": OTHER_NIK, "programme_code": "ASKESOS", "claim_kind": "death",
        "happened_on": "2026-03-02", "amount_claimed": "5.000.000", "documents_present": ["ktp", "kia_book"],
        "notes": "Meninggal di sawah"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert 'data-field="programme_code"' in page and "is not a member of ASKESOS" in page
    assert 'value="5.000.000"' in page and "Meninggal di sawah" in page
    assert 'value="ktp" checked' in page and 'value="kia_book" checked' in page
    with hub["database"].uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(Record)).scalar() == before
    saved = client.post("/claims/new", data={
        "csrf_token": hub_users.csrf(client), "nik": NIK, "programme_code": "ASKESOS", "claim_kind": "death",
        "happened_on": "2026-03-02", "documents_present": ["ktp", "death_certificate"]})
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Siti Aminah" in page and "12030045678" in page and "Letter naming the heirs" in page


def test_the_agencys_answer_on_the_claim_page_and_a_refused_one_says_why(client, hub_users, hub, tmp_path):  # noqa: F811
    claim_id = laptop_claim(hub)
    export(hub["database"], tmp_path)
    hub_users.login(client, "kabupaten", "kata-sandi-uji-1")
    client.post("/language", data={"lang": "en", "next": "/claims/", "csrf_token": hub_users.csrf(client)})
    refused = hub_users.post(client, f"/claims/{claim_id}/answer", kind="paid", amount_paid="1.850.000", paid_on="")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and 'data-field="paid_on"' in page and 'value="1.850.000"' in page
    assert row(hub["database"], claim_id).status == "passed_to_agency"
    today = today_in()
    paid = hub_users.post(client, f"/claims/{claim_id}/answer", kind="paid", amount_paid="1.850.000",
                          paid_on=today.isoformat(), agency_reference="JKK/3507/2026/0042")
    assert paid.status_code == 302
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "Rp1,850,000" in page or "Rp1.850.000" in page
    assert today.strftime("%d-%m-%Y") in page and "JKK/3507/2026/0042" in page and "None" not in page
    listed = client.get("/claims/?status=paid").get_data(as_text=True)
    assert "Siti Aminah" in listed
