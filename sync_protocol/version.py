"""Protocol versions and capabilities, negotiated by intersecting what each side offers.

A sync request is made under one version and names every version its laptop speaks; the hub serves
any version it supports and answers with the one it chose, so version 1 laptops keep syncing while
the district upgrades (docs/protocol.md §10). A change-set carries the version of its own format,
which moves separately: versions 2 and 3 of the sync changed the request and the reply, not change-sets
(2 signs the whole reply and stops replays; 3 seals what they carry to the receiver's key).
A receiver answers a version it does not speak with `UnsupportedVersion`, which names the versions
it does support so the laptop can tell its officer to upgrade (or, for a newer laptop, step down).
"""

from dataclasses import dataclass

from sync_protocol.errors import UnsupportedVersion

PROTOCOL_VERSION = 3  # the newest sync request and reply this code makes
SUPPORTED_VERSIONS = frozenset({1, 2, 3})
CHANGESET_VERSION = 1  # the format of the change-sets this code makes unless its receiver is known to read 2
CHANGESET_VERSIONS = frozenset({1, 2})  # the formats this code reads
CHANGESET_WITH_BASES = 2  # the first format whose updates may name the edit each field's editor saw (`e`)
CAPABILITIES = frozenset({"wire-lzma", "wire-zlib", "feed-v1", "bundle-v1", "revocations", "signed-reply",
                          "challenge", "sealed"})


@dataclass(frozen=True)
class Agreement:
    version: int
    capabilities: frozenset


def negotiate(peer_versions, peer_capabilities, *, ours=SUPPORTED_VERSIONS,
              our_capabilities=CAPABILITIES) -> Agreement:
    """The highest version both sides speak and the capabilities both have.

    Raises UnsupportedVersion(got=peer_versions, supported=ours) when they share no version.
    """
    common = set(ours) & set(peer_versions)
    if not common:
        raise UnsupportedVersion(sorted(peer_versions), ours)
    return Agreement(max(common), frozenset(our_capabilities) & frozenset(peer_capabilities))


def answer_version(made_under: int, announced=()) -> int:
    """The version a hub answers a request in: the highest it shares with what the laptop announced.

    A version 1 laptop announces nothing and is answered exactly as before; a laptop that speaks 2 but
    has not heard the hub answer in it makes its request under 1 and announces [1, 2].
    """
    return max((SUPPORTED_VERSIONS & set(announced)) | {made_under})


def check_version(version, supported=SUPPORTED_VERSIONS) -> None:
    """Raise UnsupportedVersion unless `version` is one of `supported` (a request's, by default)."""
    if version not in supported:
        raise UnsupportedVersion(version, supported)


def check_changeset_version(version) -> None:
    """Raise UnsupportedVersion unless a change-set's format is one we read."""
    check_version(version, CHANGESET_VERSIONS)
