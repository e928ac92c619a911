"""Planning the guardians and the families: which guardian each CSV row is (an existing one, or
one new record shared by siblings), what changes about them and their links to the children, and
which family a pupil without one joins. Called by ``plan._plan``."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from gezinnen import services
from gezinnen.imports.common import _label, _naam, _toon_waarde
from gezinnen.imports.stand import VERZORGER_VELDEN, _NieuweVerzorger, _Plan, _Stand
from gezinnen.models import Kanaal, Taal, Verzorger, Verzorgerschap


def _plan_verzorgers(
    gegevens: dict[str, Any], stand: _Stand, plan: _Plan, toon: Callable[[str, dict[str, Any]], None]
) -> None:
    rijen: list[dict[str, Any]] = gegevens["verzorgers"]
    naam_van_leerling = {
        rij["leerlingnummer"]: _naam(rij["roepnaam"], rij["tussenvoegsel"], rij["achternaam"])
        for rij in gegevens["leerlingen"]
    }
    op_volgnr: dict[tuple[int, int], Verzorgerschap] = {}
    op_paar: dict[tuple[int, int], Verzorgerschap] = {}
    for koppeling in stand.koppelingen:
        op_volgnr.setdefault((koppeling.leerling_id, koppeling.volgnummer), koppeling)
        op_paar[(koppeling.verzorger_id, koppeling.leerling_id)] = koppeling

    # 1. A row's guardian: the pupil's own guardian with the same identity, else the pupil's guardian
    #    with this volgnummer, else (per identity, so siblings share one record) a guardian of the
    #    school with the same identity, else a new guardian.
    gevonden: list[Verzorger | None] = []
    for rij in rijen:
        leerling = stand.leerlingen.get(rij["leerlingnummer"])
        verzorger = None
        if leerling is not None:
            verzorger = _eigen_verzorger(stand, op_paar, leerling.pk, rij["sleutel"])
            if verzorger is None and (leerling.pk, rij["volgnummer"]) in op_volgnr:
                verzorger = stand.verzorgers.get(op_volgnr[(leerling.pk, rij["volgnummer"])].verzorger_id)
        gevonden.append(verzorger)
    per_identiteit: dict[str, Verzorger | None] = {}
    for rij, verzorger in zip(rijen, gevonden, strict=True):
        if verzorger is not None:
            per_identiteit.setdefault(rij["sleutel"], verzorger)
    for rij in rijen:
        per_identiteit.setdefault(rij["sleutel"], stand.verzorger_op_sleutel.get(rij["sleutel"]))

    # 2. Target values per guardian: the first row that names them wins (stable on a re-import).
    doelwaarden: dict[int, dict[str, Any]] = {}
    for rij, verzorger in zip(rijen, gevonden, strict=True):
        verzorger = verzorger or per_identiteit[rij["sleutel"]]
        if verzorger is not None:
            doelwaarden.setdefault(verzorger.pk, rij)
        elif rij["sleutel"] not in plan.verzorgers_nieuw:
            plan.verzorgers_nieuw[rij["sleutel"]] = _NieuweVerzorger(
                sleutel=rij["sleutel"],
                velden={veld: rij[veld] for veld in VERZORGER_VELDEN if rij[veld] is not None},
                kanaal=Kanaal.EMAIL if rij["email"] else (Kanaal.SMS if rij["mobiel"] else Kanaal.PAPIER),
            )
    kind_erbij: dict[int, list[str]] = defaultdict(list)
    relatie_anders: dict[int, list[dict[str, Any]]] = defaultdict(list)

    # 3. The links between guardian and child.
    gepland: set[tuple[int | str, str]] = set()
    for rij, verzorger in zip(rijen, gevonden, strict=True):
        verzorger = verzorger or per_identiteit[rij["sleutel"]]
        nummer = rij["leerlingnummer"]
        ref: int | str = verzorger.pk if verzorger is not None else rij["sleutel"]
        if (ref, nummer) in gepland:
            continue
        gepland.add((ref, nummer))
        leerling = stand.leerlingen.get(nummer)
        bestaand = op_paar.get((verzorger.pk, leerling.pk)) if verzorger and leerling else None
        if bestaand is None:
            gezag = rij["gezag"] if rij["gezag"] is not None else True
            plan.koppelingen_nieuw.append((ref, nummer, rij["relatie"], gezag, rij["volgnummer"]))
            if isinstance(ref, str):
                plan.verzorgers_nieuw[ref].kinderen.append(nummer)
            else:
                kind_erbij[ref].append(nummer)
            continue
        wijzigingen: dict[str, Any] = {}
        if bestaand.relatie != rij["relatie"]:
            wijzigingen["relatie"] = rij["relatie"]
        if rij["gezag"] is not None and bestaand.gezag != rij["gezag"]:
            wijzigingen["gezag"] = rij["gezag"]
        if bestaand.volgnummer != rij["volgnummer"]:
            wijzigingen["volgnummer"] = rij["volgnummer"]
        if wijzigingen:
            plan.koppelingen_bijwerken.append((bestaand, wijzigingen))
            kind = naam_van_leerling.get(nummer, nummer)
            for veld in ("relatie", "gezag"):
                if veld in wijzigingen:
                    relatie_anders[bestaand.verzorger_id].append(
                        {
                            "veld": f"{'Relatie' if veld == 'relatie' else 'Gezag'} met {kind}",
                            "oud": _toon_waarde(veld, getattr(bestaand, veld)),
                            "nieuw": _toon_waarde(veld, wijzigingen[veld]),
                        }
                    )

    # 4. Guardian fields: a value the file leaves empty keeps what is stored (it may have come
    #    from the parent, e.g. a preferred language).
    betrokken = set(doelwaarden) | set(kind_erbij) | set(relatie_anders)
    for pk in sorted(betrokken):
        verzorger = stand.verzorgers[pk]
        velden: list[dict[str, Any]] = []
        wijzigingen = {}
        rij = doelwaarden.get(pk, {})
        for veld in VERZORGER_VELDEN:
            nieuw = rij.get(veld)
            if nieuw is None or getattr(verzorger, veld) == nieuw:
                continue
            velden.append(
                {
                    "veld": _label(Verzorger, veld),
                    "oud": _toon_waarde(veld, getattr(verzorger, veld)),
                    "nieuw": _toon_waarde(veld, nieuw),
                }
            )
            wijzigingen[veld] = nieuw
        waarden = {veld: wijzigingen.get(veld, getattr(verzorger, veld)) for veld in VERZORGER_VELDEN}
        sleutel = services.verzorger_sleutel(
            roepnaam=waarden["roepnaam"],
            achternaam=waarden["achternaam"],
            email=waarden["email"],
            telefoon=waarden["telefoon"],
            postcode=waarden["postcode"],
            huisnummer=waarden["huisnummer"],
        )
        if sleutel != verzorger.sleutel:
            wijzigingen["sleutel"] = sleutel  # bookkeeping only: not shown
        if wijzigingen:
            plan.verzorgers_bijwerken[pk] = (verzorger, wijzigingen)
        velden.extend(
            {"veld": "Kind erbij", "oud": "", "nieuw": f"{naam_van_leerling.get(n, n)} ({n})"} for n in kind_erbij[pk]
        )
        velden.extend(relatie_anders[pk])
        if velden:
            toon("verzorgers_gewijzigd", {"naam": verzorger.volledige_naam, "velden": velden})
    for nieuw in plan.verzorgers_nieuw.values():
        toon(
            "verzorgers_nieuw",
            {
                "naam": _naam(
                    nieuw.velden["roepnaam"], nieuw.velden.get("tussenvoegsel", ""), nieuw.velden["achternaam"]
                ),
                "kinderen": ", ".join(f"{naam_van_leerling.get(n, n)} ({n})" for n in nieuw.kinderen),
                "taal": _toon_waarde("voorkeurstaal", nieuw.velden.get("voorkeurstaal", Taal.NL)),
                "tolk_nodig": _toon_waarde("tolk_nodig", nieuw.velden.get("tolk_nodig", False)),
            },
        )


def _eigen_verzorger(
    stand: _Stand, op_paar: dict[tuple[int, int], Verzorgerschap], leerling_id: int, sleutel: str
) -> Verzorger | None:
    verzorger = stand.verzorger_op_sleutel.get(sleutel)
    if verzorger is not None and (verzorger.pk, leerling_id) in op_paar:
        return verzorger
    return None


class _Verzamelingen:
    """Union-find over pupil numbers: children who share a guardian end up in one set."""

    def __init__(self) -> None:
        self.ouder: dict[str, str] = {}

    def vind(self, x: str) -> str:
        self.ouder.setdefault(x, x)
        wortel = x
        while self.ouder[wortel] != wortel:
            wortel = self.ouder[wortel]
        while self.ouder[x] != wortel:
            self.ouder[x], x = wortel, self.ouder[x]
        return wortel

    def verenig(self, a: str, b: str) -> None:
        ra, rb = self.vind(a), self.vind(b)
        if ra != rb:
            self.ouder[max(ra, rb)] = min(ra, rb)


def _plan_gezinnen(gegevens: dict[str, Any], stand: _Stand, plan: _Plan) -> None:
    """A pupil without a family (new, or never placed) joins the family of a child with whom they
    share a guardian, else a new family with their siblings in the file. Existing pupils keep
    their family: families may have been merged or split by hand, and that is never undone."""
    zonder_gezin = [
        rij
        for rij in gegevens["leerlingen"]
        if rij["leerlingnummer"] not in stand.leerlingen or stand.leerlingen[rij["leerlingnummer"]].gezin_id is None
    ]
    if not zonder_gezin:
        return
    nummer_van_id = {leerling.pk: nummer for nummer, leerling in stand.leerlingen.items()}
    kinderen_van: dict[int | str, set[str]] = defaultdict(set)
    for koppeling in stand.koppelingen:
        if koppeling.leerling_id in nummer_van_id:
            kinderen_van[koppeling.verzorger_id].add(nummer_van_id[koppeling.leerling_id])
    for ref, nummer, *_ in plan.koppelingen_nieuw:
        kinderen_van[ref].add(nummer)
    sets = _Verzamelingen()
    for kinderen in kinderen_van.values():
        eerste, *rest = sorted(kinderen)
        for ander in rest:
            sets.verenig(eerste, ander)
    leden: dict[str, list[str]] = defaultdict(list)
    for nummer in set(nummer_van_id.values()) | {rij["leerlingnummer"] for rij in gegevens["leerlingen"]}:
        leden[sets.vind(nummer)].append(nummer)
    rij_van = {rij["leerlingnummer"]: rij for rij in zonder_gezin}
    for wortel in sorted({sets.vind(rij["leerlingnummer"]) for rij in zonder_gezin}):
        groep = sorted(leden[wortel])
        bestaande: Counter[int] = Counter()
        for nummer in groep:
            bestaand_gezin = stand.leerlingen[nummer].gezin_id if nummer in stand.leerlingen else None
            if bestaand_gezin is not None:
                bestaande[bestaand_gezin] += 1
        nodig = [n for n in groep if n in rij_van]
        if bestaande:
            # The family most of the siblings are in; the oldest one on a tie.
            gezin: int | str = min(bestaande, key=lambda pk: (-bestaande[pk], pk))
        else:
            gezin = f"nieuw-{wortel}"
            plan.gezinnen_nieuw[gezin] = services.gezin_naam(
                _naam("", rij_van[n]["tussenvoegsel"], rij_van[n]["achternaam"]) for n in nodig
            )
        for nummer in nodig:
            plan.gezin_voor[nummer] = gezin
