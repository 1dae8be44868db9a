"""The few rules that belong to the laptop rather than to a record: officers, scope, lookups.

Record fields are checked by `schemas` (the one definition shared with the hub and importers); the
rules here are about this laptop: an officer's user name, role and PIN, a record id that is not on
the laptop, a village outside the laptop's scope, a CSV header in the wrong layout. Their messages
come from `village_client.messages`. `LocalError` has the shape of `schemas.FieldError`, so callers
treat both alike.
"""

import re
from dataclasses import dataclass, field

from village_client.messages import text

USERNAME = re.compile(r"^[a-z][a-z0-9._-]{2,31}$")
PIN = re.compile(r"^\S{6,64}$")
ROLES = ("village_secretary", "midwife", "sub_district_officer", "case_worker")


@dataclass(frozen=True)
class LocalError:
    field: str
    rule: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        # A parameter given in both languages ({"id": ..., "en": ...}) is worded in the reader's.
        params = {name: value.get(lang, value.get("id")) if isinstance(value, dict) else value
                  for name, value in self.params.items()}
        return text(f"rule.{self.rule}", lang, **params)

    def as_dict(self, lang: str = "id") -> dict:
        return {"field": self.field, "rule": self.rule, "message": self.message(lang)}


def officer_errors(username: str, full_name: str, role: str, pin: str) -> list:
    errors = []
    if not USERNAME.match(username or ""):
        errors.append(LocalError("username", "username"))
    if not (full_name or "").strip():
        errors.append(LocalError("full_name", "required"))
    if role not in ROLES:
        errors.append(LocalError("role", "choice", {"options": ", ".join(ROLES)}))
    if not PIN.match(pin or ""):
        errors.append(LocalError("pin", "pin"))
    return errors
