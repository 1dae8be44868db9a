"""Memberships and payments on a real laptop database: from signed feed pages to the person, the list and
the month's payments page (who was paid what and when, who was expected and not paid), in both languages."""

import json

import pytest

from tests.integration.test_village_lists import ANI, SITI, VILLAGE, feed, hub, laptop, logged_in, version  # noqa: F401
from tests.integration.test_village_programme_info import SHIPPED, page, published
from village_client import memberships

CARD = "0001234567890"


def membership(ident, person, programme, number, monthly, start="2026-01-01", **older_hub) -> dict:
    """A membership entry; `payments=[...]` makes it as a hub of the version before payment months sent it."""
    data = {"programme": programme, "nik": person[0], "number": number, "village_code": VILLAGE, "start": start,
            "end": None, "payer": "self" if monthly else "state", "health_class": 3 if monthly else None,
            "monthly_contribution": monthly, **older_hub}
    return {"kind": "membership", "table": "membership", "id": ident, "data": data}


def month(tag, payments, village=VILLAGE) -> dict:
    """A village's payments of a month: [membership id, kind, paid_on, amount, reference], ..."""
    return {"kind": "payment_month", "table": "payment_month", "id": f"{village}/{tag}",
            "data": {"village_code": village, "month": tag, "payments": payments}}


SITI_K3 = membership("1", SITI, "BPJS-K3", CARD, 25500)
ANI_JSLU = membership("2", ANI, "JSLU", "JSLU-000123", 0)
PAID = (month("2026-01", [["1", "contribution", "2026-01-05", 25500, "BRI/1"]]),
        month("2026-02", [["1", "contribution", "2026-02-05", 25500, "BRI/2"]]),
        month("2026-03", [["2", "benefit", "2026-03-10", 200000, "POS/1"]]))


@pytest.fixture
def held(laptop, feed):  # noqa: F811
    store, _, _ = laptop
    feed.deliver(published("JSLU"), published("BPJS-K3"), version(1, 0, [SITI]), SITI_K3, ANI_JSLU, *PAID)
    return store


def test_a_month_shows_who_was_paid_and_who_was_expected_and_not_paid(held):
    march = {line["nik"]: line for line in memberships.month_lines(held.db, memberships.month_of("2026-03"))}
    assert march[ANI[0]]["status"] == "paid" and march[ANI[0]]["paid"][0]["paid_on"] == "2026-03-10"
    assert march[SITI[0]]["flagged"] and march[SITI[0]]["due"] == 25500 and not march[SITI[0]]["paid"]
    february = {line["nik"]: line for line in memberships.month_lines(held.db, memberships.month_of("2026-02"))}
    assert february[SITI[0]]["status"] == "paid" and february[ANI[0]]["flagged"]
    assert memberships.month_lines(held.db, memberships.month_of("2025-12")) == []  # before either started


def test_a_month_sent_again_replaces_that_month_only_and_a_membership_sent_again_keeps_its_payments(held, feed):  # noqa: F811
    feed.deliver(month("2026-03", [["2", "benefit", "2026-03-10", 200000, "POS/1"],
                                   ["1", "contribution", "2026-03-07", 25500, "BRI/3"]]))
    march = {line["nik"]: line for line in memberships.month_lines(held.db, memberships.month_of("2026-03"))}
    assert not march[SITI[0]]["flagged"] and march[ANI[0]]["status"] == "paid"
    feed.deliver({**SITI_K3, "data": {**SITI_K3["data"], "end": "2026-12-31"}})
    siti = memberships.of_person(held.db, SITI[0])[0]
    assert siti["end"] == "2026-12-31"
    assert [payment["period"] for payment in siti["payments"]] == ["2026-01", "2026-02", "2026-03"]
    other = "35.07.01.2002"  # another village's month (a sub-district laptop) leaves this village's alone
    feed.deliver(month("2026-03", [], village=other))
    assert len(memberships.of_person(held.db, SITI[0])[0]["payments"]) == 3


def test_a_membership_from_an_older_hub_brings_its_payments_with_it(held, feed):  # noqa: F811
    older = [["contribution", "2026-01", "2026-01-05", 25500, "BRI/1"],
             ["contribution", "2026-04", "2026-04-06", 25500, "BRI/4"]]
    feed.deliver(membership("1", SITI, "BPJS-K3", CARD, 25500, payments=older))
    payments = memberships.of_person(held.db, SITI[0])[0]["payments"]
    assert [(p["period"], p["paid_on"], p["reference"]) for p in payments] == [
        ("2026-01", "2026-01-05", "BRI/1"), ("2026-04", "2026-04-06", "BRI/4")]


@pytest.mark.parametrize("entry", [
    month("2026-03", [["2", "benefit", "2026-03-07", "lots", "X"]]),
    month("March", []),
    membership("3", ANI, "BPJS-K3", "0009", 25500, payments=[["contribution", "2026-03", "2026-03-07", "lots", "X"]])])
def test_a_malformed_payment_refuses_the_page_and_keeps_nothing(held, feed, entry):  # noqa: F811
    from sync_protocol.errors import MalformedMessage

    with pytest.raises(MalformedMessage):
        feed.deliver(entry)
    assert [m["id"] for m in memberships.of_person(held.db, ANI[0])] == ["2"]
    assert memberships.of_person(held.db, ANI[0])[0]["payments"][0]["amount"] == 200000


@pytest.mark.parametrize("holds_memberships", [True, False])
def test_the_upgrade_keeps_the_payments_held_and_reads_the_feed_again_where_memberships_are_held(
        tmp_path, holds_memberships):
    from sqlite_utils import Database

    from village_client.migrations import MIGRATIONS

    db = Database(tmp_path / "laptop.db")
    MIGRATIONS.apply(db, stop_before="m029_payment_months")
    db.execute("INSERT INTO device (id, device_id, public_key, feed_cursor) VALUES (1, 'abcdefghij', 'k', 'c42')")
    held = [["contribution", "2026-01", "2026-01-05", 25500, "BRI/1"], ["benefit", "2026-03", "2026-03-10", 5, None]]
    if holds_memberships:
        db.execute("INSERT INTO membership (id, programme_code, nik, number, village_code, start, [end], payer, "
                   "health_class, monthly_contribution, payments, received_at) VALUES "
                   "('1', 'BPJS-K3', ?, ?, ?, '2026-01-01', NULL, 'self', 3, 25500, ?, 'now')",
                   [SITI[0], CARD, VILLAGE, json.dumps(held)])
    db.conn.commit()
    MIGRATIONS.apply(db)
    assert "payments" not in db["membership"].columns_dict
    # A hub upgraded first sent payment months this laptop skipped: it reads its feed again from the start.
    assert db.execute("SELECT feed_cursor FROM device").fetchone()[0] == ("" if holds_memberships else "c42")
    if holds_memberships:
        siti = memberships.of_person(db, SITI[0])[0]
        assert siti["number"] == CARD
        assert [[p[name] for name in memberships.PAYMENT_COLUMNS] for p in siti["payments"]] == held
        assert [row["village_code"] for row in db.query("SELECT village_code FROM payment")] == [VILLAGE, VILLAGE]


@pytest.fixture
def browser(held):
    return logged_in(held.data_dir)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_payments_page_names_people_and_programmes_and_flags_the_unpaid(browser, lang):
    html = page(browser, f"/payments?month=2026-03&lang={lang}")
    assert "Siti Aminah" in html and SITI[0] in html and "(BPJS-K3)" in html and "(JSLU)" in html
    assert "Rp 200.000 · 10-03-2026" in html
    assert ("seharusnya dibayar, belum" if lang == "id" else "expected, not paid") in html
    enrolled = "terdaftar sejak 01-01-2026" if lang == "id" else "enrolled since 01-01-2026, card no. " + CARD
    assert enrolled in html
    flagged = page(browser, f"/payments?month=2026-03&flagged=1&lang={lang}")
    assert SITI[0] in flagged and ANI[0] not in flagged


def test_the_list_shows_who_is_enrolled_and_a_bad_month_is_refused_saying_why(browser, feed):  # noqa: F811
    feed.deliver(membership("4", SITI, "PKH", "PKH-0001", 0, start="2026-02-01"))
    assert "(PKH): enrolled since 01-02-2026, card no. PKH-0001" in page(browser, "/lists?lang=en")
    answer = browser.get("/payments?month=March&lang=en")
    refused = answer.get_data(as_text=True)
    assert answer.status_code == 422 and "The month must be written yyyy-mm" in refused and 'value="March"' in refused


def complaint(browser, **fields):
    form = {"csrf_token": browser.token, "category": "payment_delay", "complainant_name": "Siti Aminah",
            "complainant_nik": SITI[0], "description": "Iuran Maret belum tercatat.", "village_code": VILLAGE,
            "date_submitted": "2026-03-20", **fields}
    return browser.post("/complaints/new?lang=en", data=form)


def test_a_payment_delay_names_the_members_month_and_another_persons_membership_is_refused(browser, held):
    form = page(browser, "/complaints/new?lang=en")
    assert "Siti Aminah (" + SITI[0] + ") · " + SHIPPED["BPJS-K3"]["name"] + " (BPJS-K3) · " + CARD in form
    refused = complaint(browser, payment_membership="2", payment_period="2026-03")  # Ani's, not Siti's
    assert refused.status_code == 422
    said = refused.get_data(as_text=True)
    assert "This laptop holds no such membership of the complainant in that month" in said
    assert "Iuran Maret belum tercatat." in said
    incomplete = complaint(browser, payment_membership="1").get_data(as_text=True)
    assert "Payment month is required when the payment concerned is named." in incomplete
    assert complaint(browser, payment_membership="1", payment_period="2026-03").status_code == 302
    saved = list(held.db.query("SELECT payment_membership, payment_period FROM complaint"))
    assert saved == [{"payment_membership": "1", "payment_period": "2026-03"}]


def test_a_person_of_a_household_shows_the_membership(browser, laptop, feed):  # noqa: F811
    from tests.integration.test_village_lists import BUDI
    from tests.integration.test_village_store import HEAD, HOUSEHOLD
    from village_client import records

    store, officer, _ = laptop
    household_id, _ = records.register_household(store, officer, HOUSEHOLD, [HEAD])
    feed.deliver(membership("5", BUDI, "BPJS-K3", "0005", 25500, start="2026-02-01"))
    shown = page(browser, f"/households/{household_id}?lang=en")
    assert "Budi Santoso" in shown and " (BPJS-K3): enrolled since 01-02-2026, card no. 0005" in shown
    assert SHIPPED["BPJS-K3"]["name"] in shown  # the programme by name, its code beside
    assert f'href="/claims/new?nik={BUDI[0]}"' in shown  # a member's claim starts from the person


def test_a_village_of_many_members_pages_the_month_and_keeps_the_filters(browser, feed):  # noqa: F811
    """250 more memberships of JSLU, none paid: three pages of 100, the count beside the pager, the filters kept."""
    feed.deliver(*[membership(str(100 + n), SITI, "JSLU", f"JSLU-{n:04d}", 0) for n in range(250)])
    first = page(browser, "/payments?month=2026-03&flagged=1&lang=en")
    assert first.count('<tr id="payment-') == 100 and "Rows 1–100 of 251" in first  # Ani's JSLU is flagged too
    assert 'href="/payments?page=2&amp;month=2026-03&amp;flagged=1"' in first
    last = page(browser, "/payments?month=2026-03&flagged=1&page=3&lang=en")
    assert last.count('<tr id="payment-') == 51 and "Rows 201–251 of 251" in last and 'rel="next"' not in last
    assert "Rows 201–252 of 252" in page(browser, "/payments?month=2026-03&page=99&lang=en")  # past the end: the last
