"""One error shape on every surface of the village program, for every error code, in both languages.

The codes are those of the village catalogue (`code.<code>` in `village_client.messages`); each is
raised as the program raises it (the real error class where there is one) and must come out as:

    command line   Error: <message in the laptop's language> [(detail)] [<code>]   + one line per field
    local web UI   a page in the session's language naming the message, the status and the code,
                   or, for a client asking for JSON, the envelope of `schemas.errors.error_envelope`
    relay          the envelope, in the language of the request's Accept-Language

The HTTP-level errors (unknown page, wrong method, missing CSRF token, body too large, a failure)
and the relay's own refusals are also provoked for real.
"""

import re
import string

import click
import pytest
from click.testing import CliRunner

import sync_protocol.errors
from schemas.errors import ENVELOPE_KEYS
from schemas.messages import LANGUAGES
from sync_protocol.errors import (
    BadSignature,
    BrokenChain,
    BundleCorrupt,
    MalformedMessage,
    OutOfScope,
    RevokedDevice,
    SequenceGap,
    UnknownDevice,
    UnsupportedVersion,
)
from sync_protocol.signing import device_id_for, generate_private_key, public_key_bytes
from tests.integration.test_village_relay import serving
from tests.integration.test_village_web import csrf, data_dir  # noqa: F401  (fixture)
from village_client import errors
from village_client.cli.support import fail_on_known_errors
from village_client.device import initialise
from village_client.enrollment import EnrollmentRefused
from village_client.fieldrules import LocalError
from village_client.keys import KeyMissing
from village_client.messages import CATALOGUE, text
from village_client.officers import LoginFailed
from village_client.outbox import AckMismatch
from village_client.records import InvalidRecord
from village_client.relay_app import create_relay_app
from village_client.store import NotInitialised
from village_client.sync.engine import NotEnrolled
from village_client.sync.lock import SyncBusy
from village_client.sync.transport import HubError, HubUnreachable, SyncError, SyncRequest
from village_client.sync.usb import NotForThisDevice
from village_client.web import create_app

CODES = sorted(key.removeprefix("code.") for key in CATALOGUE if key.startswith("code."))
REAL = {
    "invalid": lambda: InvalidRecord([LocalError("pin", "pin"), LocalError("role", "choice", {"options": "midwife"})]),
    "login_failed": lambda: LoginFailed("siti"),
    "not_initialised": lambda: NotInitialised("/data/laptop"),
    "key_missing": lambda: KeyMissing("/data/laptop/device_key.pem"),
    "fork": lambda: AckMismatch(12, "fork"),
    "not_found": lambda: errors.NotFound("/households/abc-9"),
    "field_value": lambda: errors.UsageRefused("field_value", pair="nama"),
    "unknown_fields": lambda: errors.UsageRefused("unknown_fields", fields="shoe_size", known="nik, reason"),
    "no_list": lambda: errors.Refused("no_list", 404, programme="PKH"),
    "unreachable": lambda: HubUnreachable("ConnectTimeout"),
    "not_enrolled": NotEnrolled,
    "busy": SyncBusy,
    "bad_token": lambda: EnrollmentRefused("bad_token", "expected <secret>.<fingerprint>"),
    "false_hub": lambda: EnrollmentRefused("false_hub", "fingerprint differs"),
    "not_for_this_device": NotForThisDevice,
    "malformed": lambda: MalformedMessage("body", "not JSON"),
    "unsupported_version": lambda: UnsupportedVersion(9, [1]),
    "bad_signature": lambda: BadSignature("request"),
    "unknown_device": lambda: UnknownDevice("abcdefghij"),
    "revoked_device": lambda: RevokedDevice("abcdefghij", "laptop stolen"),
    "sequence_gap": lambda: SequenceGap("abcdefghij", 4, 9),
    "broken_chain": lambda: BrokenChain("abcdefghij", 3),
    "out_of_scope": lambda: OutOfScope("abcdefghij", "abcdefghij-1", "35.07.02.2001"),
    "bundle_corrupt": lambda: BundleCorrupt("checksum"),
    "body_too_large": lambda: HubError(413, "body_too_large", "", {"limit": 8 << 20}),
}


def error_for(code: str):
    """The error as the program raises it; a code with no class of its own as the laptop refuses it."""
    if code in REAL:
        return REAL[code]()
    names = {name for _, name, _, _ in string.Formatter().parse(CATALOGUE[f"code.{code}"]["id"]) if name}
    return errors.Refused(code, 400, **{name: f"<{name}>" for name in names})


def expected_message(error, lang: str) -> str:
    return text(f"code.{error.code}", lang, **error.fields())


def check_message(message: str, error, lang: str) -> None:
    assert message == expected_message(error, lang) and message and "{" not in message
    other = next(other for other in LANGUAGES if other != lang)
    assert message != expected_message(error, other), "the message is in the language asked for"


def check_envelope(body: dict, status: int, error, lang: str) -> None:
    assert set(ENVELOPE_KEYS) <= set(body) and body["ok"] is False
    assert (body["status"], body["code"]) == (status, error.code)
    check_message(body["error"], error, lang)
    for item in body["errors"]:
        assert set(item) == {"field", "rule", "message"} and item["message"] and "{" not in item["message"]
    assert [item["field"] for item in body["errors"]] == [item.field for item in getattr(error, "errors", [])]


def subclasses(root):
    for cls in root.__subclasses__():
        yield cls
        yield from subclasses(cls)


def test_every_code_the_program_raises_has_a_message_in_the_catalogue():
    raised = {cls.code for root in (errors.VillageError, SyncError, sync_protocol.errors.ProtocolError)
              for cls in subclasses(root) if "code" in vars(cls)}
    assert {"invalid", "login_failed", "not_enrolled", "busy", "bundle_corrupt"} <= raised
    assert raised - set(CODES) == set()
    assert set(errors.HTTP_CODES.values()) | {"internal", "http_error", "csrf_failed", "hub_unreachable"} <= set(CODES)


# The command line: one path for every refusal.

@click.command()
@click.argument("code")
@click.pass_obj
def refuse(env, code):
    with fail_on_known_errors(env):
        raise error_for(code)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", CODES)
def test_the_command_line_prints_every_code_in_the_laptops_language(code, lang):
    error = error_for(code)
    result = CliRunner().invoke(refuse, [code], obj={"lang": lang})
    assert result.exit_code == (2 if isinstance(error, errors.UsageRefused) else 1), result.output
    message = expected_message(error, lang)
    check_message(message, error, lang)
    lines = result.output.splitlines()
    first = next(line for line in lines if line.startswith("Error: "))
    assert first.startswith(f"Error: {message} ") and first.endswith(f" [{code}]"), first
    said = first.removeprefix(f"Error: {message} ").removesuffix(f"[{code}]").strip()
    assert said == "" or (said.startswith("(") and said.endswith(")")), first
    fields = [line for line in lines[lines.index(first) + 1:] if line.startswith("  ")]
    assert len(fields) == len(getattr(error, "errors", []))
    for line, item in zip(fields, errors.field_errors(error, lang), strict=True):
        assert line == f"  {item['field']}: {item['message']} [{item['rule']}]" and "{" not in line


def test_what_the_hub_said_is_kept_and_a_code_the_laptop_does_not_know_reads_as_the_hub_wrote_it():
    known = HubError(409, "sequence_gap", "Hub menunggu nomor 4.", {"expected": 4})
    assert errors.cli_text(known, "id") == ("Hub meminta pengiriman ulang mulai nomor 4. (Hub menunggu nomor 4.) "
                                            "[sequence_gap]")
    unknown = HubError(409, "token_used", "Token pendaftaran ini sudah dipakai.",
                       errors=[{"field": "token", "rule": "token_format", "message": "Token berbentuk ..."}])
    assert errors.cli_text(unknown, "id") == ("Token pendaftaran ini sudah dipakai. [token_used]\n"
                                              "  token: Token berbentuk ... [token_format]")


# The local web UI: a page in the session's language, or the envelope for JSON.

def with_raising_routes(app, prefix: str):
    """`app` with a route raising each code as the program raises it, and one failing unexpectedly."""
    def raise_code(code):
        raise error_for(code)

    def boom():
        raise RuntimeError("secret detail")

    app.add_url_rule(f"{prefix}/raise/<code>", view_func=raise_code, methods=["GET", "POST"])
    app.add_url_rule(f"{prefix}/boom", view_func=boom, methods=["GET", "POST"])
    return app


@pytest.fixture
def ui(data_dir):  # noqa: F811
    client = with_raising_routes(create_app(data_dir), "").test_client()
    client.token = csrf(client)
    response = client.post("/login", data={"csrf_token": client.token, "username": "siti", "pin": "123456"})
    assert response.status_code == 302
    return client


def check_page(response, status: int, error, lang: str) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == status and response.mimetype == "text/html"
    assert f'<html lang="{lang}">' in html and f"<h1>{text('error.title', lang)}</h1>" in html
    message = re.search(r'<p class="flash error" role="alert">([^<]*)</p>', html).group(1)
    check_message(message.replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"'),
                  error, lang)
    assert f"HTTP {status} · <code>{error.code}</code>" in html
    assert not re.search(r">\s*[a-z_]+\.[a-z_.]+\s*<", html), "a catalogue key shows on the page"
    for item in errors.field_errors(error, lang):
        assert item["message"] in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ui_answers_every_code_with_a_page_in_the_officers_language_or_the_envelope(ui, lang):
    ui.get(f"/?lang={lang}")
    for code in CODES:
        error = error_for(code)
        status = getattr(error, "status", 500)
        check_page(ui.get(f"/raise/{code}"), status, error, lang)
        response = ui.get(f"/raise/{code}", headers={"Accept": "application/json"})
        assert response.status_code == status and response.mimetype == "application/json"
        check_envelope(response.get_json(), status, error, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_uis_own_http_errors_are_pages_in_the_officers_language(ui, lang):
    ui.get(f"/?lang={lang}")
    check_page(ui.get("/no/such/page"), 404, errors.NotFound("/no/such/page"), lang)
    check_page(ui.get("/households/nobody-1"), 404, errors.NotFound("/households/nobody-1"), lang)
    check_page(ui.get("/complaints/nobody-1"), 404, errors.NotFound("/complaints/nobody-1"), lang)
    check_page(ui.get("/people/nobody-1/edit"), 404, errors.NotFound("/people/nobody-1/edit"), lang)
    check_page(ui.get("/logout"), 405, errors.Refused("method_not_allowed", 405, method="GET"), lang)
    check_page(ui.post("/households/new", data={"kk_number": "3507010101010001"}), 400,
               errors.Refused("csrf_failed", 400), lang)
    check_page(ui.post("/households/new", data={"csrf_token": ui.token, "x": "y" * (2 << 20)}), 413,
               errors.Refused("body_too_large", 413, limit=2**20), lang)
    response = ui.get("/boom")
    check_page(response, 500, errors.Refused("internal", 500), lang)
    assert "secret detail" not in response.get_data(as_text=True)
    body = ui.get("/no/such/page", headers={"Accept": "application/json"}).get_json()
    check_envelope(body, 404, errors.NotFound("/no/such/page"), lang)
    assert body["path"] == "/no/such/page"


def test_a_json_client_without_a_chosen_language_gets_what_accept_language_asks(data_dir):  # noqa: F811
    client = create_app(data_dir).test_client()
    body = client.post("/login", headers={"Accept": "application/json", "Accept-Language": "en"}).get_json()
    check_envelope(body, 400, errors.Refused("csrf_failed", 400), "en")


# The relay: the envelope, in the language the village laptop asks for.

@pytest.fixture
def relay(tmp_path):
    initialise(tmp_path / "kecamatan", "Kecamatan Donomulyo")
    return with_raising_routes(create_relay_app(tmp_path / "kecamatan", "http://127.0.0.1:9", (0.5, 0.5)),
                               "/api/v1").test_client()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_relay_answers_every_code_with_the_envelope_in_the_language_asked_for(relay, lang):
    for code in CODES:
        error = error_for(code)
        response = relay.post(f"/api/v1/raise/{code}", headers={"Accept-Language": lang})
        status = getattr(error, "status", 500)
        assert response.status_code == status and response.mimetype == "application/json"
        check_envelope(response.get_json(), status, error, lang)


def signed_request(key, device_id=None) -> SyncRequest:
    """An empty sync request (a pull) signed by `key`, presenting its public key."""
    public_key = public_key_bytes(key)
    return SyncRequest.signed(key, device_id or device_id_for(public_key), "", b"", public_key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_relays_own_refusals_and_http_errors_are_envelopes(relay, lang):
    headers = {"Accept-Language": lang}
    stranger = generate_private_key()
    unknown = signed_request(stranger, "aaaaaaaaaa")  # a key that does not give this device id
    body = relay.post("/api/v1/sync", data=b"", headers={**unknown.headers(), **headers}).get_json()
    check_envelope(body, 401, errors.Refused("unknown_device", 401), lang)
    forged = {**signed_request(stranger).headers(), "X-SWS-Cursor": "changed-on-the-way"}
    check_envelope(relay.post("/api/v1/sync", data=b"", headers={**forged, **headers}).get_json(), 401,
                   BadSignature("request"), lang)
    fine = signed_request(generate_private_key())  # verified, then the hub (nothing on port 9) does not answer
    response = relay.post("/api/v1/sync", data=b"", headers={**fine.headers(), **headers})
    check_envelope(response.get_json(), 503, errors.Refused("hub_unreachable", 503), lang)
    check_envelope(relay.get("/api/v1/sync", headers=headers).get_json(), 405,
                   errors.Refused("method_not_allowed", 405, method="GET"), lang)
    check_envelope(relay.get("/nothing", headers=headers).get_json(), 404, errors.NotFound("/nothing"), lang)
    body = relay.post("/api/v1/boom", headers=headers).get_json()
    check_envelope(body, 500, errors.Refused("internal", 500), lang)
    assert "secret detail" not in str(body)


def test_the_relay_answers_over_a_real_http_server(relay, tmp_path):
    import requests

    app = create_relay_app(tmp_path / "kecamatan", "http://127.0.0.1:9", (0.5, 0.5))
    with serving(app) as url:
        response = requests.get(f"{url}/api/v1/enroll", headers={"Accept-Language": "en"}, timeout=5)
    check_envelope(response.json(), 405, errors.Refused("method_not_allowed", 405, method="GET"), "en")
