"""Forms of the pupil and family pages. They validate; services change data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from familieschool.models import User
from gezinnen.models import Doel, Gezin, Groep, Kanaal, Leerling, Taal, Verzorger


class LeerlingFilterForm(forms.Form):
    q = forms.CharField(label="Zoeken", required=False, max_length=100)
    groep = forms.ModelChoiceField(label="Groep", queryset=Groep.objects.none(), required=False, empty_label="Alle")
    uitgestroomd = forms.BooleanField(label="Ook uitgestroomde leerlingen", required=False)

    def __init__(self, *args: Any, groepen: QuerySet[Groep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = groepen  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update(
            {"placeholder": "Naam of leerlingnummer", "autocomplete": "off", "type": "search"}
        )


class GezinFilterForm(forms.Form):
    q = forms.CharField(label="Zoeken", required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"placeholder": "Naam van een kind of gezin", "autocomplete": "off"})


class GroepLeerkrachtenForm(forms.Form):
    leerkrachten = forms.ModelMultipleChoiceField(
        label="Leerkrachten van deze groep",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Een leerkracht ziet alleen de leerlingen van de eigen groepen.",
    )

    def __init__(self, *args: Any, kandidaten: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leerkrachten"].queryset = kandidaten  # type: ignore[attr-defined]


class GezinSamenvoegenForm(forms.Form):
    bronnen = forms.ModelMultipleChoiceField(
        label="Voeg deze gezinnen toe aan dit gezin",
        queryset=Gezin.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies ten minste één gezin om samen te voegen."},
    )

    def __init__(self, *args: Any, kandidaten: QuerySet[Gezin], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bronnen"].queryset = kandidaten  # type: ignore[attr-defined]


class GezinSplitsenForm(forms.Form):
    leerlingen = forms.ModelMultipleChoiceField(
        label="Deze kinderen vormen een eigen gezin",
        queryset=Leerling.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies de kinderen die een eigen gezin vormen."},
    )
    naam = forms.CharField(
        label="Naam van het nieuwe gezin", required=False, max_length=200, help_text="Leeg: op achternaam."
    )

    def __init__(self, *args: Any, kinderen: QuerySet[Leerling], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leerlingen"].queryset = kinderen  # type: ignore[attr-defined]
        self.fields["leerlingen"].label_from_instance = lambda leerling: leerling.volledige_naam  # type: ignore[attr-defined]

    def clean_leerlingen(self) -> list[Leerling]:
        gekozen = list(self.cleaned_data["leerlingen"])
        if len(gekozen) == self.fields["leerlingen"].queryset.count():  # type: ignore[attr-defined]
            raise forms.ValidationError("Er moet ten minste één kind in het oorspronkelijke gezin blijven.")
        return gekozen


class ToestemmingForm(forms.Form):
    gegeven = forms.TypedChoiceField(
        label="Toestemming",
        choices=[("ja", "Gegeven"), ("nee", "Niet gegeven of ingetrokken")],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    datum = forms.DateField(label="Datum", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    gegeven_door = forms.ModelChoiceField(
        label="Door welke ouder of verzorger", queryset=Verzorger.objects.none(), required=False, empty_label="—"
    )
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=300)

    def __init__(self, *args: Any, verzorgers: QuerySet[Verzorger], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gegeven_door"].queryset = verzorgers  # type: ignore[attr-defined]
        if not self.is_bound and "datum" not in self.initial:
            self.initial["datum"] = timezone.localdate()

    def clean_datum(self) -> Any:
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError("De datum kan niet in de toekomst liggen.")
        return datum


class VerzorgerForm(forms.ModelForm):
    class Meta:
        model = Verzorger
        fields = ["voorkeurstaal", "tolk_nodig", "voorkeurskanaal", "telefoon", "email"]
        help_texts = {
            "voorkeurstaal": "De taal waarin uitnodigingen en herinneringen worden verstuurd.",
            "voorkeurskanaal": "Zonder e-mailadres of telefoonnummer: papier.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voorkeurstaal"].choices = Taal.choices  # type: ignore[attr-defined]
        self.fields["voorkeurskanaal"].choices = Kanaal.choices  # type: ignore[attr-defined]

    def clean_telefoon(self) -> str:
        telefoon = self.cleaned_data["telefoon"].strip()
        cijfers = "".join(ch for ch in telefoon if ch.isdigit())
        if telefoon and (len(cijfers) < 10 or any(ch not in "0123456789 +-()" for ch in telefoon)):
            raise forms.ValidationError("Vul een telefoonnummer in, bijvoorbeeld 06 12345678 of +31 6 12345678.")
        return telefoon

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kanaal = data.get("voorkeurskanaal")
        if kanaal == Kanaal.EMAIL and not data.get("email"):
            self.add_error("email", "Vul een e-mailadres in, of kies een ander kanaal.")
        if kanaal in {Kanaal.SMS, Kanaal.TELEFOON} and not data.get("telefoon"):
            self.add_error("telefoon", "Vul een telefoonnummer in, of kies een ander kanaal.")
        return data


DOEL_KEUZES = Doel.choices
