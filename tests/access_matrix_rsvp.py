"""The rsvp part of the access matrix (parent activities), merged into tests/access_matrix.py
MATRIX. Objects are built at our school by tests/activiteiten/matrix_objects_rsvp.py.

The answer page is public: a parent opens it from the signed link in their invitation without
an account, so every principal, anonymous included, gets the page for a valid link, and a
changed link is a 404 for everyone (tests/activiteiten/test_rsvp.py covers the rest)."""

from __future__ import annotations

from tests.access_matrix import NOT_FOUND, OK, Url

RSVP: dict[str, Url] = {
    "activiteiten:antwoord": Url(args=("rsvp_sleutel",), anoniem=OK),
    "activiteiten:antwoord#ongeldig": Url(args=("rsvp_sleutel_ongeldig",), default=NOT_FOUND, anoniem=NOT_FOUND),
}
