"""The models of the activiteiten app: the Rijke schooldag (activities for children) and the
parent activities (evenings, coffee mornings, outings) with their invitations and reminders."""

from activiteiten.models.ouders import (
    Aanmelding,
    AanmeldingStatus,
    Binnenkomst,
    Herinnering,
    HerinneringStatus,
    Ouderactiviteit,
    OuderactiviteitSoort,
    Ouderreeks,
    Uitnodiging,
    UitnodigingStatus,
)
from activiteiten.models.rijke_schooldag import (
    Activiteit,
    ActiviteitUitnodiging,
    ActiviteitVertaling,
    Bijeenkomst,
    Blok,
    Doorstroom,
    Inschrijving,
    InschrijvingStatus,
    Ontwikkelgebied,
    Presentie,
    PresentieStatus,
    Sluiting,
)

__all__ = [
    "Aanmelding",
    "AanmeldingStatus",
    "Activiteit",
    "ActiviteitUitnodiging",
    "ActiviteitVertaling",
    "Bijeenkomst",
    "Binnenkomst",
    "Blok",
    "Doorstroom",
    "Herinnering",
    "HerinneringStatus",
    "Inschrijving",
    "InschrijvingStatus",
    "Ontwikkelgebied",
    "Ouderactiviteit",
    "OuderactiviteitSoort",
    "Ouderreeks",
    "Presentie",
    "PresentieStatus",
    "Sluiting",
    "Uitnodiging",
    "UitnodigingStatus",
]
