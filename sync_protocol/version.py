"""Protocol versions and capabilities, negotiated by intersecting what each side offers.

A change-set carries the version it was made under; a receiver accepts the versions it supports
and answers others with `UnsupportedVersion`, which names the versions it does support so the
laptop can tell its officer to upgrade.
"""

from dataclasses import dataclass

from sync_protocol.errors import UnsupportedVersion

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = frozenset({1})
CAPABILITIES = frozenset({"wire-lzma", "wire-zlib", "feed-v1", "bundle-v1", "revocations"})


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


def check_version(version) -> None:
    """Raise UnsupportedVersion unless a change-set's version is one we accept."""
    if version not in SUPPORTED_VERSIONS:
        raise UnsupportedVersion(version, SUPPORTED_VERSIONS)
