"""Objects of our school for the access-matrix walk over the gezinnen URLs."""

from __future__ import annotations

from gezinnen.models import Doel, Importbatch
from tests.gezinnen.factories import GroepFactory, gezin_met_kinderen


def build(*, school, beheerder) -> dict[str, object]:
    groep = GroepFactory(school=school)
    gezin, (kind, _), (verzorger,) = gezin_met_kinderen(school=school, groep=groep)
    batch = Importbatch.objects.create(
        school=school, status=Importbatch.Status.TE_BEOORDELEN, edexml_naam="edex.xml", geupload_door=beheerder
    )
    return {
        "gezin": gezin.pk,
        "leerling": kind.pk,
        "groep": groep.pk,
        "verzorger": verzorger.pk,
        "importbatch": batch.pk,
        "doel": Doel.FOTOS.value,
    }
