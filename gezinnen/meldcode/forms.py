"""Forms for the Meldcode case. They validate the input; the rules of the case (closed, forced
report, required reference) are the services' (gezinnen.meldcode.services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from gezinnen.meldcode.teksten import MINSTENS_EEN
from gezinnen.models.meldcode import Afwegingsvraag, Besluit

TEKST = {"rows": 3}
TEKSTVELDEN = ("feiten", "observaties", "informatie_derden", "notitie")


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StapForm(forms.Form):
    """An entry for one step: facts, own observations and third-party information kept apart."""

    datum = forms.DateField(label="Datum", widget=DatumInput(), initial=timezone.localdate)
    feiten = forms.CharField(
        label="Feiten",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEKST),
        help_text="Wat is er gebeurd, gezien of gezegd? Wanneer en waar? Zonder oordeel.",
    )
    observaties = forms.CharField(
        label="Eigen observaties",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEKST),
        help_text="Wat zag of hoorde je zelf? Ook wat het vermoeden tegenspreekt.",
    )
    informatie_derden = forms.CharField(
        label="Informatie van anderen (met bron)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEKST),
        help_text="Noem de bron: wie vertelde wat, en wanneer?",
    )
    notitie = forms.CharField(
        label="Afspraken en overige notities",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEKST),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any((cleaned.get(veld) or "").strip() for veld in TEKSTVELDEN):
            raise forms.ValidationError(MINSTENS_EEN)
        return cleaned


class AfwegingForm(forms.Form):
    vraag = forms.TypedChoiceField(label="Vraag", choices=Afwegingsvraag.choices, coerce=int)
    antwoord = forms.TypedChoiceField(
        label="Antwoord",
        choices=[("ja", "Ja"), ("nee", "Nee")],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": "Kies ja of nee."},
    )
    toelichting = forms.CharField(
        label="Toelichting",
        max_length=5000,
        widget=forms.Textarea(attrs=TEKST),
        error_messages={"required": "Licht het antwoord toe."},
    )
    datum = forms.DateField(label="Datum", widget=DatumInput(), initial=timezone.localdate)


class BesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=Besluit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies een besluit."},
    )
    besluit_toelichting = forms.CharField(
        label="Onderbouwing van het besluit",
        max_length=5000,
        widget=forms.Textarea(attrs=TEKST),
        help_text="Waarom dit besluit? Bij hulp: wie doet wat, de termijn, de casemanager en hoe je de effecten volgt.",
        error_messages={"required": "Onderbouw het besluit."},
    )
    melddatum = forms.DateField(
        label="Gemeld bij Veilig Thuis op", required=False, widget=DatumInput(), help_text="Nodig bij een melding."
    )
    meldreferentie = forms.CharField(
        label="Referentie van Veilig Thuis", required=False, max_length=100, help_text="Nodig bij een melding."
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("besluit") == Besluit.MELDING:
            if not cleaned.get("melddatum") and "melddatum" not in self.errors:
                self.add_error("melddatum", "Vul de datum van de melding bij Veilig Thuis in.")
            if not (cleaned.get("meldreferentie") or "").strip():
                self.add_error("meldreferentie", "Vul de referentie van Veilig Thuis in.")
        return cleaned
