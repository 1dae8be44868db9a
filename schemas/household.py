"""A household: a stable id that outlives its family card (KK) numbers.

A new KK number is issued on marriage, divorce, moving and death, so the household keeps the history
of its numbers (`kk_history`, oldest first) and its current one (`kk_number`, the last of the history
when a history is given). Members are the persons whose `household_id` is this household's id; the head
is one of them. The welfare decile (desil 1-10) comes from the national socio-economic registry
extract (DTSEN), named in `decile_source`.
"""

from schemas import fields as f
from schemas.base import RecordSchema
from schemas.errors import FieldError


class KkEntrySchema(RecordSchema):
    """One family card number of a household, from the date it was valid."""

    record_kind = "kk_entry"

    kk_number = f.Kk(required=True)
    since = f.Date(past=True)
    reason = f.Choice("kk_change_reason")


class HouseholdSchema(RecordSchema):
    record_kind = "household"

    id = f.RecordId(required=True)
    kk_number = f.Kk()
    kk_history = f.List(f.Nested(KkEntrySchema, allow_none=False), max_length=50, load_default=list)  # no null entry
    head_person_id = f.RecordId()
    village_code = f.RegionCode("village", required=True)
    address = f.Text(max_length=200)
    address_rt = f.RtRw()
    address_rw = f.RtRw()
    welfare_decile = f.Integer(minimum=1, maximum=10)
    decile_source = f.Text(max_length=100)

    def record_errors(self, data: dict) -> list[FieldError]:
        history = data.get("kk_history") or []
        return _history_errors(history) + _current_errors(data.get("kk_number"), history)


def _history_errors(history: list[dict]) -> list[FieldError]:
    errors, seen, last_since = [], set(), None
    for index, entry in enumerate(history):
        number, since = entry["kk_number"], entry.get("since")
        if number in seen:
            errors.append(FieldError(f"kk_history.{index}.kk_number", "list_duplicate", {"value": number}))
        if since and last_since and since < last_since:
            errors.append(FieldError(f"kk_history.{index}.since", "kk_history_order"))
        seen.add(number)
        last_since = since or last_since
    return errors


def _current_errors(current: str | None, history: list[dict]) -> list[FieldError]:
    if history and current != history[-1]["kk_number"]:
        return [FieldError("kk_number", "kk_history_current", {"last": history[-1]["kk_number"]})]
    return []
