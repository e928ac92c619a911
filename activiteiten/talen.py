"""The languages parents are written to (DESIGN.md §6): those with a gettext catalog under
locale/ (Dutch is the source language), and the fallback for every other voorkeurstaal. One list
for the booklet, the flyer, the invitations, the reminders and the answer page."""

from __future__ import annotations

from gezinnen.models import Taal

# Dutch first; then the languages with a catalog.
TALEN: tuple[str, ...] = ("nl", "en", "ar", "tr", "pl", "es", "fr", "uk")
TWEEDE_TALEN: tuple[str, ...] = TALEN[1:]
FALLBACK_TALEN: tuple[str, ...] = ("nl", "en")
TERUGVAL_TAAL = "en"
RTL_TALEN = frozenset({"ar"})


def tweede_taal(voorkeurstaal: str) -> str | None:
    """The language written next to Dutch for a guardian: their own if it has a catalog,
    English otherwise, none for Dutch."""
    if voorkeurstaal == "nl":
        return None
    return voorkeurstaal if voorkeurstaal in TWEEDE_TALEN else TERUGVAL_TAAL


def keuzes() -> list[tuple[str, str]]:
    """(code, Dutch name) of the second languages, for staff forms."""
    namen = dict(Taal.choices)
    return [(code, namen.get(code, code)) for code in TWEEDE_TALEN]
