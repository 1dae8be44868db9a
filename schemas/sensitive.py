"""Sensitive cases: complaints of violence against women and children and of trafficking in persons.

    is_sensitive({"category": "trafficking"})   # True
    SENSITIVE_CATEGORIES                        # the categories that make a complaint sensitive

This is the one place that says which complaints are sensitive; the hub's feed, the desk, the call
centre and the laptop all ask it (docs/complaints.md, "Sensitive cases"). A sensitive complaint is
seen only by those who must: on the laptop that recorded it, the officer who recorded it; at the hub,
the district's admins and the women's and children's protection unit (role `protection_unit`). Its
form and its events never go to the other laptops of its village, nor to the sub-district's.
"""

SENSITIVE_CATEGORIES = ("violence_women_children", "trafficking")


def is_sensitive_category(category) -> bool:
    return category in SENSITIVE_CATEGORIES


def is_sensitive(complaint: dict | None) -> bool:
    """Whether a complaint (its form, as a dict of its fields) is a sensitive case."""
    return bool(complaint) and is_sensitive_category(complaint.get("category"))
