"""Scope: the regions a device was enrolled for, by Kemendagri code.

A scope is a set of codes at any level: a village laptop holds its village ("35.07.01.2001"), a
sub-district MIS laptop its sub-district ("35.07.01"), which covers every village inside it.
"""

from dataclasses import dataclass

from sync_protocol.errors import OutOfScope


@dataclass(frozen=True)
class Scope:
    codes: tuple

    def __post_init__(self):
        object.__setattr__(self, "codes", tuple(sorted(set(self.codes))))

    def covers(self, region_code: str | None) -> bool:
        """True when the region lies inside one of the scope's regions (a code covers its own children)."""
        if not region_code:
            return False
        return any(region_code == code or region_code.startswith(code + ".") for code in self.codes)

    def check(self, device_id: str, record_id: str, region_code: str | None) -> None:
        """Raise OutOfScope unless the record's region is covered."""
        if not self.covers(region_code):
            raise OutOfScope(device_id, record_id, region_code or "")

    def key(self) -> str:
        """A stable text naming this scope, for cursors."""
        return ",".join(self.codes)
