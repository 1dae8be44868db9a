"""Protocol errors: each has a stable `code` and the fields that explain it.

    ProtocolError
    ├── MalformedMessage(part, detail)          malformed        bytes that do not decode
    ├── UnsupportedVersion(got, supported)       unsupported_version
    ├── BadSignature(what)                       bad_signature
    ├── UnknownDevice(device_id)                 unknown_device
    ├── RevokedDevice(device_id, reason)         revoked_device
    ├── ChainError                               (a device's sequence of change-sets is broken)
    │   ├── SequenceGap(device_id, expected, got)      sequence_gap
    │   ├── ChainFork(device_id, seq)                  fork
    │   └── BrokenChain(device_id, seq)                broken_chain
    ├── OutOfScope(device_id, record, region)    out_of_scope
    ├── BundleCorrupt(detail)                    bundle_corrupt
    ├── ReplayedRequest(device_id, counter, expected)   replayed_request   (version 2)
    └── UntrustedReply(detail)                   untrusted_reply     (version 2, found by the laptop)

The hub maps each code to an HTTP status and a bilingual message; relays and clients show the code
and the fields. Codes never change meaning once published (docs/protocol.md lists them).
"""


class ProtocolError(Exception):
    """Base of every protocol error."""

    code = "protocol_error"

    def fields(self) -> dict:
        """The values that explain the error, for logs and the API's error envelope."""
        return dict(self.__dict__)

    def __str__(self) -> str:
        detail = ", ".join(f"{key}={value!r}" for key, value in self.fields().items())
        return f"{self.code}: {detail}" if detail else self.code


class MalformedMessage(ProtocolError):
    """Bytes or a structure that do not decode as the protocol says."""

    code = "malformed"

    def __init__(self, part: str, detail: str):
        self.part, self.detail = part, detail


class UnsupportedVersion(ProtocolError):
    """The peer speaks a protocol version we do not; the message says which we do."""

    code = "unsupported_version"

    def __init__(self, got, supported):
        self.got, self.supported = got, sorted(supported)


class BadSignature(ProtocolError):
    """A signature does not verify with the key it claims."""

    code = "bad_signature"

    def __init__(self, what: str):
        self.what = what


class UnknownDevice(ProtocolError):
    """No enrolled device has this id."""

    code = "unknown_device"

    def __init__(self, device_id: str):
        self.device_id = device_id


class RevokedDevice(ProtocolError):
    """The device was revoked by the hub: its change-sets are refused everywhere."""

    code = "revoked_device"

    def __init__(self, device_id: str, reason: str = ""):
        self.device_id, self.reason = device_id, reason


class ChainError(ProtocolError):
    """A device's sequence of change-sets does not continue what the receiver holds."""


class SequenceGap(ChainError):
    """A change-set arrived before the ones it follows: resend from `expected`."""

    code = "sequence_gap"

    def __init__(self, device_id: str, expected: int, got: int):
        self.device_id, self.expected, self.got = device_id, expected, got


class ChainFork(ChainError):
    """Same sequence number, other content: typically a laptop restored from a backup."""

    code = "fork"

    def __init__(self, device_id: str, seq: int):
        self.device_id, self.seq = device_id, seq


class BrokenChain(ChainError):
    """A change-set's previous-hash does not name the change-set before it."""

    code = "broken_chain"

    def __init__(self, device_id: str, seq: int):
        self.device_id, self.seq = device_id, seq


class OutOfScope(ProtocolError):
    """A record lies outside the regions the device was enrolled for."""

    code = "out_of_scope"

    def __init__(self, device_id: str, record: str, region: str):
        self.device_id, self.record, self.region = device_id, record, region


class BundleCorrupt(ProtocolError):
    """A bundle file's frame or checksum is wrong: damaged on the stick, or altered."""

    code = "bundle_corrupt"

    def __init__(self, detail: str):
        self.detail = detail


class ReplayedRequest(ProtocolError):
    """A version 2 request whose counter the hub has already seen: a captured request sent again."""

    code = "replayed_request"

    def __init__(self, device_id: str, counter: int, expected: int):
        self.device_id, self.counter, self.expected = device_id, counter, expected


class UntrustedReply(ProtocolError):
    """A reply the laptop must not act on: unsigned or wrongly signed where a version 2 hub signs, for
    another device, or answering a request the laptop never made (a forged return bundle)."""

    code = "untrusted_reply"

    def __init__(self, detail: str):
        self.detail = detail
