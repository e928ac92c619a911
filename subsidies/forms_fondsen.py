"""Forms of the fund applications. Querysets (pupils, funds, partners) come in from the view,
already scoped; the rules about the Stadspas and the maximum live in subsidies.fondsen, whose
ValidationError the view puts at the field."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from familieschool.forms import DATUM
from gezinnen.models import Leerling
from partners.models import Partner
from subsidies.forms import BedragField
from subsidies.models import FondsaanvraagStatus, FondsDoel, Regeling, Stadspas


class LeerlingKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Leerling) -> str:  # type: ignore[override]
        groep = f" ({obj.groep.naam})" if obj.groep_id and obj.groep else ""
        return f"{obj.volledige_naam}{groep}"


class FondsaanvraagForm(forms.Form):
    leerling = LeerlingKeuze(
        label="Kind",
        queryset=Leerling.objects.none(),
        error_messages={
            "required": "Kies voor welk kind je aanvraagt.",
            "invalid_choice": "Kies een kind uit de lijst.",
        },
    )
    regeling = forms.ModelChoiceField(
        label="Fonds",
        queryset=Regeling.objects.none(),
        error_messages={"required": "Kies een fonds.", "invalid_choice": "Kies een fonds uit de lijst."},
    )
    doel = forms.ChoiceField(
        label="Waarvoor", choices=FondsDoel.choices, error_messages={"required": "Kies waarvoor de aanvraag is."}
    )
    omschrijving = forms.CharField(
        label="Omschrijving",
        max_length=300,
        required=False,
        help_text="Bijvoorbeeld: voetbal bij de club in de wijk, seizoen 2026-2027.",
    )
    aanbieder = forms.ModelChoiceField(
        label="Aanbieder (club of vereniging)", queryset=Partner.objects.none(), required=False
    )
    bedrag = BedragField(
        positief=True,
        label="Bedrag (€)",
        help_text="Bijvoorbeeld 225,00 of 1.234,56.",
        error_messages={"required": "Vul het bedrag in dat je aanvraagt."},
    )
    stadspas = forms.ChoiceField(
        label="Heeft het gezin een Stadspas?",
        choices=Stadspas.choices,
        initial=Stadspas.ONBEKEND,
        widget=forms.RadioSelect,
    )
    motivatie = forms.CharField(
        label="Motivatie",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Nodig als de Stadspas niet als bewijs van inkomen kan dienen.",
    )
    dossiernummer = forms.CharField(label="Dossiernummer bij het fonds", max_length=50, required=False)
    aangevraagd_op = forms.DateField(
        label="Aangevraagd op", widget=DATUM, error_messages={"required": "Vul de datum van de aanvraag in."}
    )

    def __init__(
        self,
        *args: Any,
        leerlingen: QuerySet[Leerling] | None,
        fondsen: QuerySet[Regeling],
        partners: QuerySet[Partner],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if leerlingen is None:  # editing: the child stays who it was
            del self.fields["leerling"]
        else:
            leerling_veld = cast(forms.ModelChoiceField, self.fields["leerling"])
            leerling_veld.queryset = leerlingen.select_related("groep").order_by("roepnaam", "achternaam")
        cast(forms.ModelChoiceField, self.fields["regeling"]).queryset = fondsen.order_by("naam")
        cast(forms.ModelChoiceField, self.fields["aanbieder"]).queryset = partners.order_by("naam")
        self.fields["aangevraagd_op"].initial = timezone.localdate

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data as the service takes it (everything but the child)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "leerling"}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Nieuwe status",
        choices=[(v, label) for v, label in FondsaanvraagStatus.choices if v != FondsaanvraagStatus.AANGEVRAAGD],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies het besluit of de betaling.", "invalid_choice": "Kies een status."},
    )
    toegekend_bedrag = BedragField(positief=True, label="Toegekend bedrag (€)", required=False)
    besloten_op = forms.DateField(label="Besluit op", widget=DATUM, required=False)
    reden_afwijzing = forms.CharField(label="Reden van afwijzing", max_length=300, required=False)
    betaald_op = forms.DateField(label="Betaald op", widget=DATUM, required=False)

    def __init__(self, *args: Any, mogelijk: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if mogelijk is not None:
            status = self.fields["status"]
            status.choices = [(v, label) for v, label in status.choices if v in mogelijk]  # type: ignore[attr-defined]


class DeelnameForm(forms.Form):
    doet_nog_mee = forms.ChoiceField(
        label="Gaat het kind nog?",
        choices=[("ja", "Ja, doet nog mee"), ("nee", "Nee, gestopt")],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies of het kind nog meedoet."},
    )
    deelname_notitie = forms.CharField(label="Notitie", max_length=300, required=False)
