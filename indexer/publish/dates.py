"""Dates as people write them in citations: '30 July 2010', '2010年7月30日'."""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def long_date(iso: str, lang: str = "en") -> str:
    d = dt.date.fromisoformat(iso)
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def long_date_or_text(value: str | None, lang: str = "en") -> str:
    """long_date, tolerant of a missing or malformed date (shown as written)."""
    if not value:
        return ""
    try:
        return long_date(value, lang)
    except ValueError:
        return value
