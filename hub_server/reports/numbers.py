"""Figures in the reader's language: 1.234.567 and 12,5% in Indonesian, 1,234,567 and 12.5% in English."""

MISSING = "—"


def number(value, lang: str = "id", decimals: int | None = None) -> str:
    """An integer with thousands separators, or a decimal with `decimals` places (1 for a float); "—" for None."""
    if value is None:
        return MISSING
    if isinstance(value, float) or decimals is not None:
        text = f"{value:,.{1 if decimals is None else decimals}f}"
    else:
        text = f"{int(value):,}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def percent(value, lang: str = "id") -> str:
    return MISSING if value is None else number(float(value), lang) + "%"


def rupiah(value, lang: str = "id") -> str:
    return MISSING if value is None else "Rp" + number(int(value), lang)
