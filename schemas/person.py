"""A person (resident) as a village registers them.

The id is made on the device (`g7nsjwgg34-17`) and is never the NIK: a person may have no NIK yet,
be registered twice, or with a mistyped NIK, and those are conflicts for people to resolve at the hub.
A person without a NIK carries a provisional `nik_status` (`newborn`, `unregistered`) until Dukcapil
issues one. The NIK's region is where it was first issued, so a NIK of another district is normal.

A death is recorded on the person (`death_date`): the record stays, the person leaves the lists.
A move to another village of the district changes `village_code` (with migration "in" and its date):
the record follows the person to the new village's laptops. A move out of the district is migration
"out" with its date and `moved_to` (where they went): the record stays, archived, and leaves the lists.

Rules across fields: a NIK agrees with sex (day + 40 for women) and date of birth, unless the officer
confirmed (`nik_mismatch_confirmed`) that the documents really differ, in which case the disagreement
is a warning for the hub to review; only women can be pregnant; severity and migration date need a
disability and a migration.
"""

from marshmallow import post_load

from schemas import fields as f
from schemas.base import RecordSchema
from schemas.choices import bilingual
from schemas.dates import age_on
from schemas.errors import FieldError
from schemas.messages import LABELS
from schemas.nik import nik_mismatches

PREGNANCY_AGES = (10, 55)  # outside these ages a pregnancy is more likely a wrong date of birth: a warning


class PersonSchema(RecordSchema):
    record_kind = "person"

    id = f.RecordId(required=True)
    nik = f.Nik()
    nik_status = f.Choice("nik_status")
    nik_mismatch_confirmed = f.Bool(load_default=False)
    kk_number = f.Kk()
    household_id = f.RecordId()
    name = f.Name(required=True, max_length=100)
    birth_place = f.Name(max_length=100)
    birth_date = f.Date(required=True, birth=True)
    sex = f.Choice("sex", required=True)
    marital_status = f.Choice("marital_status")
    relationship = f.Choice("relationship")
    address = f.Text(max_length=200)  # street, hamlet (dusun): where to find the household
    address_rt = f.RtRw()
    address_rw = f.RtRw()
    village_code = f.RegionCode("village", required=True)
    occupation = f.Choice("occupation")
    education = f.Choice("education")
    disability = f.Choice("disability")
    disability_severe = f.Bool()
    monthly_income = f.Rupiah()
    pregnant = f.Bool()
    expected_delivery_date = f.Date()  # hari perkiraan lahir, recorded by the midwife with a pregnancy
    phone = f.Phone()
    migration = f.Choice("migration")
    migration_date = f.Date(past=True)
    death_date = f.Date(past=True)  # recorded by the village; the person leaves the lists, the record stays
    # Where someone who moved out of the district went (migration "out"): the record stays, archived, and
    # the person leaves the lists. A move to another village of the district changes `village_code` instead.
    moved_to = f.Text(max_length=200)

    @post_load
    def _default_nik_status(self, data: dict, **kwargs) -> dict:
        if data.get("nik") and data.get("nik_status") is None:
            data["nik_status"] = "recorded"
        return data

    def record_errors(self, data: dict) -> list[FieldError]:
        errors = _nik_status_errors(data) + _detail_errors(data)
        if data.get("nik") and not data.get("nik_mismatch_confirmed"):
            errors += self._nik_mismatches(data)
        return errors

    def record_warnings(self, data: dict) -> list[FieldError]:
        warnings = []
        if data.get("nik") and data.get("nik_mismatch_confirmed"):
            warnings += self._nik_mismatches(data)
        if data.get("pregnant") and data.get("birth_date"):
            age = age_on(data["birth_date"], self.current_date())
            if not PREGNANCY_AGES[0] <= age <= PREGNANCY_AGES[1]:
                warnings.append(FieldError("pregnant", "pregnant_age", {"age": age}))
        return warnings

    def _nik_mismatches(self, data: dict) -> list[FieldError]:
        """Where the NIK disagrees with the recorded sex or date of birth (its own structure is the field's)."""
        return list(nik_mismatches(data["nik"], sex=data.get("sex"), birth_date=data.get("birth_date"),
                                   today=self.today))


def _nik_status_errors(data: dict) -> list[FieldError]:
    status = data.get("nik_status")
    if data.get("nik") and status not in (None, "recorded"):
        return [FieldError("nik_status", "nik_status_conflict", {"status": bilingual("nik_status", status)})]
    if not data.get("nik") and status in (None, "recorded"):
        return [FieldError("nik", "nik_missing")]
    return []


def _detail_errors(data: dict) -> list[FieldError]:
    errors = []
    if data.get("pregnant") and data.get("sex") == "M":
        errors.append(FieldError("pregnant", "pregnant_not_female"))
    if data.get("expected_delivery_date") and not data.get("pregnant"):
        errors.append(FieldError("expected_delivery_date", "expected_delivery_without"))
    if data.get("disability_severe") and data.get("disability") in (None, "none"):
        errors.append(FieldError("disability_severe", "disability_severe_without"))
    if data.get("migration_date") and data.get("migration") in (None, "none"):
        errors.append(FieldError("migration_date", "migration_date_without"))
    if data.get("moved_to") and data.get("migration") != "out":
        errors.append(FieldError("moved_to", "moved_to_without"))
    if data.get("death_date") and data.get("birth_date") and data["death_date"] < data["birth_date"]:
        errors.append(FieldError("death_date", "date_order", {"other": LABELS["birth_date"]}))
    return errors
