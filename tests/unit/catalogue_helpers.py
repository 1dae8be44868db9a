"""Checks that every bilingual catalogue ({"id": ..., "en": ...} per key) must pass."""

import string

from schemas.messages import LANGUAGES


def check_bilingual(entry: dict) -> None:
    """Both languages, none blank, and the same {placeholders} in each."""
    assert set(entry) == set(LANGUAGES) and all(value.strip() for value in entry.values())
    used = {lang: {name for _, name, _, _ in string.Formatter().parse(value) if name}
            for lang, value in entry.items()}
    assert used["id"] == used["en"]
