"""Who is acting, and what their role and area allow."""

import getpass
from dataclasses import dataclass

from hub_server.errors import Forbidden

USER_ROLES = ("district_admin", "sub_district_officer", "technical_unit", "protection_unit", "case_worker", "viewer")
OPERATOR = "operator"  # the server's command line: whoever can run it owns the data folder anyway

PERMISSIONS = {
    "district_admin": frozenset({
        "devices.view", "devices.revoke", "tokens.view", "tokens.issue", "tokens.cancel", "audit.view",
        "conflicts.view", "conflicts.resolve", "users.manage", "population.view", "population.import",
        "population.match", "callcentre.view", "callcentre.complain", "applications.view", "applications.decide",
        "verification.view", "verification.decide", "population.resolve", "reports.view", "desk.view", "desk.act",
        "exports.make", "desk.sensitive", "dashboard.view", "catalogue.edit", "cases.view", "cases.confidential",
    }),
    "sub_district_officer": frozenset({
        "devices.view", "devices.revoke", "tokens.view", "tokens.issue", "tokens.cancel", "conflicts.view",
        "conflicts.resolve", "population.view", "callcentre.view", "callcentre.complain", "applications.view",
        "applications.decide", "verification.view", "verification.decide", "population.resolve",
        "reports.view", "desk.view", "desk.act", "exports.make", "dashboard.view",
    }),
    # A technical unit (SKPD) answers the complaints forwarded to it about its own programmes.
    "technical_unit": frozenset({"desk.view", "desk.act", "dashboard.view"}),
    # The women's and children's protection unit (UPTD PPA, P2TP2A) follows the sensitive cases, and only those
    # (docs/complaints.md, "Sensitive cases"); `desk.sensitive` is seeing them at all.
    "protection_unit": frozenset({"desk.view", "desk.act", "desk.sensitive", "dashboard.view"}),
    # A case worker (LTSA, social affairs) follows cases: every case of their area, and the crisis cases and
    # counselling notes of the cases in their charge only (docs/cases.md, "Who sees what").
    "case_worker": frozenset({"cases.view", "dashboard.view"}),
    "viewer": frozenset({"devices.view", "tokens.view", "audit.view", "conflicts.view", "population.view",
                         "callcentre.view", "applications.view", "verification.view", "reports.view",
                         "desk.view", "dashboard.view"}),
}


@dataclass(frozen=True)
class Actor:
    """A person (or the command line) acting on the hub, as named in the audit log."""

    name: str  # "user:siti", "cli:root"
    role: str  # a user role, or OPERATOR
    area: str | None = None  # the sub-district a sub_district_officer is limited to
    user_id: int | None = None
    language: str = "id"
    programmes: tuple = ()  # the programme codes a technical_unit answers complaints of

    def can(self, permission: str) -> bool:
        return self.role == OPERATOR or permission in PERMISSIONS.get(self.role, ())

    def require(self, permission: str) -> None:
        """Raise Forbidden unless the role allows `permission`."""
        if not self.can(permission):
            raise Forbidden(permission=permission)

    def covers(self, codes) -> bool:
        """True when every region code lies in the actor's area (always, for an actor without one)."""
        if self.area is None:
            return True
        return all(code == self.area or code.startswith(self.area + ".") for code in codes)

    def require_area(self, codes) -> None:
        """Raise Forbidden unless every code lies in the actor's area."""
        if not self.covers(codes):
            raise Forbidden(permission="area", area=self.area)


def operator(name: str | None = None) -> Actor:
    """The person at the server's command line."""
    return Actor(f"cli:{name or _os_user()}", OPERATOR)


def device_actor(device_id: str) -> str:
    return f"device:{device_id}"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
