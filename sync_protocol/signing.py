"""Ed25519 keys, device ids and signatures.

A device id is derived from the device's public key (see `device_id_for`), so a laptop can name
itself and its records before it ever reaches the hub; enrollment binds that key to a scope.
"""

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync_protocol.errors import BadSignature, MalformedMessage

DEVICE_ID_LENGTH = 10  # base32 characters: 50 bits, no collision in a province's devices


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def private_key_from_pem(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise MalformedMessage("key", "not an Ed25519 private key")
    return key


def private_key_from_seed(seed: bytes) -> Ed25519PrivateKey:
    """A key from 32 fixed bytes: for test vectors only."""
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of a public key (of a private key's public half)."""
    if isinstance(key, Ed25519PrivateKey):
        key = key.public_key()
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_key: bytes) -> str:
    """Lower-case base32 of the SHA-256 of the raw public key, without padding (52 characters)."""
    digest = hashlib.sha256(public_key).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=").lower()


def device_id_for(public_key: bytes) -> str:
    """The device id: the first DEVICE_ID_LENGTH characters of the key's fingerprint."""
    return fingerprint(public_key)[:DEVICE_ID_LENGTH]


def sign(key: Ed25519PrivateKey, domain: bytes, message: bytes) -> bytes:
    """Sign `message` under a domain tag, so a signature made for one purpose is useless for another."""
    return key.sign(domain + b"\x00" + message)


def verify(public_key: bytes, signature: bytes, domain: bytes, message: bytes) -> None:
    """Raise BadSignature unless `signature` is the key's signature of `message` under `domain`."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, domain + b"\x00" + message)
    except (InvalidSignature, ValueError) as exc:
        raise BadSignature(domain.decode("ascii", "replace")) from exc
