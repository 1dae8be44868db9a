"""A field that returns to an earlier value, edited on two laptops one after the other, each a real process
on 127.0.0.1 with the real hub (docs/protocol.md §13).

P1 -> P2 on one laptop, P2 -> P1 on the other, P1 -> P2 on the first again, each after pulling the last.
Laptops of this version name, in change-set format 2, the edit each officer saw, so the hub follows the
officers' order and every side ends at P2. Laptops of the release before (commit `FORMAT_1_RELEASE`, taken
out of the repository's history) make format 1 change-sets, which the hub still takes and matches by value
as before: the last edit is absorbed by the first visit of P1. A laptop of each kind on one record: the
older one reads the feed's `edits` without keeping them, and the newer one's named edits still follow the
officers' order.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_mixed_district import released_code
from tests.e2e.test_village_with_hub import hub, laptop, query, run  # noqa: F401  (fixture: hub)

pytestmark = pytest.mark.e2e

FORMAT_1_RELEASE = "be377ec"  # the last commit whose laptop makes change-set format 1 only
REPO = Path(__file__).parents[2]
NIK = "3507015505900001"


@pytest.fixture
def format_1_code(tmp_path) -> Path:
    """The village client released before change-set format 2 (with its sync_protocol and schemas)."""
    return released_code(tmp_path, FORMAT_1_RELEASE, "format-1-code")


class Laptop:
    """`sws-village` of this version, or (with `code`) of the release in that folder."""

    def __init__(self, tmp_path, name, officer, hub, code=None):  # noqa: F811  (hub is the fixture's value)
        self.officer, self.code = officer, code
        if code is None:
            self.env = laptop(tmp_path, name, officer, hub)
            return
        self.env = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(tmp_path / name), "SWS_VILLAGE_PIN": "123456",
                    "SWS_VILLAGE_RETRY_BASE": "0.05", "SWS_VILLAGE_RETRY_ATTEMPTS": "2", "SWS_VILLAGE_LANGUAGE": "en"}
        self.run("init", "--label", name)
        self.run("officer", "add", officer, "--name", officer.title(), "--role", "village_secretary")
        self.run("enroll", "--hub", hub.url, "--token", hub.token())

    def run(self, *args) -> str:
        if self.code is None:
            return run(["village_client", *args], self.env)
        result = subprocess.run([sys.executable, "-m", "village_client", *args], env={
            **self.env, "PYTHONPATH": str(self.code)}, cwd=self.code, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    def sync(self) -> str:
        return self.run("sync")

    def add(self, phone: str) -> str:
        self.run("person", "add", "--officer", self.officer, "name=Ani", "birth_date=1990-05-15", "sex=F", f"nik={NIK}",
                 "village_code=35.07.01.2001", f"phone={phone}")
        return query(self.env, f"SELECT id FROM person WHERE nik = '{NIK}'")[0][0]

    def phone(self, person: str) -> str:
        return query(self.env, f"SELECT phone FROM person WHERE id = '{person}'")[0][0]

    def set_phone(self, person: str, phone: str) -> None:
        self.run("person", "update", "--officer", self.officer, person, f"phone={phone}")

    def sent(self) -> list:
        """(format, e of each update) of every change-set this laptop made."""
        bodies = [json.loads(body) for (body,) in query(self.env, "SELECT body FROM outbox ORDER BY seq")]
        return [(body["v"], [op.get("e") for op in body["ops"] if op["k"] == "update"]) for body in bodies]

    def device_id(self) -> str:
        return query(self.env, "SELECT device_id FROM device")[0][0]


def hub_phone(hub, person) -> str:  # noqa: F811  (hub is the fixture's value)
    with sqlite3.connect(os.path.join(hub.env["SWS_HUB_DATA_DIR"], "hub.sqlite")) as db:
        return db.execute("SELECT json_extract(data, '$.phone') FROM records WHERE id = ?", (person,)).fetchone()[0]


def there_and_back(first: Laptop, second: Laptop, hub):  # noqa: F811  (hub is the fixture's value)
    """`second` registers the person at P1; `first` P1 -> P2, `second` P2 -> P1, `first` P1 -> P2, each after
    pulling the last; every laptop pulls at the end. Returns (person, P1, P2)."""
    person = second.add("081111111111")
    second.sync()
    first.sync()
    p1 = first.phone(person)
    first.set_phone(person, "082222222222")
    p2 = first.phone(person)
    assert "Sent 1, acknowledged 1" in first.sync()
    second.sync()
    assert second.phone(person) == p2
    second.set_phone(person, "081111111111")
    assert "Sent 1, acknowledged 1" in second.sync()
    first.sync()
    assert first.phone(person) == p1
    first.set_phone(person, "082222222222")
    assert "Sent 1, acknowledged 1" in first.sync()
    second.sync()
    first.sync()
    return person, p1, p2


def test_edits_made_one_after_the_other_follow_the_officers_order(tmp_path, hub):  # noqa: F811
    rina, siti = Laptop(tmp_path, "bidan", "rina", hub), Laptop(tmp_path, "sukamaju", "siti", hub)
    person, p1, p2 = there_and_back(rina, siti, hub)
    assert hub_phone(hub, person) == p2 and rina.phone(person) == p2 and siti.phone(person) == p2
    # Each update named the edit its officer saw: the created value, then each other's last edit.
    assert query(rina.env, "SELECT changeset_version FROM device") == [(2,)]
    updates = [(version, e) for version, e in rina.sent() if e]
    assert updates[0] == (2, [{"phone": "origin"}])
    assert updates[1][0] == 2 and updates[1][1][0]["phone"].startswith(siti.device_id() + ":")
    assert [e for _, e in siti.sent() if e][0][0]["phone"].startswith(rina.device_id() + ":")


def test_the_same_edits_from_laptops_of_the_format_1_release_are_matched_by_value_as_before(
        tmp_path, hub, format_1_code):  # noqa: F811
    rina = Laptop(tmp_path, "bidan", "rina", hub, format_1_code)
    siti = Laptop(tmp_path, "sukamaju", "siti", hub, format_1_code)
    person, p1, _ = there_and_back(rina, siti, hub)
    # §13's limit for edits that name no edit: rina's last edit converged with her first; every side agrees.
    assert hub_phone(hub, person) == p1 and rina.phone(person) == p1 and siti.phone(person) == p1
    assert {version for version, _ in rina.sent() + siti.sent()} == {1}


def test_a_format_1_laptop_and_a_format_2_laptop_edit_the_same_record(tmp_path, hub, format_1_code):  # noqa: F811
    old = Laptop(tmp_path, "lama", "rina", hub, format_1_code)
    new = Laptop(tmp_path, "baru", "siti", hub)
    person, _, p2 = there_and_back(new, old, hub)
    # The new laptop's edits name what its officer saw, the old laptop's only the value: the order still holds.
    assert hub_phone(hub, person) == p2 and new.phone(person) == p2 and old.phone(person) == p2
    assert {version for version, _ in old.sent()} == {1}
    named = [e for version, e in new.sent() if e]
    assert named[0] == [{"phone": "origin"}] and named[1][0]["phone"].startswith(old.device_id() + ":")
    # The older laptop read the feed's `edits` beside the values and kept nothing of them.
    assert query(old.env, f"SELECT extra FROM person WHERE id = '{person}'") == [(None,)]
    assert "producing_edit" not in [name for (name,) in query(old.env, "SELECT name FROM sqlite_master")]
