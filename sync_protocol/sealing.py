"""Sealed payloads (protocol version 3): readable only by the receiver, whoever carries them.

A laptop's change-sets go to the hub sealed to the hub's key, and the hub's reply (acknowledgement,
results, feed page) comes back sealed to the device's key, so a sub-district relay, a USB stick or
someone listening on the link carries only ciphertext (docs/protocol.md §14).

No new key is exchanged. Each side already holds the other's Ed25519 public key (pinned at enrollment),
and an Ed25519 key pair maps onto an X25519 key pair on the same curve (RFC 7748 §4.1's birational map;
libsodium's `crypto_sign_ed25519_pk_to_curve25519`). So every enrolled laptop, even one enrolled years
ago, can be sealed to, and a laptop can seal to its hub offline, for a USB stick.

A sealed payload is an ECIES box: a fresh X25519 key per payload, HKDF-SHA256 of the shared secret, and
ChaCha20-Poly1305 with the all-zero nonce (safe: each key encrypts one message). The `context` (purpose
and device) is bound in twice, in the key and as associated data, so a box made for one purpose or one
device does not open as another.

    box := "SX" || 0x01 || ephemeral X25519 public key (32) || ciphertext || tag (16)

The box is 51 bytes longer than what it seals.
"""

import hashlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync_protocol.errors import MalformedMessage

MAGIC = b"SX\x01"
DOMAIN = b"SWS-SEAL-1"
NONCE = bytes(12)  # one message per key: the key is fresh for every box
OVERHEAD = len(MAGIC) + 32 + 16
_P = 2**255 - 19  # the field of Curve25519 and of Ed25519


def x25519_public(ed25519_public: bytes) -> bytes:
    """The X25519 public key (Montgomery u) of an Ed25519 public key (Edwards y): u = (1 + y) / (1 - y) mod p."""
    if len(ed25519_public) != 32:
        raise MalformedMessage("public_key", "an Ed25519 public key is 32 bytes")
    y = int.from_bytes(ed25519_public, "little") & ((1 << 255) - 1)
    if y >= _P or y == 1:
        raise MalformedMessage("public_key", "not a point this key can be sealed to")
    u = (1 + y) * pow(1 - y, _P - 2, _P) % _P
    return u.to_bytes(32, "little")


def x25519_private(ed25519_private: Ed25519PrivateKey) -> X25519PrivateKey:
    """The X25519 private key of an Ed25519 key: the first half of SHA-512 of its seed (clamped on use)."""
    seed = ed25519_private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                         serialization.NoEncryption())
    return X25519PrivateKey.from_private_bytes(hashlib.sha512(seed).digest()[:32])


def _key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes, context: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=ephemeral_public + recipient_public,
                info=DOMAIN + b"\x00" + context).derive(shared)


def seal(recipient_ed25519_public: bytes, plaintext: bytes, context: bytes,
         ephemeral: X25519PrivateKey | None = None) -> bytes:
    """`plaintext` sealed to the holder of the Ed25519 key. `ephemeral` is fixed by test vectors only."""
    recipient = x25519_public(recipient_ed25519_public)
    ephemeral = ephemeral or X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    key = _key(shared, ephemeral_public, recipient, context)
    return MAGIC + ephemeral_public + ChaCha20Poly1305(key).encrypt(NONCE, plaintext, context)


def is_sealed(data: bytes) -> bool:
    return data[:len(MAGIC)] == MAGIC


def open_sealed(ed25519_private: Ed25519PrivateKey, box: bytes, context: bytes) -> bytes:
    """What `box` seals. Raises MalformedMessage when it is not a box, or not one for this key and context."""
    if not is_sealed(box) or len(box) < OVERHEAD:
        raise MalformedMessage("sealed", "not a sealed payload")
    ephemeral_public = box[len(MAGIC):len(MAGIC) + 32]
    private = x25519_private(ed25519_private)
    recipient = private.public_key().public_bytes_raw()
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        return ChaCha20Poly1305(_key(shared, ephemeral_public, recipient, context)).decrypt(
            NONCE, box[len(MAGIC) + 32:], context)
    except (InvalidTag, ValueError) as exc:  # ValueError: a low-order ephemeral key, refused by the exchange
        raise MalformedMessage("sealed", "the sealed payload does not open with this key") from exc
