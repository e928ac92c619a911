"""The attendance form: one choice per placed child and the actual minutes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from activiteiten.models import PresentieStatus
from activiteiten.presentie.services import MAX_MINUTEN, MIN_MINUTEN
from gezinnen.models import Leerling

# The order of the tiles: the common case first.
KEUZES = [
    (PresentieStatus.AANWEZIG.value, "Aanwezig"),
    (PresentieStatus.AFWEZIG.value, "Afwezig"),
    (PresentieStatus.AFWEZIG_MET_REDEN.value, "Met reden"),
]


def veldnaam(leerling_id: int) -> str:
    return f"status-{leerling_id}"


class PresentieForm(forms.Form):
    werkelijke_minuten = forms.IntegerField(
        label="Werkelijke duur (minuten)",
        min_value=MIN_MINUTEN,
        max_value=MAX_MINUTEN,
        error_messages={
            "required": "Vul de werkelijke duur in minuten in.",
            "invalid": "Vul een heel aantal minuten in.",
            "min_value": f"Vul een duur in tussen {MIN_MINUTEN} en {MAX_MINUTEN} minuten.",
            "max_value": f"Vul een duur in tussen {MIN_MINUTEN} en {MAX_MINUTEN} minuten.",
        },
    )

    def __init__(
        self,
        data: Any = None,
        *,
        kinderen: Sequence[Leerling],
        statussen: dict[int, str],
        minuten: int,
    ) -> None:
        initial: dict[str, Any] = {"werkelijke_minuten": minuten}
        initial.update({veldnaam(pk): status for pk, status in statussen.items()})
        super().__init__(data, initial=initial)
        self.kinderen = list(kinderen)
        for kind in self.kinderen:
            self.fields[veldnaam(kind.pk)] = forms.ChoiceField(
                label=kind.volledige_naam,
                choices=KEUZES,
                error_messages={
                    "required": f"Kies of {kind.roepnaam} er was.",
                    "invalid_choice": "Kies aanwezig, afwezig of met reden.",
                },
            )

    def statussen(self) -> dict[int, str]:
        return {kind.pk: self.cleaned_data[veldnaam(kind.pk)] for kind in self.kinderen}

    def rijen(self) -> list[dict[str, Any]]:
        """What the template needs per child: the pupil, the field, its value and errors."""
        return [
            {
                "leerling": kind,
                "naam": veldnaam(kind.pk),
                "waarde": self[veldnaam(kind.pk)].value(),
                "fouten": self[veldnaam(kind.pk)].errors,
            }
            for kind in self.kinderen
        ]
