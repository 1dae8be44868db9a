"""Enrollment: tokens fix scope and role; the hub's signed reply matches the fingerprint in the token."""

import base64
import datetime as dt

import pytest
from sqlalchemy import select

from hub_server import errors, tokens
from hub_server.models import AuditLog, Device, EnrollmentToken
from hub_server.services import devices, enrollment
from hub_server.services.actors import Actor, operator
from sync_protocol.binding import verify_enroll_reply
from sync_protocol.signing import device_id_for, fingerprint, generate_private_key, public_key_bytes

VILLAGE = "35.07.01.2001"
SUB_DISTRICT = "35.07.01"


def new_key() -> bytes:
    return public_key_bytes(generate_private_key())


def issue(database, hub_key, scope=VILLAGE, role="village", hours=72, actor=None, label="Desa Tulungrejo"):
    with database.uow() as uow:
        return enrollment.issue_token(uow, actor or operator("test"), scope=scope, role=role, label=label,
                                      hours=hours, hub_fingerprint=hub_key.fingerprint)


def enroll(database, hub_key, text, key, clock=None):
    options = {"clock": clock} if clock else {}
    with database.uow(immediate=True, **options) as uow:
        return enrollment.enroll(uow, text, key, "laptop-1", hub_fingerprint=hub_key.fingerprint)


def post_enroll(client, token, key, **extra):
    body = {"token": token, "public_key": base64.b64encode(key).decode(), "label": "laptop-1", **extra}
    return client.post("/api/v1/enroll", json=body)


def audit_actions(database):
    with database.uow() as uow:
        return [row.action for row in uow.session.scalars(select(AuditLog).order_by(AuditLog.id))]


def test_a_laptop_enrolls_over_the_api_and_checks_the_hub_with_the_token(client, database, hub_key):
    issued = issue(database, hub_key)
    key = new_key()
    reply = post_enroll(client, issued.text, key).get_json()
    assert reply["device_id"] == device_id_for(key) and reply["scope"] == [VILLAGE] and reply["role"] == "village"
    assert reply["last_seq"] == 0 and reply["head_hash"] == "0" * 64
    hub_public = base64.b64decode(reply["hub_public_key"])
    assert fingerprint(hub_public).startswith(tokens.parse_token(issued.text).fingerprint)
    verify_enroll_reply(reply, hub_public)


def test_the_token_text_is_grouped_and_carries_80_bits_of_the_hub_fingerprint(database, hub_key):
    text = issue(database, hub_key).text
    secret, fingerprint_part = text.split(".")
    assert [len(group) for group in secret.split("-")] == [4, 4, 4]
    assert fingerprint_part.replace("-", "") == hub_key.fingerprint[:16]  # 16 base32 characters: 80 bits
    parsed = tokens.parse_token(f"  {text.upper().replace('-', ' ')} ")
    assert parsed.secret == secret.replace("-", "") and parsed.matches_hub(hub_key.fingerprint)


def test_the_hub_keeps_only_a_hash_of_the_secret(database, hub_key):
    text = issue(database, hub_key).text
    with database.uow() as uow:
        row = uow.session.scalar(select(EnrollmentToken))
        stored = [str(getattr(row, column.key)) for column in EnrollmentToken.__table__.columns]
        assert row.secret_hash == tokens.parse_token(text).secret_hash()
    assert not any(text.split(".")[0].replace("-", "") in value for value in stored)


def test_a_used_token_is_refused(client, database, hub_key):
    issued = issue(database, hub_key)
    assert post_enroll(client, issued.text, new_key()).status_code == 200
    refused = post_enroll(client, issued.text, new_key())
    assert (refused.status_code, refused.get_json()["code"]) == (409, "token_used")


def test_an_expired_token_is_refused(database, hub_key):
    issued = issue(database, hub_key, hours=1)
    later = issued.expires_at + dt.timedelta(seconds=1)
    with pytest.raises(errors.TokenExpired):
        enroll(database, hub_key, issued.text, new_key(), clock=lambda: later)


def test_an_unknown_token_is_refused(client, hub_key):
    text = tokens.format_token(tokens.new_secret(), hub_key.fingerprint)
    refused = post_enroll(client, text, new_key())
    assert (refused.status_code, refused.get_json()["code"]) == (403, "token_unknown")


def test_a_cancelled_token_is_refused(database, hub_key):
    issued = issue(database, hub_key)
    with database.uow() as uow:
        assert enrollment.cancel_token(uow, operator("test"), issued.token_id).state == "cancelled"
    with pytest.raises(errors.TokenCancelled):
        enroll(database, hub_key, issued.text, new_key())


def test_a_token_naming_another_hub_is_refused(client, database, hub_key):
    secret = issue(database, hub_key).text.split(".")[0]
    other = tokens.format_token("a" * 12, fingerprint(new_key()))
    refused = post_enroll(client, f"{secret}.{other.split('.')[1]}", new_key())
    assert (refused.status_code, refused.get_json()["code"]) == (400, "token_wrong_hub")


def test_the_secret_alone_is_accepted(client, database, hub_key):
    secret = issue(database, hub_key).text.split(".")[0]
    assert post_enroll(client, secret, new_key()).status_code == 200


@pytest.mark.parametrize(("public_key", "rule"), [("not base64!", "base64"),
                                                   (base64.b64encode(b"short").decode(), "key_length"),
                                                   ("", "required")])
def test_a_bad_public_key_is_refused_naming_the_field(client, database, hub_key, public_key, rule):
    issued = issue(database, hub_key)
    refused = client.post("/api/v1/enroll", json={"token": issued.text, "public_key": public_key})
    body = refused.get_json()
    assert (refused.status_code, body["code"]) == (400, "invalid")
    assert [(e["field"], e["rule"]) for e in body["errors"]] == [("public_key", rule)]
    assert post_enroll(client, issued.text, new_key()).status_code == 200  # the token was not spent


def test_a_mistyped_token_is_refused_naming_the_rule(client):
    refused = post_enroll(client, "abc.def", new_key()).get_json()
    assert refused["code"] == "invalid" and refused["errors"][0]["rule"] == "token_format"


def test_re_enrolling_the_same_key_changes_scope_and_role_and_keeps_its_chain(database, hub_key):
    key = new_key()
    first = enroll(database, hub_key, issue(database, hub_key).text, key)
    with database.uow() as uow:
        uow.session.get(Device, first.device_id).last_seq = 7
        uow.commit()
    second = enroll(database, hub_key, issue(database, hub_key, scope=SUB_DISTRICT, role="sub_district").text, key)
    assert second.device_id == first.device_id and second.reenrolled
    assert (second.scope, second.role, second.last_seq) == ((SUB_DISTRICT,), "sub_district", 7)
    assert audit_actions(database).count("device.reenrolled") == 1


def test_a_revoked_key_cannot_enroll_again(database, hub_key):
    key = new_key()
    enrolled = enroll(database, hub_key, issue(database, hub_key).text, key)
    with database.uow() as uow:
        devices.revoke(uow, operator("test"), enrolled.device_id, "laptop stolen")
    with pytest.raises(errors.DeviceRevoked):
        enroll(database, hub_key, issue(database, hub_key).text, key)


def test_every_step_is_in_the_audit_log_refusals_included(database, hub_key):
    issued = issue(database, hub_key)
    enroll(database, hub_key, issued.text, new_key())
    with pytest.raises(errors.TokenUsed):
        enroll(database, hub_key, issued.text, new_key())
    assert audit_actions(database)[-4:] == ["token.issued", "token.used", "device.enrolled", "enrollment.refused"]
    with database.uow() as uow:
        refusal = uow.session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert refusal.detail["code"] == "token_used" and refusal.subject == f"token:{issued.token_id}"


@pytest.mark.parametrize(("scope", "role", "rule"), [
    ("35.07.01", "village", "village_code"),
    ("35.07.01.9999", "village", "region_code"),
    ("35.07", "sub_district", "area_code"),
    ("", "village", "required"),
])
def test_a_token_scope_must_be_real_regions_of_the_right_level(database, hub_key, scope, role, rule):
    with pytest.raises(errors.Invalid) as refused:
        issue(database, hub_key, scope=scope, role=role)
    assert [(e.field, e.rule) for e in refused.value.errors] == [("scope", rule)]


def test_codes_are_normalised_and_the_district_limits_scopes(database, hub_key):
    assert issue(database, hub_key, scope="3507012001, 35.07.01.2002").scope == (VILLAGE, "35.07.01.2002")
    with pytest.raises(errors.Invalid) as refused, database.uow() as uow:
        enrollment.issue_token(uow, operator("test"), scope="81.71.01.1006", role="village", label="x", hours=1,
                               hub_fingerprint=hub_key.fingerprint, district="35.07")
    assert refused.value.errors[0].rule == "outside_district"


def test_a_sub_district_officer_issues_tokens_only_inside_their_sub_district(database, hub_key):
    officer = Actor("user:budi", "sub_district_officer", area=SUB_DISTRICT)
    assert issue(database, hub_key, actor=officer).scope == (VILLAGE,)
    with pytest.raises(errors.Forbidden):
        issue(database, hub_key, scope="35.07.02.2001", actor=officer)
    with database.uow() as uow:
        assert [token.scope for token in enrollment.list_tokens(uow, officer)] == [(VILLAGE,)]


def test_a_viewer_cannot_issue_tokens(database, hub_key):
    with pytest.raises(errors.Forbidden):
        issue(database, hub_key, actor=Actor("user:ana", "viewer"))


def test_token_validity_is_bounded(database, hub_key):
    with pytest.raises(errors.Invalid) as refused:
        issue(database, hub_key, hours=0)
    assert refused.value.errors[0].field == "hours"


def test_a_used_token_cannot_be_cancelled(database, hub_key):
    issued = issue(database, hub_key)
    enroll(database, hub_key, issued.text, new_key())
    with pytest.raises(errors.TokenNotOpen), database.uow() as uow:
        enrollment.cancel_token(uow, operator("test"), issued.token_id)
