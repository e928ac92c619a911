"""Objects of our school for the access-matrix walk over the meldcode URLs. ``personas`` maps each
role (and "andere_school") to the Persona the walk logs in as.

The walk's oka is not aandachtsfunctionaris, so an extra oka with the flag opens the case: a
veiligheid signal with a case ("meldcodezaak"), and one without ("meldcode_signaal", for the
open URL)."""

from __future__ import annotations

from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from gezinnen.meldcode import services
from gezinnen.signalen import services as signalen_services
from tests.conftest import make_persona
from tests.gezinnen.factories import gezin_met_kinderen


def build(*, school, personas) -> dict[str, object]:
    af = make_persona(rol=Rol.OKA, school=school, aandachtsfunctionaris=True)
    _, (kind, ander_kind), _ = gezin_met_kinderen(school=school, achternaam="Meldcode")
    melder = personas[Rol.LEERKRACHT].user
    signaal = signalen_services.create_signaal(
        school=school, gemeld_door=melder, leerling=kind, categorie=Hulpdomein.VEILIGHEID
    )
    zonder_zaak = signalen_services.create_signaal(
        school=school, gemeld_door=melder, leerling=ander_kind, categorie=Hulpdomein.VEILIGHEID
    )
    zaak = services.open_zaak(signaal=signaal, door=af.user, lidmaatschap=af.lidmaatschap)
    return {"meldcodezaak": zaak.pk, "meldcode_signaal": zonder_zaak.pk, "meldcode_stap": 1}
