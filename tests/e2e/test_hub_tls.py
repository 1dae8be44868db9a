"""The hub behind TLS, as docs/operations.md deploys it: gunicorn with the district's certificate.

A certificate authority and a server certificate for 127.0.0.1 are made for the test with
`cryptography`; the hub runs under gunicorn with them, and a real village laptop enrolls and syncs
over https, trusting the district's authority through its `hub_ca_file` setting. Without that
setting the laptop refuses the certificate with its coded message; and it refuses plain http to a
hub on another machine before anything is sent.
"""

import datetime as dt
import ipaddress
import os
import subprocess
import sys
import time

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.e2e.conftest import HubProcess
from village_client.messages import text

pytestmark = pytest.mark.e2e
PIN = "rahasia-123"
HOUSEHOLD = ["kk_number=3507012301120003", "village_code=35.07.01.2001", "address_rt=1", "address_rw=2",
             "--member", "name=Budi Santoso;birth_date=1980-01-02;sex=M;nik=3507010201800001;relationship=head"]


def certificate(subject: str, key, issuer_name, issuer_key, *, authority: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
               .issuer_name(issuer_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True))
    if not authority:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


@pytest.fixture
def district_certificates(tmp_path):
    """(ca.pem, hub.pem, hub-key.pem): the district's own authority and the hub's certificate it signed."""
    ca_key, hub_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Diskominfo Kabupaten Malang CA")])
    ca = certificate("Diskominfo Kabupaten Malang CA", ca_key, ca_name, ca_key, authority=True)
    hub = certificate("127.0.0.1", hub_key, ca_name, ca_key, authority=False)
    paths = tmp_path / "ca.pem", tmp_path / "hub.pem", tmp_path / "hub-key.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(hub.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(hub_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return paths


@pytest.fixture
def tls_hub(tmp_path, district_certificates):
    """The hub under gunicorn on https://127.0.0.1:PORT; yields (url, HubProcess for its command line)."""
    ca, cert, key = district_certificates
    hub = HubProcess(tmp_path / "hub").init()
    port = free_port()
    environment = {**hub.env(), "SWS_HUB_DATA_DIR": str(hub.data_dir)}
    with open(tmp_path / "gunicorn.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
             "--certfile", str(cert), "--keyfile", str(key), "hub_server:create_app()"],
            env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"https://127.0.0.1:{port}"
    try:
        wait_for(url, ca, process, tmp_path / "gunicorn.log")
        yield url, hub
    finally:
        process.terminate()
        process.wait(30)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, ca, process, log, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited: {log.read_text()}")
        try:
            requests.get(url + "/api/v1/hello", verify=str(ca), timeout=10)
            return
        except (requests.ConnectionError, requests.Timeout):  # workers still loading the app
            time.sleep(0.2)
    raise AssertionError(f"the hub did not answer on {url}: {log.read_text()}")


def village(data_dir, *args, **settings):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SWS_VILLAGE_")}
    environment.update(SWS_VILLAGE_DATA_DIR=str(data_dir), SWS_VILLAGE_PIN=PIN,
                       **{f"SWS_VILLAGE_{name.upper()}": str(value) for name, value in settings.items()})
    return subprocess.run([sys.executable, "-m", "village_client", *args], capture_output=True, text=True,
                          env=environment, timeout=120)


@pytest.fixture
def laptop(tmp_path):
    data_dir = tmp_path / "laptop"
    assert village(data_dir, "init", "--label", "Desa Sukamaju").returncode == 0
    added = village(data_dir, "officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    assert added.returncode == 0, added.stderr
    return data_dir


def test_a_laptop_enrolls_and_syncs_over_https_trusting_the_districts_authority(tls_hub, laptop,
                                                                                district_certificates):
    url, hub = tls_hub
    ca = district_certificates[0]
    enrolled = village(laptop, "enroll", "--hub", url, "--token", hub.issue_token(), hub_ca_file=ca)
    assert enrolled.returncode == 0, enrolled.stderr
    assert village(laptop, "household", "add", "--officer", "siti", *HOUSEHOLD).returncode == 0
    synced = village(laptop, "sync", hub_ca_file=ca, language="en")
    assert synced.returncode == 0, synced.stderr
    assert "Sent 1, acknowledged 1" in synced.stdout, synced.stdout
    held = hub.cli("devices").stdout
    assert "Desa Sukamaju" in held or "35.07.01.2001" in held


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_certificate_the_laptop_cannot_check_is_refused_with_its_code(tls_hub, laptop, lang):
    url, hub = tls_hub
    refused = village(laptop, "enroll", "--hub", url, "--token", hub.issue_token(), language=lang)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"Error: {text('code.tls_failed', lang)}" in refused.stderr and "[tls_failed]" in refused.stderr
    assert "hub: - (not enrolled)" in village(laptop, "status").stdout


@pytest.mark.parametrize("lang", ["id", "en"])
def test_plain_http_to_another_machine_is_refused_before_anything_is_sent(laptop, lang):
    address = "http://10.20.30.40:8080"  # never contacted: the refusal comes first
    refused = village(laptop, "enroll", "--hub", address, "--token", "k7qm-x3fa-42pd.ab4c-de5f-gh6j-kl7m",
                      language=lang)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert text("code.plain_http", lang, url=address) in refused.stderr and "[plain_http]" in refused.stderr
