"""One error envelope on every API error path, with messages in Indonesian (default) and English."""

import base64
import datetime as dt
import inspect
import re
import sys
from pathlib import Path

import pytest
from sqlalchemy import update

import hub_server
import sync_protocol.errors
from hub_server import create_app, db, errors, tokens
from hub_server.messages import CATALOGUE, field_message, message
from hub_server.models import EnrollmentToken
from hub_server.services import devices, enrollment
from hub_server.services.actors import operator
from schemas.messages import CATALOGUE as RECORD_RULES
from sync_protocol.binding import HTTP_STATUS
from sync_protocol.errors import SequenceGap
from sync_protocol.signing import generate_private_key, public_key_bytes

ENVELOPE_KEYS = {"ok", "status", "code", "error", "errors"}


def check_envelope(response, status, code):
    body = response.get_json()
    assert response.status_code == status and response.mimetype == "application/json"
    assert ENVELOPE_KEYS <= set(body) and body["ok"] is False
    assert (body["status"], body["code"]) == (status, code)
    assert isinstance(body["error"], str) and body["error"] and "{" not in body["error"]
    for item in body["errors"]:
        assert set(item) == {"field", "rule", "message"} and item["message"] and "{" not in item["message"]
    return body


def key_b64() -> str:
    return base64.b64encode(public_key_bytes(generate_private_key())).decode()


def issue(database, hub_key):
    with database.uow() as uow:
        return enrollment.issue_token(uow, operator("test"), scope="35.07.01.2001", role="village", label="x",
                                      hours=1, hub_fingerprint=hub_key.fingerprint)


@pytest.fixture
def hub_settings(hub_settings):
    return {**hub_settings, "MAX_BODY_BYTES": 2048}


def test_unknown_route(client):
    body = check_envelope(client.get("/api/v1/nothing"), 404, "not_found")
    assert body["error"] == "Alamat /api/v1/nothing tidak ada di hub ini." and body["path"] == "/api/v1/nothing"


def test_unknown_route_outside_the_api_for_a_json_client(client):
    check_envelope(client.get("/nothing", headers={"Accept": "application/json"}), 404, "not_found")


def test_wrong_method(client):
    check_envelope(client.get("/api/v1/enroll"), 405, "method_not_allowed")


def test_body_too_large_is_refused_before_reading(client):
    body = check_envelope(client.post("/api/v1/enroll", data=b"x" * 2049), 413, "body_too_large")
    assert body["limit"] == 2048


def test_a_declared_length_over_the_limit_is_refused_without_a_body(client):
    response = client.post("/api/v1/enroll", data=b"{}", environ_overrides={"CONTENT_LENGTH": "1000000"})
    check_envelope(response, 413, "body_too_large")


@pytest.mark.parametrize("data", [b"{not json", b"[1, 2]", b"", b"\xff\xfe"])
def test_malformed_body(client, data):
    check_envelope(client.post("/api/v1/enroll", data=data), 400, "malformed")


@pytest.mark.parametrize("data", [b"[" * 900 + b"]" * 900, b'{"token": ' + b"9" * 900 + b"}"])
def test_json_nested_deeper_or_numbers_longer_than_the_parser_reads_is_malformed(client, data):
    # The limits scaled down to fit the test's body limit: nesting past the recursion limit, a number
    # longer than Python converts (in production: 8 MB bodies, depth 1,000, 4,300 digits).
    limit, digits = sys.getrecursionlimit(), sys.get_int_max_str_digits()
    sys.setrecursionlimit(400)
    sys.set_int_max_str_digits(640)
    try:
        check_envelope(client.post("/api/v1/enroll", data=data), 400, "malformed")
    finally:
        sys.setrecursionlimit(limit)
        sys.set_int_max_str_digits(digits)


@pytest.mark.parametrize("value", [b"1e999", b"-Infinity", b"NaN"])
def test_an_odd_number_is_an_invalid_field_not_a_crash(client, value):
    body = check_envelope(client.post("/api/v1/enroll", data=b'{"token": ' + value + b', "public_key": "x"}'),
                          400, "invalid")
    assert {error["field"] for error in body["errors"]} >= {"token"}


def test_invalid_fields_are_all_listed(client):
    body = check_envelope(client.post("/api/v1/enroll", json={"label": 5}), 400, "invalid")
    assert [(e["field"], e["rule"]) for e in body["errors"]] == [
        ("token", "required"), ("public_key", "required"), ("label", "string")]
    assert body["errors"][0]["message"] == "Wajib diisi."


def test_messages_are_english_when_asked(client):
    body = check_envelope(client.post("/api/v1/enroll", json={}, headers={"Accept-Language": "en-GB,en;q=0.9"}),
                          400, "invalid")
    assert body["error"] == "Some fields are not valid." and body["errors"][0]["message"] == "Required."


def test_unknown_token(client, hub_key):
    text = tokens.format_token(tokens.new_secret(), hub_key.fingerprint)
    check_envelope(client.post("/api/v1/enroll", json={"token": text, "public_key": key_b64()}), 403, "token_unknown")


def test_used_token(client, database, hub_key):
    text = issue(database, hub_key).text
    client.post("/api/v1/enroll", json={"token": text, "public_key": key_b64()})
    check_envelope(client.post("/api/v1/enroll", json={"token": text, "public_key": key_b64()}), 409, "token_used")


def test_expired_token(client, database, hub_key):
    issued = issue(database, hub_key)
    with database.uow() as uow:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        uow.session.execute(update(EnrollmentToken).values(expires_at=past))
        uow.commit()
    body = check_envelope(client.post("/api/v1/enroll", json={"token": issued.text, "public_key": key_b64()}),
                          410, "token_expired")
    assert body["token_id"] == issued.token_id


def test_cancelled_token(client, database, hub_key):
    issued = issue(database, hub_key)
    with database.uow() as uow:
        enrollment.cancel_token(uow, operator("test"), issued.token_id)
    check_envelope(client.post("/api/v1/enroll", json={"token": issued.text, "public_key": key_b64()}),
                   410, "token_cancelled")


def test_token_of_another_hub(client, database, hub_key):
    secret = issue(database, hub_key).text.split(".")[0]
    check_envelope(client.post("/api/v1/enroll", json={"token": secret + ".aaaa-aaaa-aaaa-aaaa",
                                                       "public_key": key_b64()}), 400, "token_wrong_hub")


def test_revoked_device(client, database, hub_key):
    key = key_b64()
    client.post("/api/v1/enroll", json={"token": issue(database, hub_key).text, "public_key": key})
    with database.uow() as uow:
        device_id = devices.list_devices(uow, operator("test"))[0].device_id
        devices.revoke(uow, operator("test"), device_id, "dicuri")
    body = check_envelope(client.post("/api/v1/enroll", json={"token": issue(database, hub_key).text,
                                                              "public_key": key}), 403, "revoked_device")
    assert body["error"] == f"Perangkat {device_id} telah dicabut: dicuri."


def test_hub_not_initialised(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path)})
    try:
        check_envelope(app.test_client().get("/api/v1/hello"), 503, "hub_not_initialised")
    finally:
        db.get(app).dispose()


def test_an_unexpected_failure_is_an_internal_error_without_details(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path)})

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret detail")

    try:
        body = check_envelope(app.test_client().get("/api/v1/boom"), 500, "internal")
        assert "secret detail" not in str(body)
    finally:
        db.get(app).dispose()


def test_a_protocol_error_keeps_its_code_and_fields(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path)})

    @app.post("/api/v1/gap")
    def gap():
        raise SequenceGap("abcdefghij", 4, 9)

    try:
        body = check_envelope(app.test_client().post("/api/v1/gap"), 409, "sequence_gap")
        assert (body["device_id"], body["expected"], body["got"]) == ("abcdefghij", 4, 9)
        assert body["error"] == "Ada paket perubahan yang terlewat: hub menunggu nomor 4, tetapi menerima 9."
    finally:
        db.get(app).dispose()


def test_every_error_code_has_a_message_in_both_languages():
    hub_codes = {cls.code for _, cls in inspect.getmembers(errors, inspect.isclass)
                 if issubclass(cls, errors.HubError) and cls.__module__ == errors.__name__}
    protocol_codes = {cls.code for _, cls in inspect.getmembers(sync_protocol.errors, inspect.isclass)
                      if issubclass(cls, sync_protocol.errors.ProtocolError)}
    codes = {key.removeprefix("code.") for key in CATALOGUE if key.startswith("code.")}
    assert (hub_codes | protocol_codes | {"http_error"}) - codes == set()
    assert set(HTTP_STATUS) == protocol_codes - {"protocol_error"} | {"body_too_large"}


def test_every_field_rule_used_has_a_message():
    source = "".join(path.read_text() for path in Path(hub_server.__file__).parent.rglob("*.py"))
    rules = set(re.findall(r'FieldError\([^,()]+, "([a-z0-9_]+)"', source))
    assert {"required", "base64", "token_format", "village_code"} <= rules
    # A form's rule has its message as `rule.<rule>`; an extract row's as `field_rule.<rule>` (field_rule_message).
    unworded = {rule for rule in rules if f"rule.{rule}" not in CATALOGUE and f"field_rule.{rule}" not in CATALOGUE}
    assert unworded - set(RECORD_RULES) == set()


def test_a_records_rule_gets_its_message_from_the_records_catalogue():
    text = field_message("nik", "id_serial_zero", "en")
    assert "0000" in text and text != message("invalid", "en")
    assert field_message("nik", "no_such_rule", "id") == message("invalid", "id")
