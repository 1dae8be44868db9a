"""An officer's day in a real browser: `sws-village ui` as a process, Debian's chromium through Playwright.

The screenshots go to docs/user-guide/img/ for the user guides.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from village_client.sync.engine import SyncEngine

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
CHROMIUM = shutil.which("chromium")
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


SULASTRI, BUDI, ANI = "3507015707850003", "3507010201800001", "3507014403820002"
OUTSIDER = "3507016607750003"  # on no list: the village meeting includes her
LIST = "#list-PKH-3507012001"


@pytest.fixture(scope="module")
def hub():
    with StandInHub() as running:
        running.publish("programme", "PKH", {
            "name": "Program Keluarga Harapan", "guarantee": "children", "level": "national",
            "benefit": {"id": "Bantuan tunai bersyarat per triwulan", "en": "Conditional cash transfer each quarter"},
            "required_documents": ["ktp", "kk"],
            "matching": {"reasons": [{"code": "pregnant", "id": "Ibu hamil", "en": "Pregnant woman"},
                                     {"code": "early_childhood", "id": "Anak usia dini (0-6 tahun)",
                                      "en": "Young child (0-6)"},
                                     {"code": "elderly", "id": "Lanjut usia 70 tahun ke atas",
                                      "en": "Elderly person, 70 or older"}]}}, region=None)
        base = {"programme": "PKH", "village_code": "35.07.01.2001", "columns": ["nik", "name", "reasons"]}
        running.publish("list", "41", {**base, "version": 1, "base_version": 0, "size": 2, "list_date": "2026-02-01",
                                       "added": [[SULASTRI, "Sulastri", ["pregnant"]],
                                                 [BUDI, "Budi Santoso", ["elderly"]]], "removed": []})
        running.publish("list", "57", {**base, "version": 2, "base_version": 1, "size": 2, "list_date": "2026-03-01",
                                       "added": [[ANI, "Ani Lestari", ["early_childhood"]]], "removed": [BUDI]})
        yield running


@pytest.fixture(scope="module")
def ui(tmp_path_factory, hub):
    data_dir = tmp_path_factory.mktemp("browser") / "laptop"
    enrolled_laptop(data_dir, hub)
    SyncEngine(data_dir, fast_settings()).sync()  # the catalogue and lists arrive before the officer starts
    environment = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(data_dir), "SWS_VILLAGE_RETRY_BASE": "0.01"}
    process = subprocess.Popen([sys.executable, "-m", "village_client", "ui", "--port", "0", "--no-scheduled-sync"],
                               stdout=subprocess.PIPE, text=True, env=environment)
    try:
        address = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline()).group(0)
        yield address
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


@pytest.fixture(scope="module")
def page(ui):
    if CHROMIUM is None:
        pytest.skip("chromium is not on the PATH: run `make browser` (Debian's chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1100, "height": 900})
        tab.set_default_timeout(10_000)
        tab.goto(ui + "login")
        tab.screenshot(path=IMAGES / "login.png")
        tab.fill("#username", "siti")
        tab.fill("#pin", "123456")
        tab.click("main button[type=submit]")
        yield tab
        browser.close()


def test_registration_shows_each_error_next_to_its_field_then_saves(page, ui):
    page.goto(ui + "households/new")
    page.fill("#kk_number", "35070101")
    page.fill("[id='members.0.name']", "Budi Santoso")
    page.fill("[id='members.0.nik']", "3507010201800001")
    page.fill("[id='members.0.birth_date']", "1980-01-02")
    page.select_option("[id='members.0.sex']", "M")
    page.fill("[id='members.1.name']", "Ani Lestari")
    page.fill("[id='members.1.birth_date']", "1982-03-04")
    page.click("button[name=save]")
    assert "16 digit" in page.inner_text("#kk_number-error")
    assert page.inner_text("[id='members.1.sex-error']")
    assert page.input_value("[id='members.0.name']") == "Budi Santoso"
    page.screenshot(path=IMAGES / "register-errors.png", full_page=True)
    page.fill("#kk_number", "3507010101010001")
    page.select_option("[id='members.1.nik_status']", "unregistered")
    page.select_option("[id='members.1.sex']", "F")
    page.click("button[name=save]")
    expect(page.locator("h1")).to_contain_text("Budi Santoso", use_inner_text=True)
    page.screenshot(path=IMAGES / "household.png", full_page=True)


def test_a_complaint_is_recorded_on_the_action_form(page, ui):
    page.goto(ui + "complaints/new")
    page.select_option("#category", "payment_delay")
    page.select_option("#programme_code", "PKH")
    page.fill("#description", "Bantuan PKH triwulan ketiga belum diterima.")
    page.fill("#complainant_name", "Ani Lestari")
    page.screenshot(path=IMAGES / "complaint-form.png", full_page=True)
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("ADU/", use_inner_text=True)
    page.screenshot(path=IMAGES / "complaint.png", full_page=True)


def test_sync_now_sends_the_work_and_receives_the_catalogue(page, ui, hub):
    page.goto(ui + "sync/")
    assert int(page.inner_text("#pending-count")) >= 2
    hub.publish("conflict", "12", {"table": "person", "record": "hub-77", "field": "birth_date", "base": "1961-04-02",
                                   "sides": [{"value": "1961-04-12", "officer": "siti"},
                                             {"value": "1962-04-02", "officer": "kec.andi"}]})
    hub.publish("refusal", "r-3", {"seq": 3, "record": "hub-80", "code": "out_of_scope",
                                   "reason": "desa 35.07.02.2001 di luar wilayah laptop ini"})
    page.click("#sync-now")
    assert "Terkirim" in page.inner_text(".flash.ok")
    conflicts = page.inner_text("#conflicts")  # values and fields as people read them: dd-mm-yyyy, the label
    assert "02-04-1962" in conflicts and "12-04-1961" in conflicts and "Tanggal lahir" in conflicts, conflicts
    assert "out_of_scope" in page.inner_text("main")
    assert page.inner_text("#pending-count") == "0"
    page.screenshot(path=IMAGES / "sync.png", full_page=True)
    page.goto(ui + "programmes")
    assert "Program Keluarga Harapan" in page.inner_text("main")
    assert len(hub.received) >= 2


def test_the_list_marks_what_changed_and_takes_applications(page, ui):
    page.goto(ui + "lists?lang=en")
    shown = page.inner_text(LIST)
    assert "Sulastri" in shown and "Young child (0-6)" in shown and "Pregnant woman" in shown
    assert page.inner_text(f"{LIST}-{ANI} .badge.new") == "new"
    assert "Budi Santoso" in page.inner_text(f"{LIST} table.removed")
    assert page.inner_text(f"{LIST} .list-version") == "2" and page.inner_text(f"{LIST} .list-count") == "2"
    assert "Pre-identified" in page.inner_text(f"{LIST}-{SULASTRI} .status")
    page.screenshot(path=IMAGES / "lists-en.png", full_page=True)
    page.click(f"{LIST}-{SULASTRI} button.apply")
    assert SULASTRI in page.inner_text(".flash.ok")
    assert "Applied" in page.inner_text(f"{LIST}-{SULASTRI} .status")
    assert page.locator(f"{LIST}-{SULASTRI} button.apply").count() == 0
    page.click("header nav >> text=Applications")
    assert SULASTRI in page.inner_text("table.applications") and "Sulastri" in page.inner_text("table.applications")


def test_a_community_correction_explains_a_bad_reason_then_saves(page, ui):
    page.goto(ui + "lists?lang=id")
    assert "Mengajukan" in page.inner_text(f"{LIST}-{SULASTRI} .status")
    page.screenshot(path=IMAGES / "lists.png", full_page=True)
    page.fill(f"{LIST}-nik", OUTSIDER)
    page.select_option(f"{LIST}-decision", "include")
    page.fill(f"{LIST}-meeting_date", "2026-03-04")
    page.fill(f"{LIST}-reason", "miskin")
    page.click(f"{LIST} form.correction button[type=submit]")
    assert "paling sedikit 10 karakter" in page.inner_text(f"{LIST}-reason-error")
    assert page.input_value(f"{LIST}-nik") == OUTSIDER
    page.locator(f"{LIST} form.correction").screenshot(path=IMAGES / "list-correction.png")
    page.fill(f"{LIST}-reason", "Suami meninggal Januari 2026; keluarga tanpa penghasilan tetap.")
    page.click(f"{LIST} form.correction button[type=submit]")
    assert "Koreksi tersimpan" in page.inner_text(".flash.ok")
    assert OUTSIDER in page.inner_text(f"{LIST} table.corrections")
    assert "Dimasukkan" in page.inner_text(f"{LIST} table.corrections")


def test_an_officer_changes_her_pin_and_a_wrong_current_pin_is_said_beside_its_field(page, ui):
    def change(current, new):
        for field, typed in (("#current_pin", current), ("#new_pin", new), ("#new_pin_again", new)):
            page.fill(field, typed)
        page.click("main button[type=submit]")

    page.goto(ui + "?lang=id")
    page.click("header .who >> text=Ganti PIN")
    change("654321", "24680135")
    assert page.inner_text("#current_pin-error") == "PIN sekarang salah."
    assert page.input_value("#new_pin") == ""  # PINs are never sent back to the page
    page.screenshot(path=IMAGES / "pin-refused.png", full_page=True)
    for current, new in (("123456", "24680135"), ("24680135", "123456")):  # and back: the other tests log in
        change(current, new)
        assert page.inner_text(".flash.ok") == "PIN sudah diganti."
