"""The text of each outbox message (issue 7 points 2–3): an e-mail (subject + plain text) or an
SMS (at most 320 characters), for one moment (the invitation, a reminder N days before, an update
after a change, a cancellation), in the guardian's language.

Templates live in ``templates/activiteiten/ouders/berichten/`` with Dutch msgids; the catalogs
in ``locale/`` translate them. A language without a catalog gets the message in Dutch followed by
English (DESIGN.md §6). Dates and day names come out in the language through Django's own
catalogs, so they are right even before a sentence has been translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language_info

from activiteiten.models import Herinnering, Ouderactiviteit
from activiteiten.ouders import sms
from activiteiten.ouders.rsvp import FALLBACK_TALEN, TALEN, antwoord_url
from gezinnen.models import Taal

# TALEN: Dutch (the source) and the languages with a catalog in locale/, the same as the answer
# page's; any other language gets FALLBACK_TALEN (Dutch, then English).
TEMPLATES = "activiteiten/ouders/berichten/"


@dataclass(frozen=True)
class Bericht:
    onderwerp: str
    tekst: str
    talen: tuple[str, ...]


def talen_voor(taal: str) -> tuple[str, ...]:
    return (taal,) if taal in TALEN else FALLBACK_TALEN


def soort_van(moment: str) -> tuple[str, int | None]:
    """ "dagen-7" → ("herinnering", 7); "wijziging-3" → ("wijziging", None); else the moment."""
    if moment.startswith("dagen-"):
        return "herinnering", int(moment.removeprefix("dagen-"))
    if moment.startswith("wijziging-"):
        return "wijziging", None
    return moment, None


def taalnaam(code: str) -> str:
    """A language in its own name (Türkçe, العربية): what a parent looks for in a list."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return Taal(code).label if code in Taal.values else code


def _context(herinnering: Herinnering) -> dict:
    uitnodiging = herinnering.uitnodiging
    activiteit: Ouderactiviteit = uitnodiging.ouderactiviteit
    soort, dagen = soort_van(herinnering.moment)
    return {
        "soort": soort,
        "dagen": dagen,
        "activiteit": activiteit,
        "school": activiteit.school.naam,
        "naam": uitnodiging.verzorger.roepnaam if uitnodiging.verzorger else "",
        "tolktalen": [taalnaam(code) for code in activiteit.tolktalen],
        "link": "" if soort == "annulering" else antwoord_url(uitnodiging),
    }


def _schoon(tekst: str) -> str:
    """Templates keep their line breaks; drop trailing spaces and runs of empty lines."""
    regels = [regel.rstrip() for regel in tekst.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(regels))


def _render(naam: str, context: dict, taal: str) -> str:
    with translation.override(taal):
        return _schoon(render_to_string(TEMPLATES + naam, context))


def email(herinnering: Herinnering) -> Bericht:
    context = _context(herinnering)
    talen = talen_voor(herinnering.uitnodiging.taal)
    onderwerpen = [_render("email_onderwerp.txt", context, taal) for taal in talen]
    teksten = [_render("email_tekst.txt", context, taal) for taal in talen]
    return Bericht(
        onderwerp=" / ".join(dict.fromkeys(onderwerpen)),
        tekst="\n\n----------\n\n".join(teksten) + "\n",
        talen=talen,
    )


def sms_tekst(herinnering: Herinnering) -> Bericht:
    """One or two sentences (Dutch + English for a language without a catalog) and the link once,
    shortened to fit 320 characters: the title gives way first, the link never."""
    context = _context(herinnering)
    talen = talen_voor(herinnering.uitnodiging.taal)
    link = context["link"]
    for titellengte in (60, 30, 12):
        zinnen = [" ".join(_render("sms.txt", {**context, "titellengte": titellengte}, taal).split()) for taal in talen]
        tekst = " / ".join(zinnen) + (f" {link}" if link else "")
        if len(tekst) <= sms.MAX_LENGTE:
            break
    else:
        ruimte = sms.MAX_LENGTE - (len(link) + 2 if link else 0)
        tekst = " / ".join(zinnen)[: ruimte - 1] + "…" + (f" {link}" if link else "")
    return Bericht(onderwerp="", tekst=tekst, talen=talen)
