"""The generated files: byte-for-byte determinism, and faults.csv as the complete list of what is wrong.

The fault check reads the files back and compares every extract row with the ground truth
(people.csv and households.csv, joined on the family card): each difference must be the one
fault listed for that line, each listed fault must be a real difference or a real missing or
duplicated row, and nothing else may differ.
"""

import csv
from collections import Counter
from pathlib import Path

import pytest

from hub_server.generator import UnknownRegency, generate_district, iter_households

PEOPLE = 3000
FAULT_RATE = 0.05
FILES = ("people.csv", "households.csv", "ektp.csv", "kk.csv", "welfare.csv", "faults.csv")
# Extract -> the column that names the record it is about.
KEYS = {"ektp.csv": "nik", "kk.csv": "nik", "welfare.csv": "kk_number"}
FIELDS_BY_KIND = {
    "name_spelling": {"name", "head_name"},
    "birth_date": {"birth_date"},
    "sex": {"sex"},
    "moved_village": {"village_code"},
    "duplicated": {"", "name", "head_name"},
    "missing_from_source": {""},
}


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("district")
    summary = generate_district(out_dir, people=PEOPLE, seed=11, fault_rate=FAULT_RATE)
    return out_dir, summary


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """(line number, row) for every data row; line 1 is the header."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return [(reader.line_num, row) for row in reader]


def truth_by_key(out_dir: Path) -> dict[str, dict[str, dict]]:
    """For each extract, its key -> the truth columns it should hold."""
    households = {row["kk_number"]: row for _, row in read_rows(out_dir / "households.csv")}
    people = {row["nik"]: row for _, row in read_rows(out_dir / "people.csv")}
    by_nik = {nik: {**households[person["kk_number"]], **person} for nik, person in people.items()}
    by_kk = {kk: {**people[household["head_nik"]], **household} for kk, household in households.items()}
    return {"ektp.csv": by_nik, "kk.csv": by_nik, "welfare.csv": by_kk}


def check_extract(source: str, rows, truth: dict, faults_at: dict, missing: set) -> Counter:
    """Match every row of one extract to the truth; return how often each key was seen as an original."""
    originals = Counter()
    for line, row in rows:
        key = row[KEYS[source]]
        expected = truth[key]
        differs = {column for column, value in row.items() if value != expected[column]}
        fault = faults_at.pop((source, line), None)
        if fault is None:
            assert not differs, (source, line, differs)
            originals[key] += 1
            continue
        assert fault[{"welfare.csv": "kk_number"}.get(source, "nik")] == key
        assert fault["field"] in FIELDS_BY_KIND[fault["kind"]]
        assert differs == ({fault["field"]} - {""}), (source, line, fault, differs)
        if fault["field"]:
            assert (expected[fault["field"]], row[fault["field"]]) == (fault["true_value"], fault["planted_value"])
        originals[key] += fault["kind"] != "duplicated"
    for key in truth:
        assert originals[key] == (0 if (source, key) in missing else 1), (source, key)
    return originals


def test_every_difference_from_the_truth_is_exactly_one_listed_fault(district):
    out_dir, _ = district
    truth = truth_by_key(out_dir)
    faults = [row for _, row in read_rows(out_dir / "faults.csv")]
    faults_at = {(f["source"], int(f["line"])): f for f in faults if f["line"]}
    listed_missing = [f for f in faults if f["kind"] == "missing_from_source"]
    missing = {(f["source"], f["kk_number"] if f["source"] == "welfare.csv" else f["nik"]) for f in listed_missing}
    assert len(faults_at) + len(missing) == len(faults)
    assert all(not f["line"] and not f["field"] for f in listed_missing)
    for source in KEYS:
        check_extract(source, read_rows(out_dir / source), truth[source], faults_at, missing)
    assert not faults_at, f"listed faults that match no row: {list(faults_at.values())[:3]}"


def test_every_kind_of_fault_is_planted_at_about_the_stated_rate(district):
    out_dir, summary = district
    faults = [row for _, row in read_rows(out_dir / "faults.csv")]
    kinds = Counter(f["kind"] for f in faults)
    assert set(kinds) == set(FIELDS_BY_KIND)
    assert sum(kinds.values()) == summary.faults_planted and kinds == Counter(summary.faults)
    assert summary.source_records == 2 * PEOPLE + summary.households
    assert 0.7 * FAULT_RATE <= summary.faults_planted / summary.source_records <= 1.3 * FAULT_RATE
    assert {f["source"] for f in faults} == set(KEYS)
    assert all(f["planted_value"] != f["true_value"] for f in faults if f["field"])


def test_birth_date_and_sex_faults_leave_the_nik_telling_the_truth(district):
    out_dir, _ = district
    people = {row["nik"]: row for _, row in read_rows(out_dir / "people.csv")}
    for _, fault in read_rows(out_dir / "faults.csv"):
        if fault["kind"] in ("birth_date", "sex"):
            assert fault["source"] == "ektp.csv"
            assert people[fault["nik"]][fault["field"]] == fault["true_value"]


def test_the_same_seed_writes_the_same_bytes(district, tmp_path):
    out_dir, _ = district
    generate_district(tmp_path, people=PEOPLE, seed=11, fault_rate=FAULT_RATE)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (out_dir / name).read_bytes(), name
    assert not list(tmp_path.glob("*.partial"))


def test_another_seed_writes_another_district(district, tmp_path):
    out_dir, _ = district
    generate_district(tmp_path, people=PEOPLE, seed=12, fault_rate=FAULT_RATE)
    for name in FILES:
        assert (tmp_path / name).read_bytes() != (out_dir / name).read_bytes(), name


def test_the_fault_rate_changes_the_faults_but_not_the_people(district, tmp_path):
    out_dir, _ = district
    generate_district(tmp_path, people=PEOPLE, seed=11, fault_rate=0.0)
    assert (tmp_path / "people.csv").read_bytes() == (out_dir / "people.csv").read_bytes()
    assert len(read_rows(tmp_path / "faults.csv")) == 0
    assert len(read_rows(tmp_path / "ektp.csv")) == PEOPLE


def test_files_hold_the_households_iter_households_yields(district):
    out_dir, summary = district
    in_memory = [(p.id, p.nik, p.name, p.birth_date.isoformat(), p.village_code)
                 for h in iter_households(people=PEOPLE, seed=11) for p in h.members]
    on_disk = [(r["id"], r["nik"], r["name"], r["birth_date"], r["village_code"])
               for _, r in read_rows(out_dir / "people.csv")]
    assert on_disk == in_memory
    assert len(read_rows(out_dir / "households.csv")) == summary.households


def test_the_summary_says_what_was_made(district):
    out_dir, summary = district
    text = summary.describe()
    assert "Kabupaten Malang (35.07)" in text and f"{PEOPLE:,} people" in text
    assert "33 sub-districts" in text
    for name in FILES:
        assert name in text and summary.files[name] == (out_dir / name).stat().st_size
    for kind in FIELDS_BY_KIND:
        assert kind in text


@pytest.mark.parametrize(("arguments", "error"), [
    ({"people": 0}, ValueError),
    ({"people": 10, "fault_rate": 1.5}, ValueError),
    ({"people": 10, "regency": "99.99"}, UnknownRegency),
])
def test_bad_arguments_are_refused_before_any_file_is_written(tmp_path, arguments, error):
    with pytest.raises(error):
        generate_district(tmp_path / "out", **arguments)
    assert not (tmp_path / "out").exists()
