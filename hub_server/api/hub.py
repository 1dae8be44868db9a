"""What every API handler needs of the running hub: its key pair and its database."""

from flask import current_app

from hub_server import db, keys
from hub_server.errors import HubNotInitialised


def hub_key():
    """The hub's key pair. Raises HubNotInitialised before `sws-hub init`."""
    key = keys.get(current_app)
    if key is None:
        raise HubNotInitialised()
    return key


def database():
    return db.get(current_app)
