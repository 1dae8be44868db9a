"""The region API over the 2025 Kemendagri list: names, tree, levels, codes in both spellings."""

import pytest

from schemas import region


def test_kabupaten_malang_has_33_sub_districts_and_390_villages():
    subs = region.sub_districts("35.07")
    assert len(subs) == 33
    assert subs[0] == ("35.07.01", "Donomulyo")
    assert sum(len(region.villages(code)) for code, _ in subs) == 390


def test_lists_are_code_name_tuples_sorted_by_code():
    lists = (region.provinces(), region.regencies("35"), region.sub_districts("35.07"), region.villages("35.07.01"))
    for listed in lists:
        assert listed == sorted(listed)
        assert all(isinstance(code, str) and isinstance(name, str) and name for code, name in listed)


def test_the_same_code_written_without_dots():
    assert region.sub_districts("3507") == region.sub_districts("35.07")
    assert region.villages("350701")[0] == ("35.07.01.2001", "Tulungrejo")


def test_callers_cannot_change_the_cached_lists():
    region.sub_districts("35.07").clear()
    assert len(region.sub_districts("35.07")) == 33


def test_38_provinces_including_the_new_papuan_ones():
    codes = [code for code, _ in region.provinces()]
    assert len(codes) == 38 and {"91", "92", "93", "94", "95", "96"} <= set(codes)


@pytest.mark.parametrize("code, name", [
    ("35", "Jawa Timur"), ("35.07", "Kabupaten Malang"), ("3507", "Kabupaten Malang"), ("35.73", "Kota Malang"),
    ("81.71", "Kota Ambon"), ("35.07.01", "Donomulyo"), ("3507012001", "Tulungrejo"),
])
def test_region_names(code, name):
    assert region.region_name(code) == name and region.exists(code)


@pytest.mark.parametrize("code", ["35.99", "91.01", "35.07.99", "35.07.01.9999", "xx", "35.7", "350", "", None, 35.07])
def test_unknown_or_malformed_codes_have_no_name(code):
    assert region.region_name(code) is None and not region.exists(code)


@pytest.mark.parametrize("code, dotted, level", [
    ("35", "35", "province"), (35, "35", "province"), ("3507", "35.07", "regency"),
    (" 35.07.01 ", "35.07.01", "sub_district"),
    ("3507012001", "35.07.01.2001", "village"), ("35.07.01.2001", "35.07.01.2001", "village"),
])
def test_normalize_and_level(code, dotted, level):
    assert region.normalize_region_code(code) == dotted and region.level(code) == level


@pytest.mark.parametrize("code", [
    "3", "350", "35070", "35.7", "35.07.1", "35.07.01.201", "35-07", "35.0701", True, None,
])
def test_malformed_codes_raise(code):
    with pytest.raises(ValueError):
        region.normalize_region_code(code)


def test_children_parent_and_wrong_levels():
    assert region.children("35.07.01") == region.villages("35.07.01")
    assert region.children("35.07.01.2001") == []
    assert region.children(None) == region.provinces()
    assert region.children("35.99") == []
    assert region.parent("35.07.01.2001") == "35.07.01" and region.parent("35") is None
    with pytest.raises(ValueError):
        region.sub_districts("35.07.01")
    with pytest.raises(ValueError):
        region.villages("35.07")


def test_check_region_code():
    assert region.check_region_code("3507012001").value == "35.07.01.2001"
    assert [e.rule for e in region.check_region_code("35.07", expected_level="village").errors] == ["region_level"]
    assert [e.rule for e in region.check_region_code("35.07.01.9999").errors] == ["region_unknown"]
    assert [e.rule for e in region.check_region_code("35/07").errors] == ["region_format"]
    lenient = region.check_region_code("35.07.01.9999", must_exist=False)
    assert lenient.ok and [w.rule for w in lenient.warnings] == ["region_not_listed"]
    assert region.check_region_code("35", expected_level=None).ok
