"""The local web UI on a real data folder: login, CSRF, forms that explain errors and keep what was typed."""

import re

import pytest

from schemas.local_time import today_in  # the villages' date (WIB), not the machine's (UTC)
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.store import open_store
from village_client.web import create_app

PAGES = ("/", "/households", "/households/new", "/complaints/", "/complaints/new", "/programmes", "/lists",
         "/applications", "/taskforce/", "/taskforce/outreach", "/pin", "/sync/")


@pytest.fixture
def data_dir(tmp_path):
    data_dir = tmp_path / "laptop"
    initialise(data_dir, "Desa Sukamaju")
    with open_store(data_dir) as store:
        add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
        store.update_device(scope=["35.07.01.2001"])
    return data_dir


@pytest.fixture
def client(data_dir):
    return create_app(data_dir).test_client()


def csrf(client) -> str:
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


@pytest.fixture
def logged_in(client):
    token = csrf(client)
    assert client.post("/login", data={"csrf_token": token, "username": "siti", "pin": "123456"}).status_code == 302
    client.token = token
    return client


def field_errors(html: str) -> dict:
    return dict(re.findall(r'<small class="error" id="([^"]+)-error">([^<]+)</small>', html))


def counts(data_dir) -> tuple:
    with open_store(data_dir) as store:
        return store.db["person"].count, store.db["outbox"].count


def test_every_page_needs_a_login(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.location


def test_a_wrong_pin_is_refused_in_the_officers_language(client):
    token = csrf(client)
    client.get("/login?lang=en")
    page = client.post("/login", data={"csrf_token": token, "username": "siti", "pin": "999999"}).get_data(True)
    assert "Wrong user name or PIN." in page


def test_wrong_pins_in_a_row_lock_the_officer_longer_each_time(client, data_dir):
    import datetime as dt

    from village_client.officers import LoginFailed, LoginLocked, authenticate

    token = csrf(client)
    answers = [client.post("/login", data={"csrf_token": token, "username": "siti", "pin": "999999"})
               .get_data(True) for _ in range(4)]
    assert all("PIN salah" in page for page in answers)
    assert "coba lagi setelah" in answers[-1]  # the third wrong PIN locked her for 30 seconds
    right = client.post("/login", data={"csrf_token": token, "username": "siti", "pin": "123456"})
    assert right.status_code == 200 and "coba lagi setelah" in right.get_data(True)  # even the right PIN waits
    with open_store(data_dir) as store:
        later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=31)  # the lock is over; one more wrong PIN...
        with pytest.raises(LoginFailed):
            authenticate(store, "siti", "000000", now=later)
        with pytest.raises(LoginLocked) as caught:  # ...doubles it: 60 seconds
            authenticate(store, "siti", "123456", now=later + dt.timedelta(seconds=31))
        assert 25 < caught.value.fields()["seconds"] <= 30
        officer = authenticate(store, "siti", "123456", now=later + dt.timedelta(seconds=61))
        assert officer.username == "siti" and store.db["officer"].get("siti")["failed_pins"] == 0


def test_the_ui_answers_only_its_own_host_and_forbids_framing(client):
    foreign = client.get("/login", headers={"Host": "sws.evil.example"})
    assert foreign.status_code == 400 and "bukan alamat laptop ini" in foreign.get_data(True)
    own = client.get("/login", headers={"Host": "127.0.0.1:8780"})
    assert own.status_code == 200 and own.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'none'" in own.headers["Content-Security-Policy"]


def test_a_post_without_the_csrf_token_is_refused(logged_in, data_dir):
    response = logged_in.post("/households/new", data={"kk_number": "3507010101010001"})
    assert response.status_code == 400 and counts(data_dir) == (0, 0)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_is_complete_in_both_languages(logged_in, lang):
    for path in PAGES:
        html = logged_in.get(f"{path}?lang={lang}").get_data(as_text=True)
        assert not re.search(r">\s*[a-z_]+\.[a-z_.]+\s*<", html), f"a label key shows on {path}"
    assert ("Sinkronkan sekarang" if lang == "id" else "Sync now") in html


def test_registration_errors_are_shown_next_to_their_fields_and_keep_what_was_typed(logged_in, data_dir):
    response = logged_in.post("/households/new?lang=en", data={
        "csrf_token": logged_in.token, "kk_number": "35070101", "village_code": "35.07.01.2001",
        "member_count": "2", "members.0.name": "Budi Santoso", "members.0.birth_date": "1980-01-02",
        "members.0.sex": "M", "members.0.nik": "3507010201800001",
        "members.1.name": "Ani", "members.1.birth_date": "2999-01-01", "members.1.sex": "F",
        "members.1.nik_status": "unregistered"})
    html = response.get_data(as_text=True)
    errors = field_errors(html)
    assert response.status_code == 422
    assert set(errors) == {"kk_number", "members.1.birth_date"}
    assert "16 digits" in errors["kk_number"] and "after today" in errors["members.1.birth_date"]
    assert 'value="Budi Santoso"' in html and 'value="35070101"' in html
    assert counts(data_dir) == (0, 0)


def test_a_household_is_registered_and_a_member_edited(logged_in, data_dir):
    response = logged_in.post("/households/new", data={
        "csrf_token": logged_in.token, "kk_number": "3507010101010001", "village_code": "35.07.01.2001",
        "member_count": "2", "members.0.name": "Budi Santoso", "members.0.birth_date": "1980-01-02",
        "members.0.sex": "M", "members.0.nik": "3507010201800001", "members.0.relationship": "head"})
    assert response.status_code == 302
    household = logged_in.get(response.location).get_data(as_text=True)
    assert "Tulungrejo (35.07.01.2001)" in household  # the village by its name, the code beside it
    person_id = re.search(r"/people/([^/]+)/edit", household).group(1)
    form = logged_in.get(f"/people/{person_id}/edit").get_data(as_text=True)
    seen = dict(re.findall(r'name="(seen\.[a-z_]+)" value="([^"]*)"', form))
    values = {name[5:]: value for name, value in seen.items()}
    response = logged_in.post(f"/people/{person_id}/edit", data={
        "csrf_token": logged_in.token, **seen, **values, "occupation": "farmer", "pregnant": "yes"})
    assert response.status_code == 422
    assert "pregnant" in field_errors(response.get_data(as_text=True))
    response = logged_in.post(f"/people/{person_id}/edit", data={
        "csrf_token": logged_in.token, **seen, **values, "occupation": "farmer"})
    assert response.status_code == 302 and counts(data_dir) == (1, 2)


def test_a_complaint_is_recorded_and_followed(logged_in, data_dir):
    response = logged_in.post("/complaints/new", data={
        "csrf_token": logged_in.token, "category": "payment_delay", "description": "PKH belum cair",
        "complainant_name": "Ani Lestari", "village_code": "35.07.01.2001", "acknowledged": "yes"})
    assert response.status_code == 422 and "response" in field_errors(response.get_data(as_text=True))
    response = logged_in.post("/complaints/new", data={
        "csrf_token": logged_in.token, "category": "payment_delay", "description": "PKH belum cair",
        "complainant_name": "Ani Lestari", "complainant_nik": "3507015505900001", "village_code": "35.07.01.2001",
        "desired_action": "Dana segera dicairkan"})
    assert response.status_code == 302
    page = logged_in.post(response.location, data={"csrf_token": logged_in.token, "kind": "escalation",
                                                   "escalation_level": "sub_district", "text": "ke kecamatan"},
                          follow_redirects=True).get_data(as_text=True)
    # The state is the history's: the record no longer reads "new / village" after an escalation.
    assert "ke kecamatan" in page and _fact(page, "complaint-status") == "Diproses"
    assert _fact(page, "complaint-level") == "Kecamatan"
    listing = logged_in.get("/complaints/").get_data(as_text=True)
    assert re.search(r'class="complaint-status">Diproses', listing) and 'class="complaint-level">Kecamatan' in listing


def test_a_complaint_past_its_levels_standard_shows_overdue(logged_in, data_dir):
    import datetime as dt

    submitted = today_in() - dt.timedelta(days=10)  # the village's standard is 7 days
    location = logged_in.post("/complaints/new", data={
        "csrf_token": logged_in.token, "category": "payment_delay", "description": "PKH belum cair",
        "complainant_name": "Ani Lestari", "village_code": "35.07.01.2001",
        "date_submitted": submitted.isoformat()}).location
    page = logged_in.get(location).get_data(as_text=True)
    due = (submitted + dt.timedelta(days=7)).strftime("%d-%m-%Y")
    assert _fact(page, "complaint-age") == "10 hari" and due in page and "Lewat tempo 3 hari" in page
    assert "Lewat tempo 3 hari" in logged_in.get("/complaints/").get_data(as_text=True)


def _fact(page: str, element_id: str) -> str:
    return re.search(rf'<dd id="{element_id}">([^<]*)</dd>', page)[1]


def test_a_wrong_transition_is_refused_naming_its_rule_and_changes_nothing(logged_in, data_dir):
    location = logged_in.post("/complaints/new", data={
        "csrf_token": logged_in.token, "category": "unclear_programme", "description": "Syarat PKH tidak jelas",
        "anonymous": "yes", "village_code": "35.07.01.2001"}).location
    before = counts(data_dir)
    closing = logged_in.post(location, data={"csrf_token": logged_in.token, "kind": "status_change",
                                             "status": "closed"})
    assert closing.status_code == 422 and counts(data_dir) == before
    assert "memerlukan tanggapan di tingkat Desa/kelurahan" in closing.get_data(as_text=True)
    skipping = logged_in.post(location + "?lang=en", data={"csrf_token": logged_in.token, "kind": "escalation",
                                                           "escalation_level": "district"})
    assert "goes up one level at a time" in skipping.get_data(as_text=True) and counts(data_dir) == before
    for kind, fields in (("response", {"text": "Syarat dijelaskan"}), ("acknowledgement", {}),
                         ("status_change", {"status": "closed"})):
        assert logged_in.post(location, data={"csrf_token": logged_in.token, "kind": kind, **fields}).status_code == 302
    page = logged_in.get(location).get_data(as_text=True)
    assert _fact(page, "complaint-status") == "Closed" and 'id="action-response"' not in page


def test_the_receipt_carries_the_reference_in_the_officers_language(logged_in, data_dir):
    location = logged_in.post("/complaints/new", data={
        "csrf_token": logged_in.token, "category": "payment_delay", "description": "PKH belum cair",
        "complainant_name": "Ani Lestari", "village_code": "35.07.01.2001", "date_submitted": "2026-11-02"}).location
    with open_store(data_dir) as store:
        [row] = store.db.query("SELECT reference_number FROM complaint")
        device_id = store.device()["device_id"]
    assert row["reference_number"] == f"ADU/35.07.01.2001/{device_id.upper()}/0001"
    receipt = logged_in.get(location + "/receipt?lang=id").get_data(as_text=True)
    assert "Tanda Terima Pengaduan" in receipt and row["reference_number"] in receipt and "02-11-2026" in receipt
    assert "Tulungrejo" in receipt and "@media print" not in receipt
    assert '<p class="letterhead-government">Pemerintah Kabupaten Malang</p>' in receipt  # the scope's district
    assert "Complaint Receipt" in logged_in.get(location + "/receipt?lang=en").get_data(as_text=True)


def test_sync_now_without_enrollment_explains_what_to_do(logged_in):
    page = logged_in.post("/sync/now", data={"csrf_token": logged_in.token},
                          follow_redirects=True).get_data(as_text=True)
    assert "belum didaftarkan" in page and "[not_enrolled]" in page


def test_times_read_in_the_villages_zone_and_dates_as_dd_mm_yyyy(logged_in, data_dir):
    registered = logged_in.post("/households/new", data={
        "csrf_token": logged_in.token, "kk_number": "3507010101010001", "village_code": "35.07.01.2001",
        "member_count": "1", "members.0.name": "Budi Santoso", "members.0.birth_date": "1980-01-02",
        "members.0.sex": "M", "members.0.nik": "3507010201800001", "members.0.relationship": "head"})
    with open_store(data_dir) as store:
        store.update_device(last_success_at="2026-11-23T08:30:00Z")
        saved = store.db.execute("SELECT created_at FROM outbox").fetchone()[0]
    household = logged_in.get(registered.location).get_data(as_text=True)
    assert "02-01-1980" in household and "1980-01-02" not in household
    page = logged_in.get("/sync/").get_data(as_text=True)
    assert "23-11-2026 15:30 WIB" in page and saved not in page
    assert re.search(r"<td>\d\d-\d\d-\d{4} \d\d:\d\d WIB</td>", page)  # the change-set waiting to go
    with open_store(data_dir) as store:
        store.update_device(scope=["81.71.01.1001"])  # a village of Ambon, Maluku
    assert "23-11-2026 17:30 WIT" in logged_in.get("/sync/").get_data(as_text=True)
    assert "23-11-2026 17:30 WIT" in logged_in.get("/").get_data(as_text=True)


def register_family(client) -> str:
    response = client.post("/households/new", data={
        "csrf_token": client.token, "kk_number": "3507010101010001", "village_code": "35.07.01.2001",
        "member_count": "2", "members.0.name": "Budi Santoso", "members.0.birth_date": "1980-01-02",
        "members.0.sex": "M", "members.0.nik": "3507010201800001", "members.0.relationship": "head",
        "members.1.name": "Sri Wahyuni", "members.1.birth_date": "1984-03-05", "members.1.sex": "F",
        "members.1.nik": "3507014503840001", "members.1.relationship": "spouse"})
    assert response.status_code == 302
    return response.location.rsplit("/", 1)[1]


def outbox_ops(data_dir) -> list:
    import json
    with open_store(data_dir) as store:
        return [op for row in store.db.query("SELECT body FROM outbox ORDER BY seq")
                for op in json.loads(row["body"])["ops"]]


def test_a_move_form_refuses_what_cannot_be_a_move_beside_the_field_and_keeps_what_was_typed(logged_in, data_dir):
    household = register_family(logged_in)
    response = logged_in.post(f"/households/{household}/move", data={
        "csrf_token": logged_in.token, "migration_date": "2026-01-05", "village_code": "35.08.01.2001"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "migration_date" not in field_errors(html)
    assert "members" in field_errors(html) and 'value="05-01-2026"' in html
    response = logged_in.post(f"/households/{household}/move", data={
        "csrf_token": logged_in.token, "migration_date": "", "moved_to": "Kota Surabaya",
        "village_code": "35.07.01.2002", "members": re.findall(r'name="members" value="([^"]+)"', html)})
    errors = field_errors(response.get_data(as_text=True))
    assert response.status_code == 422 and {"village_code", "migration_date"} <= set(errors)
    assert counts(data_dir) == (2, 1)  # nothing saved


def test_a_household_that_moves_to_another_village_goes_there_and_is_read_only_here(logged_in, data_dir):
    household = register_family(logged_in)
    page = logged_in.get(f"/households/{household}/move").get_data(as_text=True)
    members = re.findall(r'name="members" value="([^"]+)"', page)
    assert len(members) == 2 and 'value="35.07.01.2002"' in page  # the district's other villages, by name
    response = logged_in.post(f"/households/{household}/move", data={
        "csrf_token": logged_in.token, "migration_date": "2026-01-05", "village_code": "35.07.01.2002",
        "members": members})
    assert response.status_code == 302
    moved = outbox_ops(data_dir)[-3:]
    assert [(op["t"], op["f"]["village_code"]) for op in moved] == [("household", "35.07.01.2002"),
                                                                   ("person", "35.07.01.2002"),
                                                                   ("person", "35.07.01.2002")]
    page = logged_in.get(f"/households/{household}").get_data(as_text=True)
    assert 'data-moved-to="35.07.01.2002"' in page and "/edit" not in page
    refused = logged_in.post(f"/people/{members[0]}/edit", data={"csrf_token": logged_in.token,
                                                                 "phone": "081234567890"})
    assert refused.status_code == 422 and "village_code" in field_errors(refused.get_data(as_text=True))


def test_a_member_who_moves_out_of_the_district_stays_archived_with_where_they_went(logged_in, data_dir):
    household = register_family(logged_in)
    page = logged_in.get(f"/households/{household}/move").get_data(as_text=True)
    spouse = re.findall(r'name="members" value="([^"]+)"', page)[1]
    response = logged_in.post(f"/households/{household}/move", data={
        "csrf_token": logged_in.token, "migration_date": "2026-02-01", "moved_to": "Hong Kong",
        "members": [spouse]})
    assert response.status_code == 302
    (op,) = outbox_ops(data_dir)[-1:]
    assert op["f"] == {"migration": "out", "migration_date": "2026-02-01", "moved_to": "Hong Kong"}
    page = logged_in.get(f"/households/{household}").get_data(as_text=True)
    assert "Hong Kong" in page and "/move" in page  # the rest of the family stays, editable


@pytest.mark.parametrize(("lang", "words"), [("id", ("dicabut", "tidak cocok", "hari tanpa sinkronisasi")),
                                              ("en", ("revoked", "part ways", "No sync for"))])
def test_a_laptop_in_trouble_says_so_on_every_page_and_what_to_do(logged_in, data_dir, lang, words):
    import datetime as dt
    with open_store(data_dir) as store:  # enrolled, last synced ten days ago
        store.update_device(hub_public_key="AAAA", hub_url="http://127.0.0.1:9",
                            last_success_at=(dt.datetime.now(dt.UTC) - dt.timedelta(days=10)).isoformat())
    logged_in.get(f"/?lang={lang}")
    for path in PAGES:
        page = logged_in.get(path).get_data(as_text=True)
        assert 'data-trouble="stale"' in page and words[2] in page and "10" in page, path
    with open_store(data_dir) as store:
        store.update_device(last_error_code="fork", last_error="fork",
                            last_success_at=dt.datetime.now(dt.UTC).isoformat())
    page = logged_in.get("/households").get_data(as_text=True)
    assert 'data-trouble="fork"' in page and words[1] in page and 'data-trouble="stale"' not in page
    with open_store(data_dir) as store, store.transaction() as db:
        db["revocation"].insert({"device_id": store.device()["device_id"], "reason": "laptop hilang", "at": 0})
    page = logged_in.get("/sync/").get_data(as_text=True)
    assert 'data-trouble="revoked"' in page and words[0] in page and "laptop hilang" in page


def test_a_laptop_in_good_health_shows_no_banner(logged_in, data_dir):
    import datetime as dt
    with open_store(data_dir) as store:
        store.update_device(hub_public_key="AAAA", last_success_at=dt.datetime.now(dt.UTC).isoformat())
    assert "data-trouble" not in logged_in.get("/").get_data(as_text=True)


def test_a_midwife_records_a_pregnancy_and_visits_and_is_kept_out_of_complaints(client, data_dir, logged_in):
    household = register_family(logged_in)
    with open_store(data_dir) as store:
        add_officer(store, "bidan.rina", "Rina Wati", "midwife", "654321")
        wife = store.scalar("SELECT id FROM person WHERE nik = '3507014503840001'")
    midwife = create_app(data_dir).test_client()
    token = csrf(midwife)
    assert midwife.post("/login", data={"csrf_token": token, "username": "bidan.rina", "pin": "654321"}
                        ).status_code == 302
    assert midwife.get("/complaints/").status_code == 403
    assert "/complaints/" not in midwife.get("/").get_data(as_text=True)
    form = midwife.get(f"/people/{wife}/edit").get_data(as_text=True)
    seen = dict(re.findall(r'name="(seen\.[a-z_]+)" value="([^"]*)"', form))
    values = {name[5:]: value for name, value in seen.items()}
    refused = midwife.post(f"/people/{wife}/edit", data={"csrf_token": token, **seen, **values,
                                                         "phone": "081234567890"})
    assert refused.status_code == 422 and "phone" in field_errors(refused.get_data(as_text=True))
    saved = midwife.post(f"/people/{wife}/edit", data={"csrf_token": token, **seen, **values, "pregnant": "yes",
                                                       "expected_delivery_date": "2026-09-01"})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    too_thin = midwife.post(f"/people/{wife}/visits", data={"csrf_token": token, "visit_date": "2026-03-10",
                                                            "pregnancy_week": "20", "muac_mm": "50"})
    assert too_thin.status_code == 422 and "muac_mm" in field_errors(too_thin.get_data(as_text=True))
    assert 'value="10-03-2026"' in too_thin.get_data(as_text=True)
    visit = midwife.post(f"/people/{wife}/visits", data={"csrf_token": token, "visit_date": "2026-03-10",
                                                         "pregnancy_week": "20", "muac_mm": "228"})
    assert visit.status_code == 302
    page = midwife.get(f"/people/{wife}/visits").get_data(as_text=True)
    assert "228" in page and "KEK" in page
    # A child's growth and vaccines; a weight no child has is refused beside the field.
    child = wife  # any person will do for the form; the page is the same for every member
    wrong = midwife.post(f"/people/{child}/growth", data={"csrf_token": token, "measured_on": "2026-03-12",
                                                          "weight_g": "90000", "vaccines": ["hb0"]})
    assert wrong.status_code == 422 and "weight_g" in field_errors(wrong.get_data(as_text=True))
    assert 'value="hb0" checked' in wrong.get_data(as_text=True)
    measured = midwife.post(f"/people/{child}/growth", data={"csrf_token": token, "measured_on": "2026-03-12",
                                                             "weight_g": "4200", "vaccines": ["hb0", "bcg"]})
    assert measured.status_code == 302
    assert "BCG" in midwife.get(f"/people/{child}/growth").get_data(as_text=True)
    # The secretary may not record a visit: refused with its reason, nothing saved.
    refused = logged_in.post(f"/people/{wife}/visits", data={"csrf_token": logged_in.token,
                                                             "visit_date": "2026-03-11"})
    assert refused.status_code == 422 and "antenatal_visit" in field_errors(refused.get_data(as_text=True))
    with open_store(data_dir) as store:
        assert store.db["antenatal_visit"].count == 1
        ops = [op for row in store.db.query("SELECT body, officer FROM outbox WHERE officer = 'bidan.rina'")
               for op in __import__("json").loads(row["body"])["ops"]]
    assert household and [op["t"] for op in ops] == ["officer", "person", "antenatal_visit", "child_health"]


def test_the_sub_districts_worklist_counts_per_village_oldest_first(client, data_dir):
    from village_client import worklist

    with open_store(data_dir) as store, store.transaction() as db:
        store.update_device(scope=["35.07.01"])
        add_officer(store, "andi", "Andi Wijaya", "sub_district_officer", "246810")
        for ident, village, opened in (("1", "35.07.01.2002", "2026-02-01T00:00:00Z"),
                                       ("2", "35.07.01.2001", "2026-01-05T00:00:00Z"),
                                       ("3", "35.07.01.2001", "2026-03-01T00:00:00Z")):
            worklist.keep(db, ident, {"nik": f"350701550590000{ident}", "name": f"Warga {ident}",
                                      "kind": "name_spelling", "village_code": village, "status": "open",
                                      "opened_at": opened, "sources": [{"source": "ektp", "value": "Siti"},
                                                                       {"source": "kk", "value": "Sitti"}]})
        worklist.keep(db, "4", {"nik": "3507015505900009", "kind": "sex", "village_code": "35.07.01.2001",
                                "status": "resolved", "sources": []})
    token = csrf(client)
    assert client.post("/login", data={"csrf_token": token, "username": "andi", "pin": "246810"}).status_code == 302
    page = client.get("/worklist/").get_data(as_text=True)
    order = [page.index(f'data-village="{code}"') for code in ("35.07.01.2001", "35.07.01.2002")]
    assert order == sorted(order)  # the village with the oldest open item first
    assert "Sitti" in page and "3507015505900009" not in page and "Ejaan nama" in page
    one = client.get("/worklist/?village=35.07.01.2002").get_data(as_text=True)
    assert "3507015505900001" in one and "3507015505900002" not in one.split('class="inconsistencies"')[1]


@pytest.mark.parametrize(("lang", "wrong", "differ", "changed"), [
    ("id", "PIN sekarang salah.", "PIN baru dan ulangannya tidak sama.", "PIN sudah diganti."),
    ("en", "The current PIN is wrong.", "The new PIN and its repetition differ.", "The PIN is changed.")])
def test_an_officer_changes_their_pin_and_a_refusal_says_why_beside_the_field(logged_in, data_dir, lang, wrong,
                                                                             differ, changed):
    from village_client.officers import LoginFailed, authenticate

    logged_in.get(f"/pin?lang={lang}")

    def change(current, new, again):
        return logged_in.post("/pin", data={"csrf_token": logged_in.token, "current_pin": current, "new_pin": new,
                                            "new_pin_again": again})

    refused = change("999999", "24680135", "24680136")
    assert refused.status_code == 422
    assert field_errors(refused.get_data(True)) == {"current_pin": wrong, "new_pin_again": differ}
    short = change("123456", "123", "123")
    assert short.status_code == 422 and list(field_errors(short.get_data(True))) == ["new_pin"]
    with open_store(data_dir) as store:  # nothing changed by either refusal
        assert authenticate(store, "siti", "123456").username == "siti"
    done = change("123456", "24680135", "24680135")
    assert done.status_code == 200 and changed in done.get_data(True) and "24680135" not in done.get_data(True)
    with open_store(data_dir) as store:
        assert authenticate(store, "siti", "24680135").username == "siti"
        with pytest.raises(LoginFailed):
            authenticate(store, "siti", "123456")


def test_a_pin_change_ends_the_officers_other_sessions_and_keeps_this_one(data_dir, logged_in):
    other = create_app(data_dir).test_client()  # the same officer in another browser
    token = csrf(other)
    assert other.post("/login", data={"csrf_token": token, "username": "siti", "pin": "123456"}).status_code == 302
    assert other.get("/households").status_code == 200
    done = logged_in.post("/pin", data={"csrf_token": logged_in.token, "current_pin": "123456",
                                        "new_pin": "24680135", "new_pin_again": "24680135"})
    assert done.status_code == 200
    assert logged_in.get("/households").status_code == 200  # this session goes on with the new PIN
    ended = other.get("/households")
    assert ended.status_code == 302 and "/login" in ended.location
    assert other.get("/households").status_code == 302  # and stays ended: its officer was cleared


def test_an_officer_made_inactive_is_logged_out_at_the_next_page(data_dir, logged_in):
    with open_store(data_dir) as store, store.transaction() as db:
        db.execute("UPDATE officer SET active = 0 WHERE username = 'siti'")
    ended = logged_in.get("/")
    assert ended.status_code == 302 and "/login" in ended.location


def test_a_page_asked_before_logging_in_keeps_the_login_forms_token(client):
    token = csrf(client)
    assert client.get("/favicon.ico").status_code == 302  # as a browser asks beside the login page
    assert client.post("/login", data={"csrf_token": token, "username": "siti", "pin": "123456"}).status_code == 302
