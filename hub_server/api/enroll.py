"""POST /api/v1/enroll: a laptop spends a one-time token to enroll its public key."""

from flask import jsonify

from hub_server.api.body import Fields, json_object
from hub_server.api.hub import database, hub_key
from hub_server.services import enrollment


def enroll():
    """{token, public_key (base64), label} -> the signed enrollment reply (docs/api.md)."""
    key = hub_key()
    fields = Fields(json_object())
    token = fields.text("token", max_length=80)
    public_key = fields.base64("public_key", max_length=100)
    label = fields.text("label", required=False)
    fields.done()
    with database().uow(immediate=True) as uow:
        result = enrollment.enroll(uow, token, public_key, label, hub_fingerprint=key.fingerprint)
    return jsonify(enrollment.signed_reply(result, key))
