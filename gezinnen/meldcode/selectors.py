"""Reads of Meldcode cases. Only the aandachtsfunctionaris of the active school reads them: the
role must have ``meldcode.behandelen`` (oka, buurtteam) *and* the membership must carry the
aandachtsfunctionaris flag (DESIGN.md §4). For everyone else every selector here returns nothing,
so a case URL is a 404 and no list, count or timeline can reveal that a case exists."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from familieschool.choices import Hulpdomein
from familieschool.models import Lidmaatschap, School
from familieschool.roles import heeft_recht
from gezinnen.models import Signaal
from gezinnen.models.meldcode import Afweging, Afwegingsvraag, MeldcodeStap, MeldcodeStapNummer, Meldcodezaak


def is_aandachtsfunctionaris(*, rol: str | None, lidmaatschap: Lidmaatschap | None, school: School | None) -> bool:
    """The right and the flag, on the active, current membership at the active school."""
    return (
        school is not None
        and lidmaatschap is not None
        and heeft_recht(rol, "meldcode.behandelen")
        and lidmaatschap.actief
        and lidmaatschap.is_aandachtsfunctionaris
        and lidmaatschap.school_id == school.pk
    )


def meldcodezaken_for_user(
    *, rol: str | None, lidmaatschap: Lidmaatschap | None, school: School | None
) -> QuerySet[Meldcodezaak]:
    """The cases this user may read: all cases of the active school for its aandachtsfunctionaris,
    none for anyone else."""
    if not is_aandachtsfunctionaris(rol=rol, lidmaatschap=lidmaatschap, school=school):
        return Meldcodezaak.objects.none()
    return Meldcodezaak.objects.filter(school=school)


def meldcode_signalen_for_user(
    *, rol: str | None, lidmaatschap: Lidmaatschap | None, school: School | None
) -> QuerySet[Signaal]:
    """The signals a case may be opened from: the veiligheid signals of the active school, for
    its aandachtsfunctionaris only."""
    if not is_aandachtsfunctionaris(rol=rol, lidmaatschap=lidmaatschap, school=school):
        return Signaal.objects.none()
    return Signaal.objects.filter(school=school, categorie=Hulpdomein.VEILIGHEID)


def zaak_lijst(qs: QuerySet[Meldcodezaak]) -> QuerySet[Meldcodezaak]:
    return qs.select_related("leerling", "gezin", "geopend_door").order_by("-geopend_op")


def zaak_met_inhoud(qs: QuerySet[Meldcodezaak]) -> QuerySet[Meldcodezaak]:
    """The case with everything its page shows, in a fixed number of queries whatever the
    number of entries: the case (joined), its step entries and its answers (each prefetched
    with their author)."""
    return qs.select_related("leerling", "leerling__groep", "gezin", "geopend_door", "besluit_door").prefetch_related(
        Prefetch(
            "stappen", queryset=MeldcodeStap.objects.select_related("auteur").order_by("stap", "created_at", "pk")
        ),
        Prefetch(
            "afwegingen", queryset=Afweging.objects.select_related("auteur").order_by("vraag", "created_at", "pk")
        ),
    )


@dataclass
class StapInhoud:
    nummer: int
    titel: str
    regels: list[MeldcodeStap] = field(default_factory=list)


@dataclass
class VraagInhoud:
    nummer: int
    vraag: str
    antwoorden: list[Afweging] = field(default_factory=list)

    @property
    def laatste(self) -> Afweging | None:
        return self.antwoorden[-1] if self.antwoorden else None


def stappen_van(zaak: Meldcodezaak) -> list[StapInhoud]:
    """The five steps, each with its entries in the order they were written (from the prefetch)."""
    stappen = {nummer: StapInhoud(nummer=nummer, titel=label) for nummer, label in MeldcodeStapNummer.choices}
    for regel in zaak.stappen.all():
        stappen[regel.stap].regels.append(regel)
    return list(stappen.values())


def afwegingen_van(zaak: Meldcodezaak) -> list[VraagInhoud]:
    """The five questions, each with every answer given so far (the last one counts)."""
    vragen = {nummer: VraagInhoud(nummer=nummer, vraag=label) for nummer, label in Afwegingsvraag.choices}
    for antwoord in zaak.afwegingen.all():
        vragen[antwoord.vraag].antwoorden.append(antwoord)
    return list(vragen.values())


def laatste_antwoorden(zaak: Meldcodezaak) -> dict[int, bool]:
    """Question number → the last answer given (questions not answered yet are left out)."""
    rijen = zaak.afwegingen.order_by("created_at", "pk").values_list("vraag", "antwoord")
    return dict(rijen)  # later rows overwrite earlier ones: the last answer counts
