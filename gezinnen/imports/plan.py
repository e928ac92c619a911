"""The difference between the cleaned data of a batch and the database: one planner (``_plan``)
that compares the two in memory and returns a ``_Plan``. The preview shows it; the apply plans
again inside its transaction and executes it. So what was previewed is what is done, and a second
run of the same files plans nothing.

Groups, teachers of groups and pupils (with leavers) are planned here; guardians and the families
they make in ``plan_verzorgers``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from gezinnen.imports.common import MAX_GETOOND, _datum_iso, _label, _naam, _toon_datum, _toon_waarde
from gezinnen.imports.plan_verzorgers import _plan_gezinnen, _plan_verzorgers
from gezinnen.imports.stand import DATUM_VELDEN, LEERLING_VELDEN, _Plan, _Stand, _stand_voor
from gezinnen.models import Groep, GroepSoort, Importbatch, Leerling

# Changes that make a batch worth approving; the other counts are context.
SOORTEN_VERSCHIL = (
    "groepen_nieuw",
    "groepen_gewijzigd",
    "leerlingen_nieuw",
    "leerlingen_gewijzigd",
    "groepswissels",
    "vertrekkers",
    "verzorgers_nieuw",
    "verzorgers_gewijzigd",
)


def compute_verschillen(batch: Importbatch) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """The difference between the batch's cleaned data and the database of its school, for the
    preview: new and changed groups, new pupils, changed fields (old → new), group changes,
    leavers, new and changed guardians; and the counts of each."""
    plan = _plan(batch.gegevens, stand=_stand_voor(batch), vandaag=timezone.localdate())
    return plan.verschillen, plan.aantallen


def heeft_verschillen(samenvatting: dict[str, Any]) -> bool:
    return any(samenvatting.get(soort) for soort in SOORTEN_VERSCHIL)


def _plan(gegevens: dict[str, Any], *, stand: _Stand, vandaag: dt.date) -> _Plan:
    verschillen: dict[str, list[dict[str, Any]]] = {soort: [] for soort in SOORTEN_VERSCHIL}
    aantallen: dict[str, int] = dict.fromkeys(SOORTEN_VERSCHIL, 0)
    plan = _Plan(verschillen=verschillen, aantallen=aantallen)

    def toon(soort: str, item: dict[str, Any]) -> None:
        aantallen[soort] += 1
        if len(verschillen[soort]) < MAX_GETOOND:
            verschillen[soort].append(item)

    groepsnaam = {groep["sleutel"]: groep["naam"] for groep in gegevens["groepen"]}
    _plan_groepen(gegevens, stand, plan, toon)
    _plan_leerlingen(gegevens, stand, plan, toon, groepsnaam, vandaag)
    if gegevens.get("verzorgers") is not None:
        _plan_verzorgers(gegevens, stand, plan, toon)
    _plan_gezinnen(gegevens, stand, plan)
    for item in verschillen["leerlingen_nieuw"]:
        gezin = plan.gezin_voor.get(item["leerlingnummer"])
        if isinstance(gezin, int):
            item["gezin"] = f"{stand.gezinnen.get(gezin, 'Gezin')} (bestaand)"
        elif gezin is not None:
            item["gezin"] = f"{plan.gezinnen_nieuw[gezin]} (nieuw)"
    aantallen["gezinnen_nieuw"] = len(plan.gezinnen_nieuw)
    aantallen["leerlingen_in_bestand"] = len(gegevens["leerlingen"])
    aantallen["verzorgers_in_bestand"] = len(gegevens.get("verzorgers") or [])
    return plan


def _plan_groepen(
    gegevens: dict[str, Any], stand: _Stand, plan: _Plan, toon: Callable[[str, dict[str, Any]], None]
) -> None:
    leerkrachten = gegevens["leerkrachten"]
    # Teachers are linked only when the file names them by e-mail address; a file without any
    # addresses leaves the links made by hand alone.
    met_email = any(leerkracht["email"] for leerkracht in leerkrachten)
    doel: dict[str, dict[int, str]] = defaultdict(dict)
    for leerkracht in leerkrachten:
        user = stand.gebruikers.get(leerkracht["email"])
        if user is None:
            continue
        for sleutel in leerkracht["groepen"]:
            doel[sleutel][user.pk] = user.naam or user.email
    plan.aantallen["leerkrachten_zonder_account"] = sum(
        1 for leerkracht in leerkrachten if leerkracht["email"] and leerkracht["email"] not in stand.gebruikers
    )
    for groep in gegevens["groepen"]:
        bestaand = stand.groepen.get(groep["sleutel"])
        nu = stand.leerkrachten.get(bestaand.pk, {}) if bestaand else {}
        straks = doel.get(groep["sleutel"], {}) if met_email else nu
        if set(straks) != set(nu):
            plan.leerkrachten[groep["sleutel"]] = (set(straks) - set(nu), set(nu) - set(straks))
        soort_label = GroepSoort(groep["soort"]).label
        if bestaand is None:
            plan.groepen_nieuw.append(groep)
            toon(
                "groepen_nieuw",
                {
                    "sleutel": groep["sleutel"],
                    "naam": groep["naam"],
                    "soort": soort_label,
                    "jaargroep": _toon_waarde("jaargroep", groep["jaargroep"]),
                    "leerkrachten": ", ".join(sorted(straks.values())),
                },
            )
            continue
        velden = []
        for veld in ("naam", "soort", "jaargroep"):
            if getattr(bestaand, veld) != groep[veld]:
                oud = getattr(bestaand, veld)
                if veld == "soort":
                    oud_tekst, nieuw_tekst = GroepSoort(oud).label, soort_label
                else:
                    oud_tekst, nieuw_tekst = _toon_waarde(veld, oud), _toon_waarde(veld, groep[veld])
                velden.append({"veld": _label(Groep, veld), "oud": oud_tekst, "nieuw": nieuw_tekst})
                setattr(bestaand, veld, groep[veld])
        if velden:
            plan.groepen_bijwerken.append(bestaand)
        if groep["sleutel"] in plan.leerkrachten:
            velden.append(
                {
                    "veld": "Leerkrachten",
                    "oud": ", ".join(sorted(nu.values())),
                    "nieuw": ", ".join(sorted(straks.values())),
                }
            )
        if velden:
            toon("groepen_gewijzigd", {"sleutel": groep["sleutel"], "naam": groep["naam"], "velden": velden})


def _plan_leerlingen(
    gegevens: dict[str, Any],
    stand: _Stand,
    plan: _Plan,
    toon: Callable[[str, dict[str, Any]], None],
    groepsnaam: dict[str, str],
    vandaag: dt.date,
) -> None:
    jaar = gegevens["school"]["schooljaar"]
    jaar_tekst = f"{jaar}-{jaar + 1}"
    for rij in gegevens["leerlingen"]:
        nummer = rij["leerlingnummer"]
        doel = {veld: (_datum_iso(rij[veld]) if veld in DATUM_VELDEN else rij[veld]) for veld in LEERLING_VELDEN}
        naam = _naam(rij["roepnaam"], rij["tussenvoegsel"], rij["achternaam"])
        groep_tekst = groepsnaam.get(rij["groep"], "") if rij["groep"] else ""
        leerling = stand.leerlingen.get(nummer)
        if leerling is None:
            plan.leerlingen_nieuw.append(rij)
            toon(
                "leerlingen_nieuw",
                {
                    "leerlingnummer": nummer,
                    "naam": naam,
                    "groep": groep_tekst,
                    "jaargroep": _toon_waarde("jaargroep", rij["jaargroep"]),
                    "gezin": "",
                },
            )
            plan.samengesteld_erbij.extend((nummer, sleutel) for sleutel in rij["samengestelde_groepen"])
            continue
        wijzigingen: dict[str, Any] = {}
        velden = []
        for veld in LEERLING_VELDEN:
            oud, nieuw = getattr(leerling, veld), doel[veld]
            if oud == nieuw:
                continue
            wijzigingen[veld] = nieuw
            if veld == "uitstroomdatum" and nieuw is not None:
                toon(
                    "vertrekkers",
                    {
                        "leerlingnummer": nummer,
                        "naam": naam,
                        "groep": groep_tekst,
                        "reden": "Uitstroomdatum in het bestand",
                        "uitstroomdatum": _toon_datum(nieuw),
                    },
                )
            else:
                velden.append(
                    {"veld": _label(Leerling, veld), "oud": _toon_waarde(veld, oud), "nieuw": _toon_waarde(veld, nieuw)}
                )
        # The stamgroep: a group of this school year with the file's key (or none).
        huidige = leerling.groep
        zelfde_groep = (
            huidige is not None and huidige.schooljaar.startjaar == jaar and huidige.sleutel == rij["groep"]
        ) or (huidige is None and rij["groep"] is None)
        if not zelfde_groep:
            wijzigingen["groep"] = rij["groep"]
            oud_tekst = f"{huidige.naam} ({huidige.schooljaar})" if huidige is not None else "geen groep"
            nieuw_tekst = f"{groep_tekst} ({jaar_tekst})" if rij["groep"] else "geen groep"
            toon("groepswissels", {"leerlingnummer": nummer, "naam": naam, "oud": oud_tekst, "nieuw": nieuw_tekst})
        # Composed groups of this school year; those of other years are history and stay.
        nu = stand.samengesteld.get(leerling.pk, {})
        if set(nu) != set(rij["samengestelde_groepen"]):
            plan.samengesteld_weg.extend(
                pk for sleutel, pk in nu.items() if sleutel not in rij["samengestelde_groepen"]
            )
            plan.samengesteld_erbij.extend((nummer, s) for s in rij["samengestelde_groepen"] if s not in nu)
            velden.append(
                {
                    "veld": "Samengestelde groepen",
                    "oud": ", ".join(sorted(groepsnaam.get(s, s) for s in nu)),
                    "nieuw": ", ".join(sorted(groepsnaam.get(s, s) for s in rij["samengestelde_groepen"])),
                }
            )
        if wijzigingen:
            plan.leerlingen_bijwerken[leerling.pk] = (leerling, wijzigingen)
        if velden:
            toon("leerlingen_gewijzigd", {"leerlingnummer": nummer, "naam": naam, "velden": velden})

    # Leavers: pupils of the school that are not in the file at all (a rejected row still counts
    # as in the file) and have not left yet.
    in_bestand = set(gegevens["sleutels"])
    for nummer, leerling in stand.leerlingen.items():
        if nummer in in_bestand or leerling.uitstroomdatum is not None:
            continue
        datum = max(vandaag, leerling.instroomdatum or vandaag)
        plan.leerlingen_bijwerken[leerling.pk] = (leerling, {"uitstroomdatum": datum})
        toon(
            "vertrekkers",
            {
                "leerlingnummer": nummer,
                "naam": leerling.volledige_naam,
                "groep": leerling.groep.naam if leerling.groep else "",
                "reden": "Staat niet in het bestand",
                "uitstroomdatum": _toon_datum(datum),
            },
        )
