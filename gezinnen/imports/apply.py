"""Applying an approved batch: all or nothing, in one transaction with the school row locked,
planned again against the database as it is now, and written with bulk queries in chunks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from familieschool.models import School, Schooljaar
from gezinnen import services
from gezinnen.imports.common import CHUNK, Voortgang, _datum_iso
from gezinnen.imports.plan import _plan
from gezinnen.imports.stand import DATUM_VELDEN, LEERLING_VELDEN, _Plan, _Stand, _stand_voor
from gezinnen.models import Gezin, Groep, Importbatch, Leerling, Verzorger, Verzorgerschap


def _geen_voortgang(klaar: int, totaal: int) -> None:
    return None


def _in_stukken(items: list[Any]) -> Iterable[list[Any]]:
    for begin in range(0, len(items), CHUNK):
        yield items[begin : begin + CHUNK]


@transaction.atomic
def apply_import(batch: Importbatch, *, progress: Voortgang = _geen_voortgang) -> Importbatch:
    """Write the batch to the database, all or nothing, and mark it processed.

    The difference is planned again against the database as it is now (someone may have changed
    a pupil since the preview), inside this transaction with the school row locked, so two
    imports of one school cannot interleave. Groups, pupils, composed groups, leavers, guardians,
    their links to the children, teachers of groups and families are written with bulk queries
    in chunks; ``progress(klaar, totaal)`` is called after every chunk. Side effects: none
    outside the database; ``gegevens`` is emptied (the report stays)."""
    School.objects.select_for_update().filter(pk=batch.school_id).first()
    school, schooljaar = batch.school, batch.schooljaar
    assert schooljaar is not None  # noqa: S101
    stand = _stand_voor(batch)
    plan = _plan(batch.gegevens, stand=stand, vandaag=timezone.localdate())
    werk = _Werk(plan=plan, stand=stand, progress=progress)

    werk.groepen(school=school, schooljaar=schooljaar)
    werk.gezinnen(school=school)
    werk.leerlingen(school=school)
    werk.samengestelde_groepen()
    werk.verzorgers(school=school)
    # Families: the search text of every family that got a child or whose child was renamed.
    services.refresh_gezinnen(gezin_ids=werk.gezinnen_bijgewerkt)
    services.remove_empty_gezinnen(school=school)

    batch.verschillen = plan.verschillen
    batch.samenvatting = {**batch.samenvatting, **plan.aantallen}
    batch.status = Importbatch.Status.VERWERKT
    batch.verwerkt_op = timezone.now()
    batch.gegevens = {}
    batch.foutmelding = ""
    batch.save(update_fields=["verschillen", "samenvatting", "status", "verwerkt_op", "gegevens", "foutmelding"])
    werk.klaar()
    return batch


class _Werk:
    """The writes of one apply, step by step, with the ids of what was created along the way."""

    def __init__(self, *, plan: _Plan, stand: _Stand, progress: Voortgang) -> None:
        self.plan = plan
        self.stand = stand
        self.progress = progress
        self.groep_id = {sleutel: groep.pk for sleutel, groep in stand.groepen.items()}
        self.gezin_id: dict[str, int] = {}
        self.leerling_id = {nummer: leerling.pk for nummer, leerling in stand.leerlingen.items()}
        self.verzorger_id: dict[str, int] = {}
        self.gezinnen_bijgewerkt: set[int] = set()
        self.gedaan = 0
        # Units of work for the progress bar: rows written, one for the rest.
        self.totaal = 1 + (
            len(plan.leerlingen_nieuw)
            + len(plan.leerlingen_bijwerken)
            + len(plan.verzorgers_nieuw)
            + len(plan.koppelingen_nieuw)
        )
        progress(0, self.totaal)

    def stap(self, aantal: int) -> None:
        self.gedaan = min(self.totaal - 1, self.gedaan + aantal)
        self.progress(self.gedaan, self.totaal)

    def klaar(self) -> None:
        self.progress(self.totaal, self.totaal)

    def groepen(self, *, school: School, schooljaar: Schooljaar) -> None:
        nieuw = Groep.objects.bulk_create(
            [
                Groep(
                    school=school,
                    schooljaar=schooljaar,
                    sleutel=groep["sleutel"],
                    naam=groep["naam"],
                    soort=groep["soort"],
                    jaargroep=groep["jaargroep"],
                )
                for groep in self.plan.groepen_nieuw
            ]
        )
        self.groep_id.update({groep.sleutel: groep.pk for groep in nieuw})
        if self.plan.groepen_bijwerken:
            Groep.objects.bulk_update(self.plan.groepen_bijwerken, ["naam", "soort", "jaargroep"])
        doorgang = Groep.leerkrachten.through
        for sleutel, (_, weg) in self.plan.leerkrachten.items():
            if weg:  # rare: a teacher moved group within the year
                doorgang.objects.filter(groep_id=self.groep_id[sleutel], user_id__in=weg).delete()
        doorgang.objects.bulk_create(
            [
                doorgang(groep_id=self.groep_id[sleutel], user_id=user_id)
                for sleutel, (erbij, _) in self.plan.leerkrachten.items()
                for user_id in erbij
            ]
        )

    def gezinnen(self, *, school: School) -> None:
        nieuw = Gezin.objects.bulk_create(
            [Gezin(school=school, naam=naam) for naam in self.plan.gezinnen_nieuw.values()]
        )
        self.gezin_id = {sleutel: gezin.pk for sleutel, gezin in zip(self.plan.gezinnen_nieuw, nieuw, strict=True)}

    def gezin_voor(self, nummer: str) -> int | None:
        gezin = self.plan.gezin_voor.get(nummer)
        if gezin is None:
            return None
        return self.gezin_id[gezin] if isinstance(gezin, str) else gezin

    def leerlingen(self, *, school: School) -> None:
        for stuk in _in_stukken(self.plan.leerlingen_nieuw):
            objecten = []
            for rij in stuk:
                leerling = Leerling(
                    school=school,
                    leerlingnummer=rij["leerlingnummer"],
                    groep_id=self.groep_id[rij["groep"]] if rij["groep"] else None,
                    gezin_id=self.gezin_voor(rij["leerlingnummer"]),
                    **{
                        veld: (_datum_iso(rij[veld]) if veld in DATUM_VELDEN else rij[veld]) for veld in LEERLING_VELDEN
                    },
                )
                services.refresh_leerling_zoektekst(leerling)
                objecten.append(leerling)
            for leerling in Leerling.objects.bulk_create(objecten):
                self.leerling_id[leerling.leerlingnummer] = leerling.pk
                if leerling.gezin_id:
                    self.gezinnen_bijgewerkt.add(leerling.gezin_id)
            self.stap(len(stuk))

        te_wijzigen = dict(self.plan.leerlingen_bijwerken)
        # Pupils that were never placed in a family get one now, even if nothing else changed.
        for nummer in self.plan.gezin_voor:
            zonder_gezin = self.stand.leerlingen.get(nummer)
            if zonder_gezin is not None and zonder_gezin.pk not in te_wijzigen:
                te_wijzigen[zonder_gezin.pk] = (zonder_gezin, {})
        velden: set[str] = set()
        nu = timezone.now()
        for leerling, wijzigingen in te_wijzigen.values():
            for veld, waarde in wijzigingen.items():
                if veld == "groep":
                    leerling.groep_id = self.groep_id[waarde] if waarde else None
                else:
                    setattr(leerling, veld, waarde)
                velden.add(veld)
            if leerling.gezin_id is None and self.gezin_voor(leerling.leerlingnummer) is not None:
                leerling.gezin_id = self.gezin_voor(leerling.leerlingnummer)
                velden.add("gezin")
                self.gezinnen_bijgewerkt.add(leerling.gezin_id)  # type: ignore[arg-type]
            zoektekst = leerling.zoektekst
            services.refresh_leerling_zoektekst(leerling)
            if leerling.zoektekst != zoektekst:
                velden.add("zoektekst")
                if leerling.gezin_id:
                    self.gezinnen_bijgewerkt.add(leerling.gezin_id)
            leerling.updated_at = nu
        if te_wijzigen:
            velden.add("updated_at")
            for stuk in _in_stukken([leerling for leerling, _ in te_wijzigen.values()]):
                Leerling.objects.bulk_update(stuk, sorted(velden))
                self.stap(len(stuk))

    def samengestelde_groepen(self) -> None:
        doorgang = Leerling.samengestelde_groepen.through
        if self.plan.samengesteld_weg:
            doorgang.objects.filter(pk__in=self.plan.samengesteld_weg).delete()
        for stuk in _in_stukken(self.plan.samengesteld_erbij):
            doorgang.objects.bulk_create(
                [
                    doorgang(leerling_id=self.leerling_id[nummer], groep_id=self.groep_id[sleutel])
                    for nummer, sleutel in stuk
                ]
            )

    def verzorgers(self, *, school: School) -> None:
        for stuk in _in_stukken(list(self.plan.verzorgers_nieuw.values())):
            objecten = [
                Verzorger(school=school, sleutel=nieuw.sleutel, voorkeurskanaal=nieuw.kanaal, **nieuw.velden)
                for nieuw in stuk
            ]
            for nieuw, verzorger in zip(stuk, Verzorger.objects.bulk_create(objecten), strict=True):
                self.verzorger_id[nieuw.sleutel] = verzorger.pk
            self.stap(len(stuk))
        velden: set[str] = set()
        for verzorger, wijzigingen in self.plan.verzorgers_bijwerken.values():
            for veld, waarde in wijzigingen.items():
                setattr(verzorger, veld, waarde)
            velden.update(wijzigingen)
        for stuk in _in_stukken([verzorger for verzorger, _ in self.plan.verzorgers_bijwerken.values()]):
            Verzorger.objects.bulk_update(stuk, sorted(velden))

        for stuk in _in_stukken(self.plan.koppelingen_nieuw):
            Verzorgerschap.objects.bulk_create(
                [
                    Verzorgerschap(
                        verzorger_id=self.verzorger_id[ref] if isinstance(ref, str) else ref,
                        leerling_id=self.leerling_id[nummer],
                        relatie=relatie,
                        gezag=gezag,
                        volgnummer=volgnummer,
                    )
                    for ref, nummer, relatie, gezag, volgnummer in stuk
                ]
            )
            self.stap(len(stuk))
        velden = set()
        for koppeling, wijzigingen in self.plan.koppelingen_bijwerken:
            for veld, waarde in wijzigingen.items():
                setattr(koppeling, veld, waarde)
            velden.update(wijzigingen)
        for stuk in _in_stukken([koppeling for koppeling, _ in self.plan.koppelingen_bijwerken]):
            Verzorgerschap.objects.bulk_update(stuk, sorted(velden))


# --- the flow: upload, preview, approve ----------------------------------------------------------
