"""The admin UI: login and roles, CSRF refusal, session timeout, language, and each page."""

import re
import time

import pytest
from sqlalchemy import select

from hub_server.models import AuditLog
from hub_server.services import enrollment
from hub_server.services.actors import operator
from sync_protocol.signing import generate_private_key, public_key_bytes


def enrolled(database, hub_key, scope="35.07.01.2001"):
    with database.uow() as uow:
        issued = enrollment.issue_token(uow, operator("test"), scope=scope, role="village", label=f"Laptop {scope}",
                                        hours=1, hub_fingerprint=hub_key.fingerprint)
    with database.uow() as uow:
        return enrollment.enroll(uow, issued.text, public_key_bytes(generate_private_key()),
                                 hub_fingerprint=hub_key.fingerprint).device_id


@pytest.fixture
def admin(client, hub_users):
    assert hub_users.login(client).status_code == 302
    return client


def test_pages_need_a_login(client):
    response = client.get("/admin/devices")
    assert response.status_code == 302 and "/login?next=/admin/devices" in response.location


def test_login_leads_to_the_page_asked_for(client, hub_users):
    client.get("/admin/audit")
    response = client.post("/login", data={"username": "admin", "password": "kata-sandi-admin-1",
                                           "next": "/admin/audit", "csrf_token": hub_users.csrf(client)})
    assert response.location == "/admin/audit"


def test_login_never_redirects_off_the_site(client, hub_users):
    response = client.post("/login", data={"username": "admin", "password": "kata-sandi-admin-1",
                                           "next": "//evil.example/", "csrf_token": hub_users.csrf(client)})
    assert response.location == "/"  # the dashboard


def test_a_wrong_password_shows_the_message_in_indonesian(client, hub_users):
    response = hub_users.login(client, password="salah")
    assert response.status_code == 401 and "Nama pengguna atau kata sandi salah" in response.text


def test_a_post_without_the_csrf_token_is_refused(client, database):
    response = client.post("/login", data={"username": "admin", "password": "kata-sandi-admin-1"})
    assert response.status_code == 403 and "Formulir kedaluwarsa" in response.text
    with database.uow() as uow:
        assert not uow.session.scalars(select(AuditLog).where(AuditLog.action == "user.login")).all()


def test_a_post_with_another_sessions_token_is_refused(admin, hub_users, app, database, hub_key):
    device_id = enrolled(database, hub_key)
    response = admin.post(f"/admin/devices/{device_id}/revoke", data={"reason": "x", "csrf_token": "forged"})
    assert response.status_code == 403
    assert "Aktif" in admin.get("/admin/devices").text


def test_an_idle_session_ends(admin, app):
    with admin.session_transaction() as session:
        session["seen"] = int(time.time()) - app.config["SESSION_TIMEOUT_MINUTES"] * 60 - 1
    response = admin.get("/admin/devices")
    assert response.status_code == 302 and "expired=1" in response.location
    assert "Sesi Anda berakhir" in admin.get(response.location).text


def test_an_active_session_stays(admin, app):
    with admin.session_transaction() as session:
        session["seen"] = int(time.time()) - app.config["SESSION_TIMEOUT_MINUTES"] * 60 + 30
    assert admin.get("/admin/devices").status_code == 200


def test_logout_ends_the_session(admin, hub_users):
    assert hub_users.post(admin, "/logout").status_code == 302
    assert admin.get("/admin/devices").status_code == 302


def test_a_copied_session_cookie_stops_working_at_logout(app, admin, hub_users):
    copy = app.test_client()
    cookie = admin.get_cookie("sws_hub_session")
    copy.set_cookie("sws_hub_session", cookie.value)
    assert copy.get("/admin/devices").status_code == 200  # the same session, from elsewhere
    hub_users.post(admin, "/logout")
    assert copy.get("/admin/devices").status_code == 302  # ended at the server, not only in one browser


def test_a_new_password_ends_the_users_other_sessions(app, client, hub_users, database):
    hub_users.add("siti", "viewer")
    assert hub_users.login(client, "siti", "kata-sandi-uji-1").status_code == 302
    with database.uow() as uow:
        from hub_server.services import users

        users.reset_password(uow, operator("admin"), "siti", "kata-sandi-baru-12")
    assert client.get("/admin/devices").status_code == 302


def test_an_unknown_user_name_locks_like_a_known_one(client, hub_users, app):
    limit = app.config["LOGIN_MAX_FAILURES"]
    for name in ("admin", "tidak.ada"):
        answers = [hub_users.login(client, name, "salah").status_code for _ in range(limit + 1)]
        assert answers == [401] * limit + [429], name  # the answers never tell which names exist


def test_one_address_trying_many_user_names_is_slowed_down(client, hub_users, app):
    from hub_server.web.throttle import PER_USER_NAME_LIMITS

    limit = app.config["LOGIN_MAX_FAILURES"] * PER_USER_NAME_LIMITS
    answers = [hub_users.login(client, f"tebak{n}", "salah").status_code for n in range(limit + 1)]
    assert answers == [401] * limit + [429]
    assert hub_users.login(client).status_code == 429  # even the right password waits out the window
    other = app.test_client()
    answer = other.post("/login", data={"username": "admin", "password": "kata-sandi-admin-1",
                                        "csrf_token": hub_users.csrf(other)}, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert answer.status_code == 302  # another address is not held up


def test_every_answer_forbids_framing_and_foreign_scripts(client):
    answer = client.get("/login")
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["Referrer-Policy"] == "same-origin"


def test_the_language_switch_is_kept_in_the_session(admin, hub_users):
    assert "Perangkat terdaftar" in admin.get("/admin/devices").text
    response = hub_users.post(admin, "/language", lang="en", next="/admin/devices")
    assert response.location == "/admin/devices"
    assert "Enrolled devices" in admin.get("/admin/devices").text


def test_the_users_language_applies_at_login(client, hub_users):
    hub_users.add("john", "viewer", language="en")
    hub_users.login(client, "john", "kata-sandi-uji-1")
    assert "Enrolled devices" in client.get("/admin/devices").text


def test_the_devices_page_lists_enrolled_devices(admin, database, hub_key):
    device_id = enrolled(database, hub_key)
    page = admin.get("/admin/devices").text
    assert device_id in page and "Laptop 35.07.01.2001" in page


def test_the_device_page_shows_its_activity_and_revokes_with_a_reason(admin, hub_users, database, hub_key):
    device_id = enrolled(database, hub_key)
    assert "perangkat terdaftar" in admin.get(f"/admin/devices/{device_id}").text
    response = hub_users.post(admin, f"/admin/devices/{device_id}/revoke", reason="laptop hilang")
    assert response.status_code == 302
    page = admin.get(response.location).text
    assert "laptop hilang" in page and "user:admin" in page and "perangkat dicabut" in page


def test_a_laptop_restored_from_a_backup_is_readmitted_from_its_page(admin, hub_users, database, hub_key):
    device_id = enrolled(database, hub_key)
    assert "Terima kembali laptop" in admin.get(f"/admin/devices/{device_id}").text
    response = hub_users.post(admin, f"/admin/devices/{device_id}/readmit")
    token = re.search(r'<code id="token">([^<]+)</code>', response.text).group(1)
    assert "sws-village readmit" in response.text and f"Perangkat {device_id} sudah dicabut" in response.text
    page = admin.get(f"/admin/devices/{device_id}").text
    assert "re-admitted under a new identity" in page  # the old identity is revoked, with why
    listing = admin.get("/admin/tokens").text
    assert "35.07.01.2001" in listing and token not in listing  # the token is shown once, its area listed


def test_revoking_without_a_reason_says_which_field(admin, hub_users, database, hub_key):
    device_id = enrolled(database, hub_key)
    response = hub_users.post(admin, f"/admin/devices/{device_id}/revoke", reason="")
    assert "Alasan: Wajib diisi." in admin.get(response.location).text


def test_a_token_is_issued_and_shown_once(admin, hub_users, hub_key):
    response = hub_users.post(admin, "/admin/tokens", scope="35.07.01.2001", role="village",
                              label="Laptop bidan desa", hours="24")
    token = re.search(r'<code id="token">([^<]+)</code>', response.text).group(1)
    assert token.endswith("." + "-".join(hub_key.fingerprint[i:i + 4] for i in range(0, 16, 4)))
    listing = admin.get("/admin/tokens").text
    assert "Laptop bidan desa" in listing and token not in listing and token.split(".")[0] not in listing


def test_a_wrong_token_form_is_shown_again_with_the_errors(admin, hub_users):
    response = hub_users.post(admin, "/admin/tokens", scope="35.07.01", role="village", label="x", hours="24")
    assert response.status_code == 400
    assert "bukan kode desa/kelurahan" in response.text and 'value="35.07.01"' in response.text


def test_a_token_can_be_cancelled(admin, hub_users, database, hub_key):
    hub_users.post(admin, "/admin/tokens", scope="35.07.01.2001", role="village", label="Batal", hours="24")
    response = hub_users.post(admin, "/admin/tokens/1/cancel")
    assert "Token nomor 1 dibatalkan" in admin.get(response.location).text


def test_a_viewer_reads_but_cannot_issue_or_revoke(client, hub_users, database, hub_key):
    device_id = enrolled(database, hub_key)
    hub_users.add("ana", "viewer")
    hub_users.login(client, "ana", "kata-sandi-uji-1")
    assert client.get("/admin/tokens").status_code == 200
    assert "Terbitkan token" not in client.get("/admin/tokens").text
    assert hub_users.post(client, "/admin/tokens", scope="35.07.01.2001", role="village", label="x",
                          hours="1").status_code == 403
    assert hub_users.post(client, f"/admin/devices/{device_id}/revoke", reason="x").status_code == 403


def test_a_sub_district_officer_sees_only_their_area(client, hub_users, database, hub_key):
    mine, theirs = enrolled(database, hub_key, "35.07.01.2001"), enrolled(database, hub_key, "35.07.02.2001")
    hub_users.add("budi", "sub_district_officer", area="35.07.01")
    hub_users.login(client, "budi", "kata-sandi-uji-1")
    page = client.get("/admin/devices").text
    assert mine in page and theirs not in page
    assert client.get(f"/admin/devices/{theirs}").status_code == 404
    assert client.get("/admin/audit").status_code == 403


def test_the_audit_log_is_paged_and_filtered(admin, app, database, hub_key):
    app.config["AUDIT_PAGE_SIZE"] = 2
    enrolled(database, hub_key)
    first = admin.get("/admin/audit").text
    assert "Halaman 1 dari" in first
    assert "Halaman 2 dari" in admin.get("/admin/audit?page=2").text
    filtered = admin.get("/admin/audit?action=device.enrolled").text
    assert "perangkat terdaftar" in filtered and "token diterbitkan</td>" not in filtered


def test_the_audit_log_names_people_villages_and_local_times(admin, hub_users, database, hub_key, db_url):
    from hub_server.services import conflicts
    from tests.integration.test_hub_cli import make_conflict

    device_id = enrolled(database, hub_key)
    nik = make_conflict(db_url)
    with database.uow(immediate=True) as uow:
        conflicts.resolve(uow, 1, "+6285722220000", user="admin", reason="Checked by phone")
    page = admin.get("/admin/audit").text
    assert "konflik diputuskan" in page and f"Konflik #1 Siti Aminah · NIK {nik}" in page
    assert "Isian: Nomor HP" in page and "Nilai: +6285722220000" in page and "Alasan: Checked by phone" in page
    assert "Wilayah perangkat: Tulungrejo (35.07.01.2001)" in page and "Peran: Desa" in page
    assert "perubahan diterima" in page and f"Data: Siti Aminah · NIK {nik}" in page
    # No record ids (the session's CSRF token, random base64, may hold such a run by chance: ~0.5% of pages).
    assert not re.search(r"[a-z2-7]{10}-\d+", re.sub(r'name="csrf_token" value="[^"]*"', "", page))
    assert re.search(r"<td class=\"nowrap\">\d\d-\d\d-\d{4} \d\d:\d\d WIB</td>", page)
    assert re.search(r"Berlaku sampai: \d\d-\d\d-\d{4} \d\d:\d\d WIB", page)
    assert "None" not in page and "+00:00" not in page and not re.search(r"\d{4}-\d\d-\d\dT", page)
    assert "&#34;" not in page and "user:" not in page and "conflict:" not in page
    hub_users.post(admin, "/language", lang="en", next="/admin/audit")
    english = admin.get("/admin/audit").text
    assert "conflict decided" in english and f"Conflict #1 Siti Aminah · NIK {nik}" in english
    assert "Field: Mobile number" in english and "Scope: Tulungrejo (35.07.01.2001)" in english
    device_page = admin.get(f"/admin/devices/{device_id}").text
    assert "Scope: Tulungrejo (35.07.01.2001)" in device_page


def test_a_conflict_page_says_when_each_side_was_saved_and_received(admin, db_url):
    from tests.integration.test_hub_cli import make_conflict

    make_conflict(db_url)
    page = admin.get("/admin/conflicts/1").text
    assert "Siti Aminah" in page and "Tulungrejo 35.07.01.2001" in page
    assert len(re.findall(r"disimpan \d\d-\d\d-\d{4} \d\d:\d\d WIB menurut jam laptop, "
                          r"diterima hub \d\d-\d\d-\d{4} \d\d:\d\d WIB", page)) == 2


def test_the_conflicts_page_says_when_nothing_waits(admin):
    page = admin.get("/admin/conflicts").text
    assert "Menunggu keputusan (0)" in page and "Tidak ada konflik yang menunggu." in page


def test_an_unknown_page_is_a_page_for_a_browser(admin):
    response = admin.get("/admin/nothing-here", headers={"Accept": "text/html"})
    assert response.status_code == 404 and "<html" in response.text
