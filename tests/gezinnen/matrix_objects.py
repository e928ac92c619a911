"""Objects of our school for the access-matrix walk over the gezinnen URLs."""

from __future__ import annotations

from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from gezinnen.models import Doel, Importbatch
from gezinnen.signalen.services import create_signaal
from tests.conftest import make_persona
from tests.gezinnen.factories import GroepFactory, gezin_met_kinderen


def build(*, school, beheerder) -> dict[str, object]:
    groep = GroepFactory(school=school)
    gezin, (kind, _), (verzorger,) = gezin_met_kinderen(school=school, groep=groep)
    batch = Importbatch.objects.create(
        school=school, status=Importbatch.Status.TE_BEOORDELEN, edexml_naam="edex.xml", geupload_door=beheerder
    )
    melder = make_persona(rol=Rol.LEERKRACHT, school=school)
    signaal = create_signaal(school=school, gemeld_door=melder.user, leerling=kind, categorie=Hulpdomein.GELD)
    return {
        "signaal": signaal.pk,
        "gezin": gezin.pk,
        "leerling": kind.pk,
        "groep": groep.pk,
        "verzorger": verzorger.pk,
        "importbatch": batch.pk,
        "doel": Doel.FOTOS.value,
    }
