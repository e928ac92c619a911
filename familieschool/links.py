"""Links to many rows at the price of one ``reverse()``.

A table or panel links every row to the same view; resolving the URL per row costs 50 to 100 µs
with an argument. :func:`url_per_pk` resolves it once with a marker where the pk goes (kept per
process, script prefix and URLconf) and swaps in each row's pk: an int needs no quoting, so the
result is what ``reverse(viewname, args=[pk])`` gives.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# A number no URL of ours contains by itself: it marks where the pk goes in a reversed URL.
_PK_PLAATS = 987654321


@functools.cache
def _rond_pk(viewname: str, prefix: str, urlconf: str) -> tuple[str, str]:
    """What comes before and after the pk in the URL of ``viewname`` (``prefix`` only keys it)."""
    voor, _, na = reverse(viewname, args=[_PK_PLAATS], urlconf=urlconf).partition(str(_PK_PLAATS))
    return voor, na


def url_per_pk(viewname: str) -> Callable[[int], str]:
    """``pk → reverse(viewname, args=[pk])``."""
    voor, na = _rond_pk(viewname, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return lambda pk: f"{voor}{int(pk)}{na}"
