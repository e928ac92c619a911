"""The attendance form: one choice per placed child and the actual minutes."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from django import forms

from activiteiten.models import PresentieStatus
from activiteiten.presentie.selectors import Kind
from activiteiten.presentie.services import MAX_MINUTEN, MIN_MINUTEN

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
        kinderen: Sequence[Kind],
        statussen: dict[int, str],
        minuten: int,
    ) -> None:
        initial: dict[str, Any] = {"werkelijke_minuten": minuten}
        initial.update({veldnaam(pk): status for pk, status in statussen.items()})
        super().__init__(data, initial=initial)
        self.kinderen = list(kinderen)
        # The children's fields differ only in their label and the "required" message, so each is
        # a shallow copy of one field rather than a ChoiceField built from scratch (30-50 of those
        # were most of the page's form cost). They share its widget and choices, which nothing
        # changes: the page draws the tiles itself ({% presentie_tegels %}).
        voorbeeld = forms.ChoiceField(
            choices=KEUZES, error_messages={"invalid_choice": "Kies aanwezig, afwezig of met reden."}
        )
        for kind in self.kinderen:
            veld = copy.copy(voorbeeld)
            veld.label = kind.volledige_naam
            veld.error_messages = {**voorbeeld.error_messages, "required": f"Kies of {kind.roepnaam} er was."}
            self.fields[veldnaam(kind.pk)] = veld

    def statussen(self) -> dict[int, str]:
        return {kind.pk: self.cleaned_data[veldnaam(kind.pk)] for kind in self.kinderen}

    def rijen(self) -> list[dict[str, Any]]:
        """What the template needs per child: the pupil, the second line of the name, the
        field's name, its value and errors. The value is what a bound field's ``value()`` gives
        for a plain choice (the submitted value, else the registered status), read directly
        rather than through a BoundField."""
        waarden = self.data if self.is_bound else self.initial
        fouten = self.errors
        return [
            {
                "leerling": kind,
                "achternaam": f"{kind.tussenvoegsel} {kind.achternaam}" if kind.tussenvoegsel else kind.achternaam,
                "naam": naam,
                "waarde": waarden.get(naam),
                "fouten": fouten.get(naam),
            }
            for kind in self.kinderen
            for naam in [veldnaam(kind.pk)]
        ]
