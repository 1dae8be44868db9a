"""The SWS Sync protocol: pure Python, standard library and `cryptography` only (see README.md)."""
