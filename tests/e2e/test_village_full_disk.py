"""A laptop whose disk is full: every command and page says so in one coded line, and nothing is half-saved.

The data folder lives on its own small tmpfs, filled to the last byte with a padding file; the
commands run as real `sws-village` processes and the web UI as `sws-village ui`. Mounting needs
root; elsewhere these tests are skipped with that reason.
"""

import contextlib
import os
import shutil
import subprocess
import sys

import pytest
import requests

from tests.e2e.conftest import running_village_ui
from village_client.messages import text

pytestmark = pytest.mark.e2e

PIN = "rahasia-123"
HOUSEHOLD = ["kk_number=3507012301120003", "village_code=35.07.01.2001", "address_rt=1", "address_rw=2",
             "--member", "name=Budi Santoso;birth_date=1980-01-02;sex=M;nik=3507010201800001;relationship=head"]


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs at tmp_path/disk, unmounted afterwards."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a full disk is made with a tmpfs mount, which needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def village(data_dir, *args, lang="id"):
    environment = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(data_dir), "SWS_VILLAGE_PIN": PIN,
                   "SWS_VILLAGE_LANGUAGE": lang}
    return subprocess.run([sys.executable, "-m", "village_client", *args], capture_output=True, text=True,
                          env=environment, timeout=120)


def fill(disk) -> None:
    """Write zeros until the disk refuses one more byte."""
    with contextlib.suppress(OSError), open(disk / "padding", "wb") as padding:
        while True:
            padding.write(bytes(64 << 10))
            padding.flush()
    with contextlib.suppress(OSError), open(disk / "padding", "ab") as padding:
        while True:
            padding.write(b"\0")
            padding.flush()


def households(data_dir) -> str:
    return village(data_dir, "status").stdout


@pytest.fixture
def laptop_on_full_disk(small_disk):
    data_dir = small_disk / "laptop"
    assert village(data_dir, "init", "--label", "Desa Sukamaju").returncode == 0
    added = village(data_dir, "officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    assert added.returncode == 0, added.stderr
    fill(small_disk)
    return small_disk, data_dir


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_command_on_a_full_disk_says_so_in_one_coded_line_and_saves_nothing(laptop_on_full_disk, lang):
    disk, data_dir = laptop_on_full_disk
    refused = village(data_dir, "household", "add", "--officer", "siti", *HOUSEHOLD, lang=lang)
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert f"Error: {text('code.disk_full', lang)}" in refused.stderr and "[disk_full]" in refused.stderr

    (disk / "padding").unlink()
    assert "pending change-sets: 0" in households(data_dir), "the refused registration left nothing behind"
    saved = village(data_dir, "household", "add", "--officer", "siti", *HOUSEHOLD, lang=lang)
    assert saved.returncode == 0, saved.stderr
    assert "pending change-sets: 1" in households(data_dir)


def test_a_command_that_opens_the_database_on_a_full_disk_is_told_too(small_disk):
    data_dir = small_disk / "laptop"
    fill(small_disk)
    refused = village(data_dir, "init", "--label", "Desa Sukamaju")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "[disk_full]" in refused.stderr, refused.stderr


def test_the_web_ui_on_a_full_disk_answers_with_the_coded_page(laptop_on_full_disk):
    disk, data_dir = laptop_on_full_disk
    (disk / "padding").unlink()  # the UI's session secret and log need a little room to start
    with running_village_ui(data_dir, SWS_VILLAGE_LANGUAGE="en") as url:
        session = requests.Session()
        login_page = session.get(url + "login", timeout=30).text
        token = login_page.split('name="csrf_token" value="')[1].split('"')[0]
        logged_in = session.post(url + "login", data={"csrf_token": token, "username": "siti", "pin": PIN},
                                 allow_redirects=False, timeout=30)
        assert logged_in.status_code == 302
        fill(disk)
        form = session.get(url + "households/new", timeout=30).text
        token = form.split('name="csrf_token" value="')[1].split('"')[0]
        answer = session.post(url + "households/new", timeout=30, data={
            "csrf_token": token, "kk_number": "3507012301120003", "village_code": "35.07.01.2001",
            "address_rt": "1", "address_rw": "2", "member_count": "1", "members.0.name": "Budi Santoso",
            "members.0.birth_date": "1980-01-02", "members.0.sex": "M", "members.0.nik": "3507010201800001",
            "members.0.relationship": "head"})
        assert answer.status_code == 507, answer.text[:500]
        assert "disk_full" in answer.text and "Traceback" not in answer.text
    (disk / "padding").unlink()
    assert "pending change-sets: 0" in households(data_dir)
