"""Bundle files: change-sets and hub answers carried on a USB stick or by a sub-district relay.

A bundle holds sections: wire batches of signed segments (from one or several devices) and signed
hub data (feed pages, acknowledgements). A SHA-256 trailer detects damage on the stick; the segment
signatures and the hub's signatures detect alteration. Importing a bundle twice is harmless: the hub
recognises change-sets it already holds by sequence number and hash.

Layout: MAGIC, then sections of (type: 1 byte, length: 4 bytes big-endian, bytes), then b"END" and
the SHA-256 of everything before it.
"""

import hashlib
import json
import struct
from dataclasses import dataclass, field

from sync_protocol.chain import CHAIN_DOMAIN, linked_hashes
from sync_protocol.errors import BundleCorrupt, UnknownDevice
from sync_protocol.signing import verify
from sync_protocol.wire import decode_batch, encode_batch

MAGIC = b"SWS-BUNDLE-1\n"
SECTION_BATCH, SECTION_HUB_DATA = 1, 2
MAX_SECTION = 256 * 1024 * 1024


@dataclass
class Bundle:
    segments: list = field(default_factory=list)
    hub_data: list = field(default_factory=list)  # signed JSON objects from the hub


def write_bundle(bundle: Bundle) -> bytes:
    sections = []
    if bundle.segments:
        sections.append((SECTION_BATCH, encode_batch(bundle.segments)))
    for item in bundle.hub_data:
        sections.append((SECTION_HUB_DATA, json.dumps(item, separators=(",", ":")).encode()))
    body = MAGIC + b"".join(bytes([kind]) + struct.pack(">I", len(data)) + data for kind, data in sections)
    body += b"END"
    return body + hashlib.sha256(body).digest()


def read_bundle(data: bytes) -> Bundle:
    """Parse a bundle. Raises BundleCorrupt for a damaged or altered frame, MalformedMessage inside."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 35:
        raise BundleCorrupt("not an SWS bundle file")
    body, checksum = data[:-32], data[-32:]
    if hashlib.sha256(body).digest() != checksum or not body.endswith(b"END"):
        raise BundleCorrupt("checksum does not match: the file is damaged or was altered")
    bundle, position, end = Bundle(), len(MAGIC), len(body) - 3
    while position < end:
        kind, length = body[position], struct.unpack(">I", body[position + 1:position + 5])[0]
        section = body[position + 5:position + 5 + length]
        if len(section) != length or length > MAX_SECTION:
            raise BundleCorrupt("a section is cut short")
        _add_section(bundle, kind, section)
        position += 5 + length
    return bundle


def _add_section(bundle: Bundle, kind: int, section: bytes) -> None:
    if kind == SECTION_BATCH:
        bundle.segments.extend(decode_batch(section))
    elif kind == SECTION_HUB_DATA:
        try:
            item = json.loads(section)
        except (ValueError, RecursionError):
            raise BundleCorrupt("a hub data section is not JSON") from None
        if not isinstance(item, dict):
            raise BundleCorrupt("a hub data section is not a JSON object")
        bundle.hub_data.append(item)
    else:
        raise BundleCorrupt(f"unknown section type {kind}")


def verify_bundle_segments(bundle: Bundle, public_keys: dict, revocations=None) -> None:
    """Check every segment's chain and signature with the devices' public keys (no receiver state).

    What a relay does before it forwards. Raises UnknownDevice, RevokedDevice, BrokenChain, BadSignature.
    """
    for segment in bundle.segments:
        if revocations is not None:
            revocations.check(segment.device_id)
        if segment.device_id not in public_keys:
            raise UnknownDevice(segment.device_id)
        hashes = linked_hashes(segment.changesets)
        verify(public_keys[segment.device_id], segment.signature, CHAIN_DOMAIN, hashes[-1])
