"""The hub's service layer.

Services take a unit of work and plain values, and return plain values (frozen dataclasses). They
never import Flask nor touch `request`, `g` or `current_app`, so the web UI, the API, the command
line, a scheduler and the tests all call them the same way (`tests/integration/test_hub_purity.py`
checks it). A service that changes data commits the unit of work itself and records what it did
in the audit log in the same transaction.
"""
