"""Which hub addresses a laptop talks to, and with which certificates."""

import pytest

from village_client.config import load_settings
from village_client.sync.http import hub_session, is_on_this_laptop
from village_client.sync.transport import PlainHttpRefused


@pytest.mark.parametrize("host, here", [("127.0.0.1", True), ("127.4.5.6", True), ("localhost", True), ("::1", True),
                                        ("10.0.0.5", False), ("sws.malangkab.go.id", False), ("", False)])
def test_only_loopback_addresses_are_on_this_laptop(host, here):
    assert is_on_this_laptop(host) is here


@pytest.mark.parametrize("url", ["https://sws.malangkab.go.id", "http://127.0.0.1:8080", "http://localhost:8080/"])
def test_https_and_loopback_addresses_are_allowed(url):
    assert hub_session(url, load_settings(environ={})).verify is True


def test_plain_http_to_another_machine_needs_the_setting():
    with pytest.raises(PlainHttpRefused) as refused:
        hub_session("http://10.0.0.5:8790", load_settings(environ={}))
    assert refused.value.code == "plain_http" and refused.value.fields() == {"url": "http://10.0.0.5:8790"}
    allowed = load_settings({"allow_plain_http": True}, environ={})
    assert hub_session("http://10.0.0.5:8790", allowed) is not None


def test_the_districts_own_authority_is_the_one_checked_when_set(tmp_path):
    ca = tmp_path / "ca.pem"
    settings = load_settings(environ={"SWS_VILLAGE_HUB_CA_FILE": str(ca)})
    assert hub_session("https://sws.malangkab.go.id", settings).verify == str(ca)
