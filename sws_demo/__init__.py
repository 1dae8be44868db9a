"""A whole demo district on one machine."""
