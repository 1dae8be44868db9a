"""A NIK another person on the laptop already holds: saved, and the officer is warned with who holds it."""

import html

import pytest
from click.testing import CliRunner

from tests.integration.test_village_web import client, csrf, data_dir, logged_in  # noqa: F401  (fixtures)
from village_client.cli import main
from village_client.messages import text
from village_client.store import open_store

HEAD = "name=Budi Santoso;birth_date=1980-01-02;sex=M;nik=3507010201800001;relationship=head"


def registered(data_dir) -> int:  # noqa: F811
    with open_store(data_dir) as store:
        return store.db.execute("SELECT count(*) FROM person WHERE nik = '3507010201800001'").fetchone()[0]


def household_form(token: str, nik: str) -> dict:
    return {"csrf_token": token, "kk_number": "3507012301120003", "village_code": "35.07.01.2001",
            "address_rt": "1", "address_rw": "2", "member_count": "1", "members.0.name": "Budi Santoso",
            "members.0.birth_date": "1980-01-02", "members.0.sex": "M", "members.0.nik": nik,
            "members.0.relationship": "head"}


def test_the_web_form_saves_a_shared_nik_and_warns_beside_the_saved_household(logged_in, data_dir):  # noqa: F811
    first = logged_in.post("/households/new", data=household_form(logged_in.token, "3507010201800001"))
    assert first.status_code == 302
    assert 'class="flash warn"' not in logged_in.get(first.headers["Location"]).get_data(as_text=True)
    second = logged_in.post("/households/new", data=household_form(logged_in.token, "3507-0102-0180-0001"))
    assert second.status_code == 302 and registered(data_dir) == 2
    page = html.unescape(logged_in.get(second.headers["Location"]).get_data(as_text=True))
    assert 'class="flash warn"' in page
    assert "NIK 3507010201800001 juga terdaftar atas nama Budi Santoso, lahir 02-01-1980, KK 3507012301120003" in page


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_command_line_saves_a_shared_nik_and_warns_on_stderr(data_dir, monkeypatch, lang):  # noqa: F811
    monkeypatch.setenv("SWS_VILLAGE_PIN", "123456")
    monkeypatch.setenv("SWS_VILLAGE_LANGUAGE", lang)
    runner = CliRunner()
    args = ["--data-dir", str(data_dir), "household", "add", "--officer", "siti", "kk_number=3507012301120003",
            "village_code=35.07.01.2001", "address_rt=1", "address_rw=2", "--member", HEAD]
    first = runner.invoke(main, args)
    assert first.exit_code == 0 and first.stderr == "", first.output
    second = runner.invoke(main, args)
    assert second.exit_code == 0 and "registered with 1 members" in second.stdout
    assert second.stderr.strip() == text("duplicate.nik_held", lang, nik="3507010201800001", name="Budi Santoso",
                                         born="02-01-1980", kk="3507012301120003")
    assert registered(data_dir) == 2


def test_a_person_without_nik_shares_nothing(data_dir, monkeypatch):  # noqa: F811
    monkeypatch.setenv("SWS_VILLAGE_PIN", "123456")
    runner = CliRunner()
    for _ in range(2):
        added = runner.invoke(main, ["--data-dir", str(data_dir), "person", "add", "--officer", "siti", "name=Dewi",
                                     "birth_date=2025-06-01", "sex=F", "nik_status=newborn",
                                     "village_code=35.07.01.2001"])
        assert added.exit_code == 0 and added.stderr == "", added.output
