"""A minimal laptop for end-to-end tests: enrolls over HTTP and syncs signed requests with `requests`."""

import base64

import requests

from sync_protocol.binding import ENROLL_PATH, SYNC_PATH, verify_enroll_reply
from sync_protocol.feed import open_page
from tests.e2e.conftest import TIMEOUT
from tests.integration.sync_helpers import request as signed_request


class HttpLaptop:
    """Wraps a test Device: enrollment, sync over HTTP, and the hub key it pinned."""

    def __init__(self, device, hub_url: str, language: str = "id"):
        self.device, self.hub_url, self.hub_key, self.cursor = device, hub_url, None, ""
        self.language = language

    def enroll(self, token: str) -> dict:
        reply = requests.post(self.hub_url + ENROLL_PATH, timeout=TIMEOUT, json={
            "token": token, "public_key": base64.b64encode(self.device.public_key).decode(), "label": "uji"})
        reply.raise_for_status()
        body = reply.json()
        self.hub_key = base64.b64decode(body["hub_public_key"])
        verify_enroll_reply(body, self.hub_key)
        del body["signature"]
        return body

    def post(self, changesets=(), cursor=None, body=None, tamper=None) -> requests.Response:
        req = signed_request(self.device, changesets, self.cursor if cursor is None else cursor, body=body)
        data = tamper(req.body) if tamper else req.body
        return requests.post(self.hub_url + SYNC_PATH, data=data, timeout=TIMEOUT,
                             headers={**req.headers(), "Accept-Language": self.language})

    def sync(self, changesets=()) -> dict:
        """Push and pull once; the cursor is kept only after the page was verified."""
        reply = self.post(changesets)
        reply.raise_for_status()
        body = reply.json()
        body["entries"] = open_page(body["feed"], self.hub_key, self.device.device_id).entries
        self.cursor = body["feed"]["cursor"]
        return body
