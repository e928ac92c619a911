"""Objects of our school for the access-matrix walk over the herinneringen URLs (parent activities).
Receives the objects built so far (e.g. "ouderactiviteit" from matrix_objects_ouders)."""

from __future__ import annotations

from django.utils import timezone

from activiteiten.models import Herinnering, HerinneringStatus


def build(*, school, personas, objects) -> dict[str, object]:
    # One sent and one failed row, so the outbox page renders rows, not only its empty state.
    uitnodiging_id = objects["ouder_uitnodiging"]
    Herinnering.objects.create(
        uitnodiging_id=uitnodiging_id,
        moment="uitnodiging",
        kanaal="email",
        verstuur_op=timezone.now(),
        status=HerinneringStatus.VERSTUURD,
        verstuurd_op=timezone.now(),
        pogingen=1,
    )
    Herinnering.objects.create(
        uitnodiging_id=uitnodiging_id,
        moment="dagen-1",
        kanaal="email",
        verstuur_op=timezone.now(),
        status=HerinneringStatus.MISLUKT,
        pogingen=5,
        fout="Gestopt na 5 pogingen. ConnectionRefusedError",
    )
    return {}
