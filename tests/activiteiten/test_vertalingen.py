"""What parents read about parent activities is translated (issue 7 point 7, DESIGN.md §6): the
answer page, the e-mail and SMS texts, the flyer and the paper invitation. Every string those
sources mark for translation has a translation in every catalog, with the same placeholders, and
the answer page really comes out in each language.

tests/activiteiten/test_drukwerk.py checks the booklet's strings and that each compiled .mo
matches its .po; this file extends the first check to the sources of parent activities. Strings
are found the way makemessages finds them (Django's templatize for templates, the gettext calls
in Python), so a blocktranslate with variables or a plural is read exactly as xgettext reads it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation.template import templatize

from activiteiten.ouders import rsvp
from tests.activiteiten.matrix_objects_rsvp import maak_ouderactiviteit, maak_uitnodiging

BASE_DIR = Path(settings.BASE_DIR)
LOCALE = BASE_DIR / "locale"
TALEN = sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES/django.po").exists())

BRON_TEMPLATES = [
    "templates/activiteiten/ouders/publiek/*.html",
    "templates/activiteiten/ouders/berichten/*",
    "templates/activiteiten/ouders/drukwerk/*",
    "templates/activiteiten/emails/*",  # the invitation for pupils not yet reached (Rijke schooldag)
]
BRON_PYTHON = ["activiteiten/ouders/rsvp.py", "activiteiten/ouders/views_publiek.py"]

_STR = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_AANROEP = re.compile(rf"\b(n?p?gettext)\(((?:{_STR}, )*{_STR})(?:, count)?\)")

Sleutel = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)


def _uit_aanroep(functie: str, args: list[str]) -> Sleutel:
    context = args.pop(0) if functie.startswith(("pgettext", "npgettext")) else ""
    return (context, args[0], args[1] if functie.startswith(("ngettext", "npgettext")) else "")


def bron_msgids() -> set[Sleutel]:
    """Every (context, msgid, plural) the parent-facing sources of parent activities mark."""
    sleutels: set[Sleutel] = set()
    for patroon in BRON_TEMPLATES:
        for pad in sorted(BASE_DIR.glob(patroon)):
            for functie, args in _AANROEP.findall(templatize(pad.read_text(encoding="utf-8"), origin=str(pad))):
                waarden = [ast.literal_eval(a) for a in re.findall(_STR, args)]
                sleutels.add(_uit_aanroep(functie.removesuffix("_lazy"), waarden))
    for bestand in BRON_PYTHON:
        for node in ast.walk(ast.parse((BASE_DIR / bestand).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                functie = node.func.id.removesuffix("_lazy")
                if functie in {"gettext", "pgettext", "ngettext", "npgettext"}:
                    waarden = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    sleutels.add(_uit_aanroep(functie, waarden))
    return sleutels


def lees_po(pad: Path) -> dict[Sleutel, list[str]]:
    """(msgctxt, msgid, msgid_plural) → its translations (one, or one per plural form). A fuzzy
    entry counts as untranslated, as msgfmt leaves it out."""
    entries: dict[Sleutel, list[str]] = {}
    huidig: dict[str, str] = {}
    veld, fuzzy = "", False
    for regel in [*pad.read_text(encoding="utf-8").splitlines(), ""]:
        if not regel.strip():
            if "msgid" in huidig:
                vormen = [v for k, v in sorted(huidig.items()) if k.startswith("msgstr")]
                sleutel = (huidig.get("msgctxt", ""), huidig["msgid"], huidig.get("msgid_plural", ""))
                entries[sleutel] = [""] * len(vormen) if fuzzy else vormen
            huidig, veld, fuzzy = {}, "", False
        elif regel.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in regel
        elif regel.startswith("#"):
            continue
        elif regel.startswith('"'):
            huidig[veld] += ast.literal_eval(regel)
        else:
            veld, _, waarde = regel.partition(" ")
            huidig[veld] = ast.literal_eval(waarde)
    return entries


def _plaatshouders(tekst: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)[sd]", tekst))


def test_the_sources_mark_their_strings():
    sleutels = bron_msgids()

    assert ("ouders", "Verstuur mijn antwoord", "") in sleutels
    assert ("ouders", "Beste familie %(naam)s, u bent van harte uitgenodigd.", "") in sleutels
    assert ("ouders", "Deze activiteit gaat niet door.", "") in sleutels
    assert len(sleutels) > 60


def test_the_parent_languages_of_design_have_a_catalog():
    assert {"en", "ar", "tr", "pl", "es", "fr"} <= set(TALEN)
    assert set(TALEN) <= set(rsvp.TALEN)


@pytest.mark.parametrize("taal", TALEN)
def test_every_string_of_parent_activities_is_translated(taal):
    catalogus = lees_po(LOCALE / taal / "LC_MESSAGES/django.po")

    ontbreekt = sorted(s for s in bron_msgids() if not all(v.strip() for v in catalogus.get(s, [""])))
    assert ontbreekt == [], f"{taal}: untranslated or fuzzy"
    for sleutel in bron_msgids():
        _, msgid, meervoud = sleutel
        if meervoud:
            # A plural form may leave out the number ("tomorrow"), never add a placeholder.
            for vorm in catalogus[sleutel]:
                assert _plaatshouders(vorm) <= _plaatshouders(msgid) | _plaatshouders(meervoud), (taal, msgid)
        else:
            assert _plaatshouders(catalogus[sleutel][0]) == _plaatshouders(msgid), (taal, msgid)


@pytest.mark.django_db
@pytest.mark.parametrize("taal", TALEN)
def test_the_answer_page_comes_out_in_the_language(client, school, coordinator, taal):
    catalogus = lees_po(LOCALE / taal / "LC_MESSAGES/django.po")
    uitnodiging = maak_uitnodiging(maak_ouderactiviteit(school, coordinator.user), taal=taal)

    inhoud = client.get(reverse("activiteiten:antwoord", args=[rsvp.sleutel_voor(uitnodiging)])).content.decode()

    for msgid in ("Verstuur mijn antwoord", "Wanneer en waar", "Ja, ik kom", "Komt u?"):
        assert catalogus[("ouders", msgid, "")][0] in inhoud, (taal, msgid)
        assert msgid not in inhoud, (taal, msgid)
    assert f'<html lang="{taal}" dir="{"rtl" if taal == "ar" else "ltr"}">' in inhoud
