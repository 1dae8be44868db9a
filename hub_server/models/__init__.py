"""The hub's tables, one module per concept; importing this package registers them all on `Base.metadata`."""

from hub_server.models.audit import AuditLog
from hub_server.models.base import Base, UTCDateTime
from hub_server.models.device import GENESIS_HEAD, Device
from hub_server.models.enrollment import EnrollmentToken
from hub_server.models.jobs import Job
from hub_server.models.population_changes import PopulationChange  # the table and its triggers, with every schema
from hub_server.models.records import Conflict, FeedEntry, HubCounter, ReceivedChangeSet, Record, RecordEdit
from hub_server.models.user import User

__all__ = ["AuditLog", "Base", "Conflict", "Device", "EnrollmentToken", "FeedEntry", "GENESIS_HEAD", "HubCounter",
           "Job", "PopulationChange", "ReceivedChangeSet", "Record", "RecordEdit", "User", "UTCDateTime"]
