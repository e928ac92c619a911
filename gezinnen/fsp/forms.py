"""Forms of the Familieservicepunt. The walk-in form is built for a tablet: tiles, few fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.forms import DATUM
from familieschool.models import User
from gezinnen.models import ContactSoort, Gezin, HulpvraagStatus, Spreekuur
from gezinnen.models.fsp import Weekdag
from partners.models import Partner

TIJD = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class _MetQuerysets(forms.Form):
    """Sets the querysets of ModelChoiceFields passed as keyword arguments (field name → qs)."""

    def __init__(self, *args: Any, querysets: dict[str, QuerySet[Any]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for naam, qs in (querysets or {}).items():
            self.fields[naam].queryset = qs  # type: ignore[attr-defined]


class SpreekuurForm(_MetQuerysets):
    weekdag = forms.TypedChoiceField(label="Dag", choices=Weekdag.choices, coerce=int)
    begintijd = forms.TimeField(label="Van", widget=TIJD)
    eindtijd = forms.TimeField(label="Tot", widget=TIJD)
    locatie = forms.CharField(label="Waar", max_length=100, initial="Ouderkamer")
    medewerkers = forms.ModelMultipleChoiceField(
        label="Wie zitten er", queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    actief = forms.BooleanField(label="Actief", required=False, initial=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("begintijd") and data.get("eindtijd") and data["eindtijd"] <= data["begintijd"]:
            self.add_error("eindtijd", "Het spreekuur moet eindigen na het begin.")
        return data


class VraagForm(_MetQuerysets):
    categorie = forms.ChoiceField(
        label="Waar gaat de vraag over?",
        choices=Hulpdomein.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies waar de vraag over gaat."},
    )
    gezin = forms.ModelChoiceField(
        label="Gezin",
        queryset=Gezin.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Kies een gezin uit de lijst."},
    )
    omschrijving = forms.CharField(
        label="Korte omschrijving (mag leeg)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
        help_text="Geen namen of diagnoses: waar gaat de vraag over?",
    )
    afhandeling = forms.ChoiceField(
        label="Afhandeling",
        choices=[("ter_plekke", "Ter plekke beantwoord"), ("intake", "Wordt een intake")],
        initial="ter_plekke",
        widget=forms.RadioSelect,
    )
    tolk_gebruikt = forms.BooleanField(label="Tolk gebruikt", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("afhandeling") == "intake" and not data.get("gezin"):
            self.add_error("gezin", "Voor een intake is een gezin nodig: zoek het kind op naam.")
        return data


class HulpvraagForm(_MetQuerysets):
    eigenaar = forms.ModelChoiceField(label="Eigenaar (OKA of Buurtteam)", queryset=User.objects.none())
    categorieen = forms.MultipleChoiceField(
        label="Categorieën",
        choices=Hulpdomein.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies minstens één categorie."},
    )
    aanleiding = forms.CharField(
        label="Aanleiding", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    vertrouwelijke_notities = forms.CharField(
        label="Vertrouwelijke notities",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Alleen het Familieservicepunt (brugfunctionaris, OKA, Buurtteam) leest dit; de coördinator niet.",
    )


class HulpvraagStartForm(HulpvraagForm):
    gezin = forms.ModelChoiceField(label="Gezin", queryset=Gezin.objects.none())

    field_order = ["gezin", "eigenaar", "categorieen", "aanleiding", "vertrouwelijke_notities"]


class HulpvraagStatusForm(forms.Form):
    naar = forms.ChoiceField(label="Nieuwe status", choices=HulpvraagStatus.choices)
    uitkomst = forms.CharField(
        label="Uitkomst (nodig bij afronden)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, mogelijk: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [(s, HulpvraagStatus(s).label) for s in HulpvraagStatus.values if s in mogelijk]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("naar") == HulpvraagStatus.AFGEROND and not (data.get("uitkomst") or "").strip():
            self.add_error("uitkomst", "Beschrijf de uitkomst: wat is er bereikt of afgesproken?")
        return data


class ContactmomentForm(forms.Form):
    soort = forms.ChoiceField(label="Soort contact", choices=ContactSoort.choices)
    op = forms.DateTimeField(
        label="Wanneer",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duur_minuten = forms.IntegerField(label="Duur (minuten)", min_value=1, max_value=480, initial=15)
    tolk_gebruikt = forms.BooleanField(label="Tolk gebruikt", required=False)
    notitie = forms.CharField(
        label="Notitie", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["op"].initial = timezone.localtime().replace(second=0, microsecond=0)


class ActiepuntForm(forms.Form):
    omschrijving = forms.CharField(label="Wat is afgesproken", max_length=300)
    wie = forms.CharField(label="Wie doet het", max_length=100)
    uiterlijk = forms.DateField(label="Uiterlijk", required=False, widget=DATUM)


class AfspraakForm(_MetQuerysets):
    datum = forms.DateField(label="Datum", widget=DATUM)
    begintijd = forms.TimeField(label="Tijd", widget=TIJD)
    duur_minuten = forms.IntegerField(label="Duur (minuten)", min_value=5, max_value=240, initial=30)
    spreekuur = forms.ModelChoiceField(
        label="In het spreekuur", queryset=Spreekuur.objects.none(), required=False, empty_label="Vrije tijd"
    )
    met = forms.ModelChoiceField(label="Met", queryset=User.objects.none())
    tolk_nodig = forms.BooleanField(label="Tolk nodig", required=False)
    notitie = forms.CharField(label="Notitie", required=False, max_length=300)


class DoorverwijzingForm(_MetQuerysets):
    gezin = forms.ModelChoiceField(label="Gezin", queryset=Gezin.objects.none())
    partner = forms.ModelChoiceField(label="Partner (sociale kaart)", queryset=Partner.objects.none())
    categorie = forms.ChoiceField(label="Waarvoor", choices=Hulpdomein.choices)
    warme_overdracht = forms.BooleanField(
        label="Warme overdracht (samen met het gezin kennismaken bij de partner)", required=False
    )
    terugkoppeling_voor = forms.DateField(
        label="Terugkoppeling verwacht vóór",
        required=False,
        widget=DATUM,
        help_text="Leeg: over twee weken.",
    )


class ReactieForm(forms.Form):
    ontvangen_op = forms.DateField(label="Reactie ontvangen op", widget=DATUM)
    geaccepteerd = forms.TypedChoiceField(
        label="Heeft de partner het gezin aangenomen?",
        choices=[("ja", "Ja, geaccepteerd"), ("nee", "Nee, niet geaccepteerd")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    terugkoppeling = forms.CharField(
        label="Terugkoppeling", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AfrondenForm(forms.Form):
    terugkoppeling = forms.CharField(
        label="Terugkoppeling", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    uitkomst = forms.CharField(label="Uitkomst", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
