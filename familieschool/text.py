"""Text helpers: accent folding for search (the embedded PostgreSQL has no unaccent)."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus a mark.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ŀ": "l",
        "ĳ": "ij",
        "Ĳ": "ij",
    }
)


def fold(text: str) -> str:
    """Lower-case, accent-free text: "Café Öztürk" → "cafe ozturk"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def search_terms(text: str) -> list[str]:
    """The words of a search box, folded, reduced to letters and digits."""
    return [term for term in re.split(r"[^a-z0-9]+", fold(text)) if term]
