"""A small fixed district for the report tests, built through the hub's real services, with its figures
worked out by hand for March 2026 (WIB).

Villages: V1 Tulungrejo and V2 Banjarejo in Donomulyo (35.07.01), V3 Sumbermanjing Kulon in Pagak (35.07.02).

- Extracts imported on 2 March: household A in V1 (Budi 66, Sri 60, Ani 11; decile 2), household B in V2
  (Joko 36, Rina 33; decile 5), household C in V3 (Ahmad 75; decile 1).
- Village registrations through the sync path's identity check: Budi again (a NIK the extracts hold) and
  Dewi (25, no extract holds her) in V1 in March; Eko (67) in V2 on 1 April 01:00 WIB (31 March 18:00 UTC).
  Dewi is confirmed on 20 March; Eko still awaits verification. A household record of V2 made in
  February is edited in March.
- Programmes: OLD-D (old age, 60+, Rp200.000 a month, lists residents awaiting verification), HH-N
  (children, households in deciles 1-2, Rp750.000 a quarter), HEALTH (health, deciles 1-5, no amount,
  proposes residents awaiting verification). Matching on 15 March.
- Applications: Budi for OLD-D (received 12 March, approved 20 March), Ahmad for HH-N (received 12 March,
  rejected 2 April), Joko for OLD-D (received 10 February, still open).
- Memberships: Budi enrolled in OLD-D from 20 March (card OLD-0001); the bank's file pays him Rp200.000
  for March on 28 March.
- Complaints: V1 inclusion error 5-15 March (settled in 10 days); V1 payment delay since 10 January (open);
  V2 payment delay from 20 March (open); V2 service quality from 2 March, answered by a response event on 9
  March (its state derived from its events); V3 exclusion error 25 February, closed 3 April.
- Cases: K1 returnee in V1 opened 2 March, plan action 4 March (first action: 2 days), referral 5 March
  answered (served) 12 March, closed 20 March (plan completed); K2 household plan in V2 opened 20 February,
  home visit 10 March (first action: 18 days), referral 11 March unanswered; K3 crisis in V3 opened 25
  March, nothing since; K4 prospective migrant in V1 opened 10 January (pre-departure for Taiwan on 15
  January, abroad on 1 April), referred to the LTSA on 10 February (never answered), closed 2 April
  (declined). K1 returned from Hong Kong (recorded 3 March); its referral was to the LTSA.
- Village task force: outreach sessions in V1 on 4 March (12 men, 18 women, 2 named) and 18 March (5 men, 9
  women), in V2 on 10 March (3 men, 4 women), in V3 on 27 February and 1 April (not in March).
- Laptops: D1 of V1 (last sync 30 March, 4 change-sets in March, one refused), D2 of V2 (last sync 20 March,
  one change-set in March, a fork refused), D3 of Donomulyo (never synchronised), D4 of V3 (revoked; one
  change-set in March).
The report is made on 5 April 2026.
"""

import csv
import datetime as dt
from pathlib import Path

from hub_server.models import AuditLog, Device
from hub_server.models.calls import DirectoryService
from hub_server.models.population import Person
from hub_server.models.records import ReceivedChangeSet, Record, RecordEdit
from hub_server.services import (
    applications,
    catalogue,
    identity,
    lists,
    matching,
    memberships,
    payment_import,
    verification,
)
from hub_server.services.apply import RecordState
from hub_server.services.imports import pipeline

V1, V2, V3 = "35.07.01.2001", "35.07.01.2002", "35.07.02.2001"
D1, D2, D3, D4 = "vone234567", "vtwo234567", "kecamatan2", "vthree2345"
MONTH, MADE = "2026-03", dt.datetime(2026, 4, 5, tzinfo=dt.UTC)
ACTOR = "cli:test"


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


KK_A, KK_B, KK_C = "3507010101200001", "3507010101200002", "3507020101200003"
PEOPLE = [  # nik, name, birth date, sex, village, card, relationship
    ("3507010101600001", "Budi Santoso", "1960-01-01", "M", V1, KK_A, "head"),
    ("3507014505650001", "Sri Wahyuni", "1965-05-05", "F", V1, KK_A, "spouse"),
    ("3507014202150001", "Ani Rahayu", "2015-02-02", "F", V1, KK_A, "child"),
    ("3507010303900001", "Joko Widodo", "1990-03-03", "M", V2, KK_B, "head"),
    ("3507014404920001", "Rina Marlina", "1992-04-04", "F", V2, KK_B, "spouse"),
    ("3507020606500001", "Ahmad Fauzi", "1950-06-06", "M", V3, KK_C, "head"),
]
WELFARE = [(KK_A, "3507010101600001", "Budi Santoso", V1, 3, 2), (KK_B, "3507010303900001", "Joko Widodo", V2, 2, 5),
           (KK_C, "3507020606500001", "Ahmad Fauzi", V3, 1, 1)]
CATALOGUE = [
    {"code": "OLD-D", "name": "Lansia uji", "name_en": "Old age test", "guarantee": "old_age", "level": "district",
     "region_code": "35.07", "benefit": "Bantuan tunai", "benefit_amount": 200000, "benefit_period": "monthly",
     "eligibility_rule": {"fact": "age", "op": "ge", "value": 60}, "matching": {"unverified": "list"}},
    {"code": "HH-N", "name": "Keluarga uji", "name_en": "Household test", "guarantee": "children",
     "level": "national", "benefit": "Bantuan keluarga", "benefit_amount": 750000, "benefit_period": "quarterly",
     "eligibility_rule": {"fact": "welfare_decile", "op": "le", "value": 2}, "matching": {"unit": "household"}},
    {"code": "HEALTH", "name": "Sehat uji", "name_en": "Health test", "guarantee": "health", "level": "national",
     "benefit": "Iuran kesehatan", "eligibility_rule": {"fact": "welfare_decile", "op": "le", "value": 5}},
]


def _write(path: Path, header: list, rows: list) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def extracts(folder: Path) -> dict:
    ektp = [(nik, name, "Malang", born, sex, "Jl. Desa 1", "001", "002", village, "married", "farmer")
            for nik, name, born, sex, village, _, _ in PEOPLE]
    heads = {card: nik for nik, _, _, _, _, card, relationship in PEOPLE if relationship == "head"}
    kk = [(card, nik, name, relationship, heads[card], "2020-01-01", "Jl. Desa 1", "001", "002", village)
          for nik, name, _, _, village, card, relationship in PEOPLE]
    return {
        "ektp": _write(folder / "ektp.csv", ["nik", "name", "birth_place", "birth_date", "sex", "address", "address_rt",
                                            "address_rw", "village_code", "marital_status", "occupation"], ektp),
        "kk": _write(folder / "kk.csv", ["kk_number", "nik", "name", "relationship", "head_nik", "kk_issue_date",
                                        "address", "address_rt", "address_rw", "village_code"], kk),
        "welfare": _write(folder / "welfare.csv", ["kk_number", "head_nik", "head_name", "village_code", "members",
                                                  "decile"], WELFARE),
    }


def _changeset(session, device, seq, at, outcome="applied"):
    session.add(ReceivedChangeSet(device_id=device, seq=seq, hash=f"{seq:064d}", outcome=outcome, officer="siti",
                                  code="invalid" if outcome == "refused" else None, wall_time=0, ops=1,
                                  received_at=at, via="http"))


def _person(database, device, seq, at, values):
    """A person record of a village as the sync path stores and checks it."""
    record_id = f"{device}-{seq}"
    with database.uow() as uow:
        uow.session.add(Record(id=record_id, table_name="person", village_code=values["village_code"], data=values,
                               created_by=device, created_seq=seq))
        _changeset(uow.session, device, seq, at)
        uow.session.flush()
        state = RecordState("person", record_id, values["village_code"], dict(values), values=dict(values),
                            is_new=True, changed=True)
        identity.check(uow.session, [state], at)
        uow.commit()


def _application(database, device, seq, at, values):
    record_id = f"{device}-{seq}"
    values = {"id": record_id, "status": "applied", "_deleted": False, **values}
    with database.uow() as uow:
        uow.session.add(Record(id=record_id, table_name="application", village_code=values["village_code"],
                               data=values, created_by=device, created_seq=seq))
        _changeset(uow.session, device, seq, at)
        uow.session.flush()
        lists.absorb(uow.session, [RecordState("application", record_id, values["village_code"], dict(values),
                                               values=dict(values), is_new=True, changed=True)], at)
        uow.commit()
    return record_id


def _complaint(session, number, village, category, submitted, status="open", resolved=None):
    data = {"id": f"{D1}-c{number}", "reference_number": f"ADU-{number}", "village_code": village,
            "date_submitted": submitted, "category": category, "description": "Uji", "complainant_name": "Warga",
            "status": status, "resolved_date": resolved, "response": "Dijawab" if resolved else None,
            "escalation_level": "village", "_deleted": False}
    session.add(Record(id=data["id"], table_name="complaint", village_code=village, data=data, created_by=D1,
                       created_seq=100 + number))


def _case(session, number, village, kind, opened, *events):
    case_id = f"{D1}-k{number}"
    data = {"village_code": village, "case_kind": kind, "subject_name": "Warga", "nik": "3507015505900001",
            "kk_number": KK_A, "opened_on": opened, "officer": "dewi", "_deleted": False}
    session.add(Record(id=case_id, table_name="case", village_code=village, data=data, created_by=D1,
                       created_seq=300 + number * 10))
    for step, (kind_of_event, date, fields) in enumerate(events, start=1):
        session.add(Record(id=f"{case_id}-{step}", table_name="case_event", village_code=village, created_by=D1,
                           created_seq=300 + number * 10 + step,
                           data={"case_id": case_id, "kind": kind_of_event, "officer": "dewi", "step": step,
                                 "time": f"{date}T03:00:00Z", "date": date, **fields}))


def _cases(session):
    plan = {"service_code": "BLK-KEPANJEN", "action": "Pelatihan", "responsible": "Dewi", "due_date": "2026-05-30"}
    _case(session, 1, V1, "returnee", "2026-03-02",
          ("migrant", "2026-03-03", {"migrant_stage": "returned", "destination_country": "HK",
                                     "return_date": "2026-02-20"}),
          ("plan_action", "2026-03-04", plan),
          ("referral", "2026-03-05", {"service_code": "LTSA-MALANG"}),
          ("referral_answer", "2026-03-12", {"referral_id": f"{D1}-k1-3", "referral_answer": "served"}),
          ("closure", "2026-03-20", {"closure_reason": "plan_completed"}))
    _case(session, 2, V2, "household_plan", "2026-02-20",
          ("session", "2026-03-10", {"session_kind": "visit", "session_outcome": "unchanged"}),
          ("referral", "2026-03-11", {"service_code": "PKM-DONOMULYO"}))
    _case(session, 3, V3, "crisis", "2026-03-25")
    _case(session, 4, V1, "prospective_migrant", "2026-01-10",
          ("migrant", "2026-01-15", {"migrant_stage": "pre_departure", "destination_country": "TW"}),
          ("referral", "2026-02-10", {"service_code": "LTSA-MALANG"}),  # never answered
          ("migrant", "2026-04-01", {"migrant_stage": "abroad"}),
          ("closure", "2026-04-02", {"closure_reason": "declined"}))


def _task_force(session):
    """Outreach sessions: two in V1 and one in V2 in March, one in V3 in February and one in April; the LTSA
    is the directory's one service of kind `ltsa`."""
    session.add(DirectoryService(code="LTSA-MALANG", name="LTSA Kabupaten Malang", kind="ltsa", address="Jl. Uji",
                                 region_code="35.07.13.1010", updated_at=utc(2026, 1, 2)))
    for number, (village, held_on, men, women, niks) in enumerate([
            (V1, "2026-03-04", 12, 18, ["3507010101600001", "3507014505650001"]), (V1, "2026-03-18", 5, 9, []),
            (V2, "2026-03-10", 3, 4, []), (V3, "2026-02-27", 20, 20, []), (V3, "2026-04-01", 7, 7, [])], start=1):
        data = {"village_code": village, "held_on": held_on, "place": "Balai desa", "topic": "safe_migration",
                "men": men, "women": women, "niks": niks, "officer": "siti", "_deleted": False}
        session.add(Record(id=f"{D1}-o{number}", table_name="outreach_session", village_code=village, data=data,
                           created_by=D1, created_seq=400 + number))


def _devices(session):
    for number, (device, role, scope, seen, revoked) in enumerate([
            (D1, "village", [V1], utc(2026, 3, 30, 2), None), (D2, "village", [V2], utc(2026, 3, 20, 2), None),
            (D3, "sub_district", ["35.07.01"], None, None), (D4, "village", [V3], utc(2026, 3, 12), utc(2026, 3, 25))]):
        session.add(Device(device_id=device, public_key=bytes([number]) * 32, scope=scope, role=role,
                           label=f"Laptop {number + 1}", enrolled_at=utc(2026, 1, 5), last_seen_at=seen,
                           revoked_at=revoked))
    _changeset(session, D1, 4, utc(2026, 3, 14), outcome="refused")
    session.add(AuditLog(at=utc(2026, 3, 21), actor=f"device:{D2}", action="sync.refused", subject=f"device:{D2}",
                         detail={"code": "fork", "via": "http"}))
    session.add(AuditLog(at=utc(2026, 2, 21), actor=f"device:{D2}", action="sync.refused", subject=f"device:{D2}",
                         detail={"code": "fork", "via": "http"}))


def _household_record(session):
    """A household record of V2 made in February and edited in March."""
    data = {"id": f"{D2}-1", "kk_number": KK_B, "village_code": V2, "address": "Jl. Lama"}
    session.add(Record(id=data["id"], table_name="household", village_code=V2, data={**data, "address": "Jl. Baru"},
                       initial=data, created_by=D2, created_seq=1))
    _changeset(session, D2, 1, utc(2026, 2, 15))
    _changeset(session, D2, 2, utc(2026, 3, 5))
    session.add(RecordEdit(record_id=data["id"], field="address", before="Jl. Lama", after="Jl. Baru", device_id=D2,
                           seq=2, op_index=0, officer="siti"))


def _membership(database, application_id: str, folder: Path) -> None:
    """Budi enrolled in OLD-D, and March's benefit paid to him."""
    with database.uow(clock=lambda: utc(2026, 3, 21, 4)) as uow:
        memberships.enrol(uow, application_id, memberships.Enrolment("OLD-0001", "2026-03-20"), user="user:admin")
    path = folder / "benefits-2026-03.csv"
    path.write_text("reference,nik,membership_number,programme,period,paid_on,amount\n"
                    f"POS/OLD/2026/03/0001,{PEOPLE[0][0]},OLD-0001,OLD-D,2026-03,2026-03-28,200000\n", encoding="utf-8")
    with database.uow(clock=lambda: utc(2026, 3, 28, 4)) as uow:
        payment_import.import_file(uow, "benefit", path, actor=ACTOR)


def build(database, folder: Path) -> None:
    """Everything above, in the order it happened."""
    for source, path in extracts(folder).items():
        with database.uow(clock=lambda: utc(2026, 3, 2, 3)) as uow:
            pipeline.import_file(uow, source, path, actor=ACTOR, today=dt.date(2026, 3, 2))
    with database.uow() as uow:
        catalogue.save(uow, CATALOGUE, actor=ACTOR)
    base = {"birth_place": "Malang", "address_rt": "001", "address_rw": "002"}
    _person(database, D1, 1, utc(2026, 3, 8), {**base, "nik": PEOPLE[0][0], "name": PEOPLE[0][1],
                                                "birth_date": PEOPLE[0][2], "sex": "M", "village_code": V1,
                                                "kk_number": KK_A, "relationship": "head"})
    _person(database, D1, 2, utc(2026, 3, 10), {**base, "nik": "3507014707000001", "name": "Dewi Lestari",
                                                 "birth_date": "2000-07-07", "sex": "F", "village_code": V1,
                                                 "kk_number": KK_A, "relationship": "child"})
    _person(database, D2, 3, utc(2026, 3, 31, 18), {**base, "nik": "3507010808580001", "name": "Eko Prasetyo",
                                                     "birth_date": "1958-08-08", "sex": "M", "village_code": V2,
                                                     "kk_number": KK_B, "relationship": "parent"})
    with database.uow(clock=lambda: utc(2026, 3, 15, 4)) as uow:
        matching.run(uow, actor=ACTOR, on=dt.date(2026, 3, 1))
    with database.uow(clock=lambda: utc(2026, 3, 20, 4)) as uow:
        dewi = uow.session.query(Person).filter_by(nik="3507014707000001").one().id
        verification.confirm(uow, dewi, user="user:camat", documents=["kk"], reason="Kartu keluarga diperiksa")
    budi = _application(database, D1, 3, utc(2026, 3, 12), {"programme_code": "OLD-D", "nik": PEOPLE[0][0],
                                                            "village_code": V1})
    ahmad = _application(database, D4, 1, utc(2026, 3, 12), {"programme_code": "HH-N", "nik": PEOPLE[5][0],
                                                             "village_code": V3})
    _application(database, D2, 9, utc(2026, 2, 10), {"programme_code": "OLD-D", "nik": PEOPLE[3][0],
                                                     "village_code": V2})
    with database.uow(clock=lambda: utc(2026, 3, 20, 4)) as uow:
        applications.decide(uow, budi, "approved", None, user="user:admin", today=dt.date(2026, 3, 20))
    _membership(database, budi, folder)
    with database.uow(clock=lambda: utc(2026, 4, 2, 4)) as uow:
        applications.decide(uow, ahmad, "rejected", "Bukan keluarga sasaran menurut musyawarah", user="user:admin",
                            today=dt.date(2026, 4, 2))
    with database.uow() as uow:
        _complaint(uow.session, 1, V1, "inclusion_error", "2026-03-05", "resolved", "2026-03-15")
        _complaint(uow.session, 2, V1, "payment_delay", "2026-01-10")
        _complaint(uow.session, 3, V2, "payment_delay", "2026-03-20")
        _complaint(uow.session, 4, V3, "exclusion_error", "2026-02-25", "closed", "2026-04-03")
        _complaint(uow.session, 5, V2, "service_quality", "2026-03-02")  # answered by an event on 9 March
        uow.session.add(Record(id=f"{D2}-e5", table_name="complaint_event", village_code=V2, created_by=D2,
                               created_seq=205, data={"complaint_id": f"{D1}-c5", "kind": "response", "step": 1,
                                                      "officer": "siti", "time": "2026-03-09T03:00:00Z",
                                                      "text": "Petugas puskesmas sudah menjelaskan"}))
        _devices(uow.session)
        _cases(uow.session)
        _task_force(uow.session)
        _household_record(uow.session)
        uow.commit()
