"""The village task force on the laptop: outreach sessions, and referrals of people to the LTSA.

An outreach session is one record written once (`schemas.outreach_session`), by the village
secretary or a case worker. A referral to the LTSA (the one-roof service for migrant workers) is not
a record of its own: it is a `prospective_migrant` case with a `referral` event to the LTSA's
service (`village_client.cases`), so the LTSA answers it as any referral is answered, the answer
reaches the village at its next sync, and the case can be followed on from there (docs/cases.md).
"""

import json

from schemas.local_time import date_in_region
from village_client import cases, records
from village_client.records import Officer

LIST_LIMIT = 300
REFERRAL_CASE_KIND = "prospective_migrant"


def record_outreach(store, officer: Officer, values: dict) -> str:
    """Record an outreach session; returns its id. `niks` may be a list or text split by commas or spaces;
    `held_on` defaults to today. Raises InvalidRecord naming each field (nothing is saved then)."""
    given = {"held_on": date_in_region(values.get("village_code")), **records._filled(values),
             "officer": officer.username}
    if isinstance(given.get("niks"), str):
        given["niks"] = given["niks"].replace(",", " ").split()
    return records.create_one(store, officer, "outreach_session", given)


def outreach_sessions(store, limit: int = LIST_LIMIT) -> list:
    """The latest outreach sessions the laptop holds, newest first, `niks` as a list."""
    rows = store.db.query("SELECT * FROM outreach_session WHERE _deleted = 0 ORDER BY held_on DESC, id DESC LIMIT ?",
                          [limit])
    return [{**row, "niks": json.loads(row["niks"]) if row.get("niks") else []} for row in rows]


def refer_to_ltsa(store, officer: Officer, values: dict) -> tuple:
    """Refer a person to the LTSA: a prospective migrant worker's case and its referral event. Returns
    (case id, referral id). `values`: the case's fields (subject_name, nik, village_code, summary), the
    LTSA's `service_code` and the referral's `text`. Raises InvalidRecord (an officer who does not follow
    cases is refused naming `case`)."""
    return cases.open_with_referral(store, officer, values, REFERRAL_CASE_KIND)
