from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models
from django.forms import BaseInlineFormSet, inlineformset_factory

from familieschool.choices import Hulpdomein
from partners.models import Contactpersoon, Partner, PartnerSoort, Samenwerking


class PartnerFilterForm(forms.Form):
    """The list's filters; they live in the URL so a search can be shared."""

    q = forms.CharField(
        label="Zoeken",
        required=False,
        max_length=100,
        help_text="Naam, aanbod of contactpersoon; een deel van een woord is genoeg.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "placeholder": "bv. zwemles, budget"}),
    )
    soort = forms.MultipleChoiceField(
        label="Soort", required=False, choices=PartnerSoort.choices, widget=forms.CheckboxSelectMultiple
    )
    domein = forms.MultipleChoiceField(
        label="Hulpdomein", required=False, choices=Hulpdomein.choices, widget=forms.CheckboxSelectMultiple
    )
    leeftijd = forms.IntegerField(
        label="Leeftijd kind",
        required=False,
        min_value=0,
        max_value=99,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    wijk = forms.ChoiceField(label="Wijk", required=False)
    samenwerking = forms.BooleanField(label="Werkt met onze school", required=False)
    archief = forms.BooleanField(label="Ook gearchiveerde partners", required=False)

    def __init__(self, *args: Any, wijken: Callable[[], list[str]], mag_archief: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The wijken are read when they are needed, once: to show the select, or to check a chosen
        # wijk. The results alone (an htmx request while typing) do without that query.
        keuzes = functools.cache(lambda: [("", "Alle wijken"), *[(w, w) for w in wijken()]])
        self.fields["wijk"].choices = keuzes  # type: ignore[attr-defined]
        if not mag_archief:
            del self.fields["archief"]  # only the roles that manage the directory see the archive


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Web addresses typed without a scheme ("debal.nl") are taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PartnerForm(forms.ModelForm):
    domeinen = forms.MultipleChoiceField(
        label="Hulpdomeinen", required=False, choices=Hulpdomein.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Partner
        fields = [
            "naam",
            "soort",
            "aanbod",
            "omschrijving",
            "domeinen",
            "leeftijd_van",
            "leeftijd_tot",
            "kosten",
            "gratis_met_stadspas",
            "voorwaarden",
            "adres",
            "postcode",
            "plaats",
            "stadsdeel",
            "wijk",
            "website",
            "telefoon",
            "email",
        ]
        widgets = {
            "aanbod": forms.Textarea(attrs={"rows": 3}),
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "leeftijd_van": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "leeftijd_tot": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "telefoon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        formfield_callback = _formfield

    def __init__(self, *args: Any, bestuur_id: int, **kwargs: Any) -> None:
        self.bestuur_id = bestuur_id
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", "Kies een soort"), *PartnerSoort.choices]  # type: ignore[attr-defined]

    def clean_naam(self) -> str:
        naam = self.cleaned_data["naam"].strip()
        bestaand = Partner.objects.filter(bestuur_id=self.bestuur_id, naam__iexact=naam)
        if self.instance.pk:
            bestaand = bestaand.exclude(pk=self.instance.pk)
        if bestaand.exists():
            raise forms.ValidationError("Er staat al een partner met deze naam in de sociale kaart.")
        return naam

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        van, tot = cleaned.get("leeftijd_van"), cleaned.get("leeftijd_tot")
        if van is not None and tot is not None and van > tot:
            self.add_error("leeftijd_tot", "De leeftijd 'tot en met' ligt onder de leeftijd 'vanaf'.")
        return cleaned


ContactpersoonFormSet: type[BaseInlineFormSet[Contactpersoon, Partner, forms.ModelForm[Contactpersoon]]] = (
    inlineformset_factory(
        Partner,
        Contactpersoon,
        fields=["naam", "functie", "telefoon", "email"],
        widgets={"telefoon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})},
        # One empty row without JavaScript; static/js/app.js adds more rows on request.
        extra=1,
        can_delete=True,
    )
)


class SamenwerkingForm(forms.ModelForm):
    class Meta:
        model = Samenwerking
        fields = ["contactpersoon", "begindatum", "einddatum", "laatste_contact", "notities"]
        widgets = {
            "begindatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "einddatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "laatste_contact": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notities": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, partner: Partner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].queryset = partner.contactpersonen.order_by("naam")  # type: ignore[attr-defined]
        self.fields["contactpersoon"].empty_label = "Geen vaste contactpersoon"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        begin, einde = cleaned.get("begindatum"), cleaned.get("einddatum")
        if begin and einde and einde < begin:
            self.add_error("einddatum", "De einddatum ligt voor de begindatum.")
        return cleaned
