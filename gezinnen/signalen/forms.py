"""Forms for signals. The quick form is built for a tablet: big tiles, few fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from familieschool.choices import Hulpdomein
from familieschool.models import User
from gezinnen.models import BehandelaarSoort, Leerling, SignaalStatus, Zorgniveau


class SignaalForm(forms.Form):
    leerling = forms.ModelChoiceField(
        label="Leerling",
        queryset=Leerling.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies de leerling om wie het gaat.",
            "invalid_choice": "Kies een leerling uit de lijst.",
        },
    )
    categorie = forms.ChoiceField(
        label="Waar gaat het over?",
        choices=Hulpdomein.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies waar het over gaat."},
    )
    zorgniveau = forms.ChoiceField(
        label="Hoe groot is de zorg?",
        choices=Zorgniveau.choices,
        initial=Zorgniveau.ZORG,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies hoe groot de zorg is."},
    )
    omschrijving = forms.CharField(
        label="Korte notitie (mag leeg)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text="Feiten, geen diagnoses: wat zag of hoorde je, wanneer?",
    )

    def __init__(self, *args: Any, leerlingen: QuerySet[Leerling], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leerling"].queryset = leerlingen  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    naar = forms.ChoiceField(label="Nieuwe status", choices=SignaalStatus.choices)
    toelichting = forms.CharField(
        label="Toelichting", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    uitkomst = forms.CharField(
        label="Uitkomst (nodig bij afronden)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wat is er gedaan, en hoe is het afgesloten?",
    )

    def __init__(self, *args: Any, mogelijk: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [(s, SignaalStatus(s).label) for s in SignaalStatus.values if s in mogelijk]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("naar") == SignaalStatus.AFGEROND and not (data.get("uitkomst") or "").strip():
            self.add_error("uitkomst", "Beschrijf de uitkomst: wat is er gedaan en hoe is het afgesloten?")
        return data


class NotitieForm(forms.Form):
    tekst = forms.CharField(label="Notitie", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    vertrouwelijk = forms.BooleanField(
        label="Vertrouwelijk (alleen de behandelaar en de aandachtsfunctionaris)", required=False
    )


class ToewijzenForm(forms.Form):
    behandelaar = forms.ModelChoiceField(label="Nieuwe behandelaar", queryset=User.objects.none())

    def __init__(self, *args: Any, collega_s: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["behandelaar"].queryset = collega_s  # type: ignore[attr-defined]


class RouteringsregelForm(forms.Form):
    behandelaar_soort = forms.ChoiceField(label="Naar", choices=BehandelaarSoort.choices)
    behandelaar = forms.ModelChoiceField(
        label="Vaste behandelaar", queryset=User.objects.none(), required=False, empty_label="Eerste met die rol"
    )
    termijn_dagen = forms.IntegerField(
        label="Opvolgen binnen (dagen)",
        min_value=1,
        max_value=90,
        error_messages={
            "min_value": "Minimaal 1 dag.",
            "max_value": "Hoogstens 90 dagen.",
            "required": "Vul een termijn in.",
        },
    )

    def __init__(self, *args: Any, collega_s: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["behandelaar"].queryset = collega_s  # type: ignore[attr-defined]
