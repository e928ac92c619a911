"""Reading the EDEXML file safely, into a small tree of elements that know their line.

The forbidden identifiers (``VERBODEN_ELEMENTEN`` and ``VERBODEN_ATTRIBUTEN`` in common) are
dropped while the XML is read: their text is never collected, only how many were dropped, per
kind. DTDs and entity declarations are refused before anything is expanded."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from django.core.exceptions import ValidationError

from gezinnen.imports.common import VERBODEN_ATTRIBUTEN, VERBODEN_ELEMENTEN


class _Verboden(Exception):
    """A DTD or entity declaration: refused before anything is expanded."""


@dataclass(slots=True)
class _Element:
    tag: str
    attrib: dict[str, str]
    regel: int
    kinderen: list[_Element] = field(default_factory=list)
    delen: list[str] = field(default_factory=list)

    @property
    def tekst(self) -> str:
        return "".join(self.delen).strip()

    def kind(self, tag: str) -> _Element | None:
        return next((kind for kind in self.kinderen if kind.tag == tag), None)

    def kinderen_met(self, *tags: str) -> list[_Element]:
        return [kind for kind in self.kinderen if kind.tag in tags]

    def tekst_van(self, tag: str) -> str:
        kind = self.kind(tag)
        return kind.tekst if kind is not None else ""


_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _lees_xml(data: bytes) -> tuple[_Element, Counter[str]]:
    """The document as a small tree with the line of every element, without the forbidden
    elements and attributes (counted per kind). Refuses DTDs and entity declarations, so no
    entity expansion ("billion laughs") and no external entity can happen."""
    if _DTD.search(data):
        raise ValidationError(
            "Dit XML-bestand bevat een DOCTYPE- of ENTITY-declaratie. Die zijn niet toegestaan in een "
            "EDEXML-bestand; exporteer het bestand opnieuw uit de leerlingadministratie.",
            code="dtd",
        )
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    stapel: list[_Element] = []
    wortels: list[_Element] = []
    weggelaten: Counter[str] = Counter()
    overslaan = 0  # depth inside a forbidden element: nothing of it is collected

    def start(naam: str, attributen: dict[str, str]) -> None:
        nonlocal overslaan
        tag = naam.rsplit(" ", 1)[-1]
        if overslaan:
            overslaan += 1
            return
        if tag in VERBODEN_ELEMENTEN:
            weggelaten[tag] += 1
            overslaan = 1
            return
        attrib: dict[str, str] = {}
        for sleutel, waarde in attributen.items():
            kort = sleutel.rsplit(" ", 1)[-1]
            if kort in VERBODEN_ATTRIBUTEN:
                weggelaten[kort] += 1
            else:
                attrib[kort] = waarde
        element = _Element(tag=tag, attrib=attrib, regel=parser.CurrentLineNumber)
        (stapel[-1].kinderen if stapel else wortels).append(element)
        stapel.append(element)

    def einde(naam: str) -> None:
        nonlocal overslaan
        if overslaan:
            overslaan -= 1
        else:
            stapel.pop()

    def tekst(deel: str) -> None:
        if not overslaan and stapel:
            stapel[-1].delen.append(deel)

    def verboden(*args: Any) -> None:
        raise _Verboden

    parser.StartElementHandler = start
    parser.EndElementHandler = einde
    parser.CharacterDataHandler = tekst
    parser.StartDoctypeDeclHandler = verboden
    parser.EntityDeclHandler = verboden
    parser.ExternalEntityRefHandler = verboden  # type: ignore[assignment]
    try:
        parser.Parse(data, True)
    except _Verboden as error:
        raise ValidationError(
            "Dit XML-bestand bevat een DOCTYPE- of ENTITY-declaratie. Die zijn niet toegestaan in een "
            "EDEXML-bestand; exporteer het bestand opnieuw uit de leerlingadministratie.",
            code="dtd",
        ) from error
    except expat.ExpatError as error:
        raise ValidationError(
            f"Dit is geen geldig XML-bestand: de opbouw klopt niet op regel {error.lineno}, "
            f"kolom {error.offset + 1}. Exporteer het EDEXML-bestand opnieuw.",
            code="geen_xml",
        ) from error
    if not wortels:
        raise ValidationError("Dit XML-bestand is leeg.", code="leeg")
    return wortels[0], weggelaten
