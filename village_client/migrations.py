"""The local database schema as an ordered list of migrations, run at every start-up.

Each migration runs in its own transaction with the record of it having run (sqlite-utils
`Migrations`). A migration may add, rename or rebuild tables, but never loses a row of the outbox:
`guard_outbox` counts the outbox before and after and raises `OutboxWouldShrink`, which rolls the migration
back, so unsynced work survives every upgrade. Published migrations are never edited; changes are
new steps at the end.
"""

import json

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("sws_village")


class OutboxWouldShrink(Exception):
    """A migration would have removed change-sets from the outbox; it was rolled back."""


def guard_outbox(function):
    """`function` as a migration that raises OutboxWouldShrink (rolling itself back) if it loses outbox rows."""

    def guarded(db):
        before = _outbox_rows(db)
        function(db)
        after = _outbox_rows(db)
        if after < before:
            raise OutboxWouldShrink(f"{function.__name__} would leave {after} of {before} outbox rows")

    guarded.__name__ = function.__name__
    return guarded


def step(function):
    """Register `function` as the next client migration, guarded by `guard_outbox`."""
    return MIGRATIONS(name=function.__name__)(guard_outbox(function))


def _outbox_rows(db) -> int:
    return db["outbox"].count if db["outbox"].exists() else 0


def migrate(db) -> list:
    """Apply the pending migrations; return their names."""
    pending = [migration.name for migration in MIGRATIONS.pending(db)]
    MIGRATIONS.apply(db)
    return pending


@step
def m001_device_officers_outbox(db):
    db.executescript("""
    CREATE TABLE device (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        device_id TEXT NOT NULL, public_key TEXT NOT NULL, label TEXT NOT NULL DEFAULT '',
        hub_url TEXT, hub_public_key TEXT, scope TEXT NOT NULL DEFAULT '[]', role TEXT,
        enrolled_at TEXT, feed_cursor TEXT NOT NULL DEFAULT '', record_counter INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT, last_success_at TEXT, last_error TEXT, last_error_code TEXT,
        last_summary TEXT
    );
    CREATE TABLE officer (
        username TEXT PRIMARY KEY, full_name TEXT NOT NULL, role TEXT NOT NULL,
        pin_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL
    );
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, prev_hash TEXT NOT NULL, body TEXT NOT NULL,
        officer TEXT NOT NULL, created_at TEXT NOT NULL,
        acked INTEGER NOT NULL DEFAULT 0, acked_at TEXT, outcome TEXT, refusal_code TEXT, refusal_reason TEXT
    );
    CREATE TABLE pending_edit (
        table_name TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY (table_name, record_id, field, seq)
    );
    """)


@step
def m002_records(db):
    # Columns are the fields of `schemas`; fields a newer hub sends that are not columns go to `extra`.
    db.executescript("""
    CREATE TABLE household (
        id TEXT PRIMARY KEY, kk_number TEXT, kk_history TEXT, head_person_id TEXT, village_code TEXT,
        address TEXT, address_rt INTEGER, address_rw INTEGER, welfare_decile INTEGER, decile_source TEXT,
        _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE TABLE person (
        id TEXT PRIMARY KEY, household_id TEXT, nik TEXT, nik_status TEXT, nik_mismatch_confirmed INTEGER,
        kk_number TEXT, name TEXT, birth_place TEXT, birth_date TEXT, sex TEXT, marital_status TEXT,
        relationship TEXT, address_rt INTEGER, address_rw INTEGER, village_code TEXT, occupation TEXT,
        education TEXT, disability TEXT, disability_severe INTEGER, monthly_income INTEGER, pregnant INTEGER,
        phone TEXT, migration TEXT, migration_date TEXT, _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE INDEX person_household ON person (household_id);
    CREATE INDEX person_nik ON person (nik);
    CREATE TABLE complaint (
        id TEXT PRIMARY KEY, reference_number TEXT, village_code TEXT, date_submitted TEXT, date_transmitted TEXT,
        officer_in_charge TEXT, complainant_person_id TEXT, complainant_name TEXT, complainant_phone TEXT,
        channel TEXT, category TEXT, programme_code TEXT, description TEXT, response TEXT, response_date TEXT,
        acknowledged INTEGER, acknowledged_date TEXT, escalation_level TEXT, status TEXT, resolved_date TEXT,
        _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE TABLE complaint_event (
        id TEXT PRIMARY KEY, complaint_id TEXT NOT NULL, kind TEXT, officer TEXT, time TEXT, status TEXT,
        escalation_level TEXT, text TEXT, extra TEXT
    );
    CREATE INDEX complaint_event_complaint ON complaint_event (complaint_id);
    CREATE TABLE application (
        id TEXT PRIMARY KEY, person_id TEXT, programme_code TEXT, status TEXT, status_date TEXT,
        justification TEXT, officer TEXT, list_version INTEGER, _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    """)


@step
def m003_hub_data(db):
    db.executescript("""
    CREATE TABLE programme (code TEXT PRIMARY KEY, name TEXT, data TEXT NOT NULL);
    CREATE TABLE beneficiary_list (
        id TEXT PRIMARY KEY, programme_code TEXT, village_code TEXT, version INTEGER, data TEXT NOT NULL
    );
    CREATE TABLE conflict (
        id TEXT PRIMARY KEY, table_name TEXT, record_id TEXT, field TEXT, data TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open', resolution TEXT, received_at TEXT NOT NULL
    );
    CREATE TABLE refusal (
        id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER, record_id TEXT, code TEXT, reason TEXT,
        source TEXT NOT NULL, received_at TEXT NOT NULL
    );
    CREATE TABLE revocation (device_id TEXT PRIMARY KEY, reason TEXT, at INTEGER);
    """)


@step
def m004_relay(db):
    db.executescript("""
    CREATE TABLE relay_device (device_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, learned_at TEXT NOT NULL);
    """)


@step
def m005_person_address(db):
    # A person's free-text address (street, dusun) joined the person schema; existing rows keep NULL.
    db.execute("ALTER TABLE person ADD COLUMN address TEXT")


@step
def m006_sync_indexes(db):
    # Acknowledging deletes pending edits up to a sequence number, and every sync looks for the
    # unacknowledged change-sets: both without a full scan as the laptop's history grows.
    db.executescript("""
    CREATE INDEX IF NOT EXISTS pending_edit_seq ON pending_edit (seq);
    CREATE INDEX IF NOT EXISTS outbox_unacked ON outbox (acked, seq);
    """)


@step
def m007_lists_and_corrections(db):
    # A beneficiary list is now held as its current version per programme and village with its members
    # (village_client.lists), no longer as one row per version received. The versions already received
    # are replayed in order into the new tables, so no list has to be pulled again. The replay is
    # written out here, not borrowed from village_client.lists, so this step stays what it was when
    # later versions of that module change.
    db.execute("ALTER TABLE beneficiary_list RENAME TO beneficiary_list_received")
    for statement in M007_TABLES:
        db.execute(statement)
    received = db.query("SELECT * FROM beneficiary_list_received ORDER BY programme_code, village_code, version")
    for row in list(received):
        _m007_replay(db, row)
    db.execute("DROP TABLE beneficiary_list_received")


def _m007_reasons(reasons) -> list:
    if not isinstance(reasons, list):
        raise TypeError("a member's reasons are a list")
    return [str(reason) for reason in reasons]


def _m007_replay(db, row: dict) -> None:
    """Apply one received version to the new tables; one that cannot be read leaves its list marked stale."""
    key = (row["programme_code"] or "", row["village_code"] or "")
    try:
        data = json.loads(row["data"])
        whole, number = not data.get("base_version"), int(data["version"])
        members = [(str(item[0]), item[1], json.dumps(_m007_reasons(item[2]))) for item in data.get("added") or []]
        removed = [str(nik) for nik in data.get("removed") or []]
        base, list_date, size = int(data.get("base_version") or 0), data.get("list_date"), data.get("size")
    except (KeyError, TypeError, ValueError, IndexError):
        whole, number, members, removed = False, int(row["version"] or 0), [], []
        base, list_date, size, stale = None, None, None, True
    else:
        held = list(db.execute("SELECT version, stale FROM beneficiary_list WHERE programme_code = ? "
                               "AND village_code = ?", key).fetchall())
        stale = not whole and (not held or held[0][0] != base or bool(held[0][1]))
    where = "programme_code = ? AND village_code = ?"
    if whole:
        db.execute(f"DELETE FROM list_member WHERE {where}", key)
    for nik in removed:
        db.execute(f"DELETE FROM list_member WHERE {where} AND nik = ?", (*key, nik))
    db.conn.executemany("INSERT OR REPLACE INTO list_member (programme_code, village_code, nik, name, reasons) "
                        "VALUES (?, ?, ?, ?, ?)", [(*key, *member) for member in members])
    db.execute("INSERT OR REPLACE INTO beneficiary_list (programme_code, village_code, version, base_version, "
               "version_id, list_date, size, received_at, stale) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)",
               (*key, number, base, row["id"], list_date, size, int(stale)))


M007_TABLES = (
    """CREATE TABLE beneficiary_list (
        programme_code TEXT NOT NULL, village_code TEXT NOT NULL, version INTEGER NOT NULL, base_version INTEGER,
        version_id TEXT, list_date TEXT, size INTEGER, received_at TEXT NOT NULL,
        added TEXT NOT NULL DEFAULT '[]', changed TEXT NOT NULL DEFAULT '[]', removed TEXT NOT NULL DEFAULT '[]',
        stale INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (programme_code, village_code)
    )""",
    """CREATE TABLE list_member (
        programme_code TEXT NOT NULL, village_code TEXT NOT NULL, nik TEXT NOT NULL, name TEXT, reasons TEXT,
        PRIMARY KEY (programme_code, village_code, nik)
    )""",
    "CREATE INDEX list_member_nik ON list_member (nik)",
    """CREATE TABLE list_correction (
        id TEXT PRIMARY KEY, programme_code TEXT, nik TEXT, village_code TEXT, decision TEXT, reason TEXT,
        meeting_date TEXT, list_version INTEGER, officer TEXT, _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    )""",
    "CREATE INDEX list_correction_list ON list_correction (programme_code, village_code)",
    "ALTER TABLE application ADD COLUMN nik TEXT",
    "ALTER TABLE application ADD COLUMN village_code TEXT",
    "CREATE INDEX application_programme ON application (programme_code)",
)


@step
def m008_hub_status_and_list_status(db):
    # What the hub made of each record it keeps (counted, or kept but not counted and why), from feed
    # entries of kind "status"; and each list member's status (listed, awaiting verification, proposed).
    db.executescript("""
    CREATE TABLE record_status (
        record_id TEXT PRIMARY KEY, table_name TEXT, status TEXT NOT NULL, counted INTEGER NOT NULL,
        data TEXT NOT NULL, received_at TEXT NOT NULL
    );
    CREATE INDEX record_status_counted ON record_status (counted);
    ALTER TABLE list_member ADD COLUMN status TEXT NOT NULL DEFAULT 'listed';
    """)


@step
def m009_person_death_date(db):
    # A death is recorded on the person (schemas.person `death_date`); the record stays.
    db.execute("ALTER TABLE person ADD COLUMN death_date TEXT")


@step
def m010_person_moved_to(db):
    # Where someone who moved out of the district went (schemas.person `moved_to`): the record stays, archived.
    db.execute("ALTER TABLE person ADD COLUMN moved_to TEXT")


@step
def m011_population(db):
    # The synchronized residents of the laptop's scope, as the hub sends them (feed kind "population"):
    # read-only here; updating one makes an ordinary person record (`village_client.residents`).
    db.executescript("""
    CREATE TABLE resident (
        nik TEXT PRIMARY KEY, village_code TEXT NOT NULL, name TEXT, name_key TEXT, birth_place TEXT,
        birth_date TEXT, sex TEXT, relationship TEXT, marital_status TEXT, occupation TEXT, household TEXT,
        kk_number TEXT, address TEXT, address_rt TEXT, address_rw TEXT, verification TEXT
    );
    CREATE INDEX resident_village ON resident (village_code, name_key);
    CREATE INDEX resident_household ON resident (household);
    CREATE TABLE population_sheet (
        village_code TEXT PRIMARY KEY, version INTEGER NOT NULL, version_id TEXT, size INTEGER,
        received_at TEXT, stale INTEGER NOT NULL DEFAULT 0
    );
    """)


@step
def m012_last_sync_via(db):
    # How the last successful exchange with the hub went: "network" or "usb" (a return bundle applied).
    db.execute("ALTER TABLE device ADD COLUMN last_sync_via TEXT")


@step
def m013_roles_and_antenatal_visits(db):
    # Officers are told to the hub as records (schemas.officer_record), so it checks each change-set
    # against its officer's role; the midwife's antenatal visits; a pregnancy's expected delivery date.
    db.executescript("""
    ALTER TABLE officer ADD COLUMN record_id TEXT;
    ALTER TABLE person ADD COLUMN expected_delivery_date TEXT;
    CREATE TABLE antenatal_visit (
        id TEXT PRIMARY KEY, person_id TEXT NOT NULL, visit_date TEXT, pregnancy_week INTEGER, muac_mm INTEGER,
        notes TEXT, officer TEXT, _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE INDEX antenatal_visit_person ON antenatal_visit (person_id, visit_date);
    """)


@step
def m014_complaint_form_and_history(db):
    # The whole action form (schemas.complaint); events carry the date they happened, their step in
    # the complaint's history and the officer put in charge, from which every laptop and the hub derive
    # the complaint's state (schemas.complaint_state); a counter of this laptop's complaints makes
    # their reference numbers (village_client.complaints).
    db.executescript("""
    ALTER TABLE complaint ADD COLUMN anonymous INTEGER;
    ALTER TABLE complaint ADD COLUMN complainant_nik TEXT;
    ALTER TABLE complaint ADD COLUMN complainant_address TEXT;
    ALTER TABLE complaint ADD COLUMN desired_action TEXT;
    ALTER TABLE complaint_event ADD COLUMN date TEXT;
    ALTER TABLE complaint_event ADD COLUMN step INTEGER;
    ALTER TABLE complaint_event ADD COLUMN officer_in_charge TEXT;
    ALTER TABLE device ADD COLUMN complaint_counter INTEGER NOT NULL DEFAULT 0;
    """)


@step
def m015_relay_log(db):
    # What the sub-district relay carried, for its page: each village request forwarded or refused, over
    # the local network or on a USB stick.
    db.executescript("""
    CREATE TABLE relay_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, via TEXT NOT NULL, device_id TEXT, outcome TEXT NOT NULL,
        code TEXT
    );
    CREATE INDEX relay_log_at ON relay_log (at);
    """)


@step
def m016_child_health(db):
    # A child's growth and vaccines, recorded by the midwife (schemas.child_health); vaccines as JSON.
    db.executescript("""
    CREATE TABLE child_health (
        id TEXT PRIMARY KEY, person_id TEXT NOT NULL, measured_on TEXT, weight_g INTEGER, height_mm INTEGER,
        vaccines TEXT, notes TEXT, officer TEXT, _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE INDEX child_health_person ON child_health (person_id, measured_on);
    """)


@step
def m017_worklist(db):
    # The sub-district's worklist: inconsistencies between sources in its villages, as the hub sends them
    # (feed kind "inconsistency"), each with every source's value.
    db.executescript("""
    CREATE TABLE inconsistency (
        id TEXT PRIMARY KEY, nik TEXT NOT NULL, name TEXT, kind TEXT NOT NULL, village_code TEXT,
        sources TEXT NOT NULL, status TEXT NOT NULL, opened_at TEXT, closed_at TEXT, resolved_by TEXT, note TEXT,
        field TEXT
    );
    CREATE INDEX inconsistency_open ON inconsistency (status, village_code, opened_at);
    """)


@step
def m018_field_checks(db):
    # The outcomes of field checks a sub-district officer records on the worklist (schemas.field_check),
    # synced up like any record; the hub's word on each comes back as its status.
    db.executescript("""
    CREATE TABLE field_check (
        id TEXT PRIMARY KEY, village_code TEXT, inconsistency_id TEXT, person_id TEXT, nik TEXT, outcome TEXT,
        decided_field TEXT, decided_value TEXT, document TEXT, reason TEXT, checked_on TEXT, officer TEXT,
        _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE INDEX field_check_inconsistency ON field_check (inconsistency_id);
    CREATE INDEX field_check_person ON field_check (person_id);
    """)


@step
def m019_outbox_archive(db):
    # The chain of a laptop re-admitted under a new identity after a restore from a backup
    # (village_client.readmit): kept read-only, for the record, under the identity that signed it.
    db.executescript("""
    CREATE TABLE outbox_archive (
        device_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, prev_hash TEXT NOT NULL,
        body TEXT NOT NULL, officer TEXT NOT NULL, created_at TEXT NOT NULL, acked INTEGER NOT NULL,
        acked_at TEXT, outcome TEXT, refusal_code TEXT, refusal_reason TEXT,
        PRIMARY KEY (device_id, seq)
    );
    """)


@step
def m020_sensitive_complaints(db):
    # A sensitive case (schemas/sensitive.py) is seen on this laptop by the officer who recorded it only:
    # who that is, kept here (the laptop's own, never synced); a referral names the protection unit.
    db.executescript("""
    CREATE TABLE sensitive_complaint (complaint_id TEXT PRIMARY KEY, recorded_by TEXT NOT NULL);
    ALTER TABLE complaint_event ADD COLUMN referred_to TEXT;
    """)


@step
def m021_pin_lock(db):
    # Wrong PINs in a row per officer, and until when the officer is locked out (village_client.officers).
    db.executescript("""
    ALTER TABLE officer ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE officer ADD COLUMN locked_until TEXT;
    """)


@step
def m022_cases(db):
    # Cases (schemas/case.py): the case as opened and its append-only events; an assessment's answers and a
    # migrant worker's documents are JSON text, as the hub's copy arrives. `case` is an SQL word: always [case].
    db.executescript("""
    CREATE TABLE [case] (
        id TEXT PRIMARY KEY, village_code TEXT, case_kind TEXT, subject_name TEXT, nik TEXT, kk_number TEXT,
        person_id TEXT, household_id TEXT, opened_on TEXT, officer TEXT, summary TEXT,
        _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE TABLE case_event (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT, officer TEXT, time TEXT, date TEXT, step INTEGER,
        answers TEXT, service_code TEXT, action TEXT, responsible TEXT, due_date TEXT, session_kind TEXT,
        session_outcome TEXT, referral_id TEXT, referral_answer TEXT, migrant_stage TEXT, destination_country TEXT,
        placement_agency TEXT, job TEXT, documents TEXT, pre_departure_training INTEGER, contact TEXT,
        return_date TEXT, reintegration_plan TEXT, closure_reason TEXT, text TEXT,
        _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE INDEX case_event_case ON case_event (case_id);
    """)


@step
def m023_protocol_v2(db):
    # Protocol version 2 (docs/protocol.md §10-11): the version the hub answered in (0 before it said),
    # the counter of the last signed request, the hub's challenge for the next one, and the counter of
    # the last reply applied, so an old reply brought back again is not applied twice.
    db.executescript("""
    ALTER TABLE device ADD COLUMN hub_protocol INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE device ADD COLUMN request_counter INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE device ADD COLUMN challenge TEXT NOT NULL DEFAULT '';
    ALTER TABLE device ADD COLUMN reply_counter INTEGER NOT NULL DEFAULT 0;
    """)


@step
def m024_outreach_sessions(db):
    # The village task force's outreach sessions (schemas/outreach_session.py); the NIKs named are JSON text.
    db.executescript("""
    CREATE TABLE outreach_session (
        id TEXT PRIMARY KEY, village_code TEXT, held_on TEXT, place TEXT, topic TEXT, men INTEGER, women INTEGER,
        niks TEXT, officer TEXT, notes TEXT, _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE INDEX outreach_session_held ON outreach_session (held_on);
    """)


@step
def m025_memberships(db):
    # Memberships of the village's people and the payments matched to them, as the hub's feed sends them
    # (kind "membership", docs/payments.md "On the village laptop"): one row per membership, its payments
    # as JSON text [[kind, yyyy-mm, paid_on, amount, reference], ...], replaced whole on every entry; a complaint
    # of category payment_delay may name the membership and month it is about (schemas/complaint.py).
    db.executescript("""
    CREATE TABLE membership (
        id TEXT PRIMARY KEY, programme_code TEXT, nik TEXT, number TEXT, village_code TEXT, start TEXT, [end] TEXT,
        payer TEXT, health_class INTEGER, monthly_contribution INTEGER, payments TEXT NOT NULL, received_at TEXT
    );
    CREATE INDEX membership_nik ON membership (nik);
    ALTER TABLE complaint ADD COLUMN payment_membership TEXT;
    ALTER TABLE complaint ADD COLUMN payment_period TEXT;
    """)


@step
def m026_claims(db):
    # Claims facilitated by the SWS (schemas/claim.py, docs/payments.md "Claims"): the claim as recorded and the
    # hub's append-only steps (passed to the agency, paid, refused); the documents brought are JSON text.
    db.executescript("""
    CREATE TABLE claim (
        id TEXT PRIMARY KEY, village_code TEXT, person_id TEXT, nik TEXT, name TEXT, programme_code TEXT,
        card_number TEXT, claim_kind TEXT, happened_on TEXT, amount_claimed INTEGER, documents_present TEXT,
        notes TEXT, recorded_on TEXT, officer TEXT, _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE INDEX claim_recorded ON claim (recorded_on);
    CREATE TABLE claim_event (
        id TEXT PRIMARY KEY, claim_id TEXT NOT NULL, kind TEXT, officer TEXT, time TEXT, date TEXT, step INTEGER,
        amount_paid INTEGER, paid_on TEXT, refusal_reason TEXT, agency_reference TEXT, text TEXT,
        _deleted INTEGER NOT NULL DEFAULT 0, extra TEXT
    );
    CREATE INDEX claim_event_claim ON claim_event (claim_id);
    """)


@step
def m027_services(db):
    # The district's directory of services (feed kind "service", hub_server/services/directory.py): case workers
    # choose a plan action's or a referral's service from it offline.
    db.executescript("""
    CREATE TABLE service (
        code TEXT PRIMARY KEY, name TEXT, kind TEXT, address TEXT, region_code TEXT, phone TEXT, opening_hours TEXT,
        active INTEGER NOT NULL DEFAULT 1, received_at TEXT
    );
    """)


@step
def m028_producing_edits(db):
    # Change-set format 2 (docs/protocol.md §3, §13): for each record whose history the laptop knows, the edit
    # that produced each field's value ({field: edit id}; a field left out is still as created, a null one is
    # not known), named as `e` when an officer edits the field; and the change-set format the laptop makes,
    # 2 once its hub's feed has shown that it reads it.
    db.executescript("""
    CREATE TABLE producing_edit (
        table_name TEXT NOT NULL, record_id TEXT NOT NULL, edits TEXT NOT NULL, PRIMARY KEY (table_name, record_id)
    );
    ALTER TABLE device ADD COLUMN changeset_version INTEGER NOT NULL DEFAULT 1;
    """)


@step
def m029_payment_months(db):
    # Payments arrive by village and month (feed kind "payment_month", docs/payments.md "On the village
    # laptop"), no longer inside each membership: one row per payment, replaced a village's month at a time.
    # The payments held in the memberships' JSON move here, and the column goes (the table is rebuilt, as
    # SQLite before 3.35 drops no column). A laptop that holds memberships reads its feed again from the start
    # at its next sync: if its hub was upgraded first, the laptop skipped the hub's payment months (an unknown
    # kind) and would never hear of them again (docs/operations.md, "Upgrading to revision 0028").
    db.executescript("""
    CREATE TABLE payment (
        membership_id TEXT NOT NULL, village_code TEXT, period TEXT NOT NULL, kind TEXT NOT NULL, paid_on TEXT NOT NULL,
        amount INTEGER NOT NULL, reference TEXT
    );
    CREATE INDEX payment_membership ON payment (membership_id, period);
    CREATE INDEX payment_village_month ON payment (village_code, period);
    """)
    rows = [(row["id"], row["village_code"], period, kind, paid_on, amount, reference)
            for row in db.query("SELECT id, village_code, payments FROM membership")
            for kind, period, paid_on, amount, reference in json.loads(row["payments"] or "[]")]
    db.conn.executemany("INSERT INTO payment (membership_id, village_code, period, kind, paid_on, amount, reference) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.executescript("""
    CREATE TABLE membership_kept (
        id TEXT PRIMARY KEY, programme_code TEXT, nik TEXT, number TEXT, village_code TEXT, start TEXT, [end] TEXT,
        payer TEXT, health_class INTEGER, monthly_contribution INTEGER, received_at TEXT
    );
    INSERT INTO membership_kept SELECT id, programme_code, nik, number, village_code, start, [end], payer, health_class,
        monthly_contribution, received_at FROM membership;
    DROP TABLE membership;
    ALTER TABLE membership_kept RENAME TO membership;
    CREATE INDEX membership_nik ON membership (nik);
    UPDATE device SET feed_cursor = '' WHERE EXISTS (SELECT 1 FROM membership);
    """)
