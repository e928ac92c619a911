"""Forms of the parent activities. They validate the input; the rules that touch other rows
(dates in the past, a changed time, who is invited) are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from activiteiten import talen
from activiteiten.models import Ouderactiviteit, OuderactiviteitSoort
from activiteiten.ouders.services import Doelgroep, valideer_ouderactiviteit
from familieschool.forms import DATUM
from gezinnen.models import Gezin, Groep, Taal

TIJD = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEEKDAGEN = [(0, "maandag"), (1, "dinsdag"), (2, "woensdag"), (3, "donderdag"), (4, "vrijdag")]
# The languages of the parent-facing catalogs (DESIGN.md §6); others fall back to English.
FLYER_TALEN = talen.keuzes()


class OuderactiviteitForm(forms.ModelForm):
    tolktalen = forms.MultipleChoiceField(
        label="Tolk aanwezig voor",
        choices=[(v, label) for v, label in Taal.choices if v not in {Taal.NL, Taal.ANDERS}],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Ouderactiviteit
        fields = [
            "soort",
            "titel",
            "thema",
            "omschrijving",
            "datum",
            "inloop",
            "diner",
            "begintijd",
            "eindtijd",
            "locatie",
            "gespreksleider",
            "kinderopvang",
            "tolktalen",
            "capaciteit",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "datum": DATUM,
            "inloop": TIJD,
            "diner": TIJD,
            "begintijd": TIJD,
            "eindtijd": TIJD,
        }
        labels = {"kinderopvang": "Er is kinderopvang"}
        help_texts = {
            "inloop": "Bijvoorbeeld 18:00: ouders lopen binnen.",
            "diner": "Leeg als er niet gegeten wordt.",
        }
        error_messages = {
            "titel": {"required": "Geef de activiteit een titel."},
            "datum": {"required": "Vul de datum in.", "invalid": "Vul een geldige datum in."},
            "begintijd": {"required": "Vul de begintijd in.", "invalid": "Vul een tijd in als 19:00."},
            "eindtijd": {"required": "Vul de eindtijd in.", "invalid": "Vul een tijd in als 20:00."},
            "soort": {"required": "Kies wat voor activiteit het is."},
            "locatie": {"required": "Waar is het?"},
        }

    def clean(self) -> dict[str, Any]:
        """The service's rules at the fields, before the model's constraints would report them
        without a field (and in their own words)."""
        data = super().clean() or {}
        kandidaat = Ouderactiviteit(
            **{veld: data.get(veld) for veld in ("datum", "inloop", "diner", "begintijd", "eindtijd", "capaciteit")}
        )
        try:
            valideer_ouderactiviteit(kandidaat, nieuw=self.instance.pk is None)
        except ValidationError as fout:
            for veld, fouten in fout.message_dict.items():
                if veld not in self.errors:
                    self.add_error(veld, fouten)
        return data


class AnnulerenForm(forms.Form):
    reden = forms.CharField(
        label="Reden",
        max_length=200,
        help_text="Deze reden staat in het bericht aan alle uitgenodigde ouders.",
        error_messages={"required": "Geef een reden, die krijgen de ouders te lezen."},
    )


class ReeksForm(forms.Form):
    naam = forms.CharField(
        label="Naam van de reeks",
        max_length=150,
        initial="Ouders ontmoeten Ouders",
        error_messages={"required": "Geef de reeks een naam."},
    )
    soort = forms.ChoiceField(
        label="Soort", choices=OuderactiviteitSoort.choices, initial=OuderactiviteitSoort.OUDERS_ONTMOETEN_OUDERS
    )
    thema = forms.CharField(label="Thema", max_length=200, required=False)
    weekdag = forms.TypedChoiceField(label="Op", choices=WEEKDAGEN, coerce=int, initial=3)
    interval_weken = forms.IntegerField(
        label="Elke … weken",
        min_value=1,
        max_value=12,
        initial=6,
        error_messages={"min_value": "Kies elke 1 tot 12 weken.", "max_value": "Kies elke 1 tot 12 weken."},
    )
    eerste_datum = forms.DateField(
        label="Vanaf",
        widget=DATUM,
        error_messages={"required": "Vanaf welke datum?", "invalid": "Vul een geldige datum in."},
    )
    aantal = forms.IntegerField(
        label="Aantal bijeenkomsten",
        min_value=1,
        max_value=20,
        initial=5,
        error_messages={"min_value": "Plan 1 tot 20 bijeenkomsten.", "max_value": "Plan 1 tot 20 bijeenkomsten."},
    )
    slotavond = forms.BooleanField(
        label="De laatste is een slotavond", required=False, initial=True, help_text="Ouders vertellen hun verhaal."
    )
    inloop = forms.TimeField(label="Inloop vanaf", widget=TIJD, required=False, initial="18:00")
    diner = forms.TimeField(label="Eten om", widget=TIJD, required=False, initial="18:30")
    begintijd = forms.TimeField(
        label="Begin", widget=TIJD, initial="19:00", error_messages={"required": "Vul de begintijd in."}
    )
    eindtijd = forms.TimeField(
        label="Einde", widget=TIJD, initial="20:00", error_messages={"required": "Vul de eindtijd in."}
    )
    locatie = forms.CharField(label="Locatie", max_length=150, initial="Ouderkamer")
    gespreksleider = forms.CharField(label="Gespreksleider", max_length=150, required=False)
    kinderopvang = forms.BooleanField(label="Er is kinderopvang", required=False, initial=True)
    capaciteit = forms.IntegerField(
        label="Aantal plaatsen (volwassenen)",
        min_value=1,
        required=False,
        help_text="Leeg: geen maximum.",
        error_messages={"min_value": "Er moet minstens 1 plaats zijn; laat het leeg voor geen maximum."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        begin, einde, inloop = data.get("begintijd"), data.get("eindtijd"), data.get("inloop")
        if begin and einde and einde <= begin:
            self.add_error("eindtijd", "De eindtijd moet na de begintijd liggen.")
        if begin and inloop and inloop > begin:
            self.add_error("inloop", "De inloop begint vóór of op de begintijd.")
        return data


class UitnodigenForm(forms.Form):
    doelgroep = forms.ChoiceField(
        label="Wie nodig je uit?",
        choices=Doelgroep.CHOICES,
        widget=forms.RadioSelect,
        initial=Doelgroep.IEDEREEN,
        error_messages={"required": "Kies wie je wilt uitnodigen."},
    )
    groep = forms.ModelChoiceField(
        label="Groep",
        queryset=Groep.objects.none(),
        required=False,
        empty_label="Kies een groep",
        help_text="Alleen bij “De gezinnen van één groep”.",
    )

    def __init__(self, *args: Any, groepen: QuerySet[Groep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = groepen  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("doelgroep") == Doelgroep.GROEP and not data.get("groep"):
            self.add_error("groep", "Kies de groep waarvan je de gezinnen uitnodigt.")
        return data


class InloopForm(forms.Form):
    """A walk-in at the door."""

    naam = forms.CharField(label="Naam", max_length=150, required=False)
    gezin = forms.ModelChoiceField(
        label="Gezin van de school (als je het weet)",
        queryset=Gezin.objects.none(),
        required=False,
        empty_label="Niet bekend",
    )
    taal = forms.ChoiceField(label="Taal", choices=[("", "Onbekend"), *Taal.choices], required=False)
    volwassenen = forms.IntegerField(
        label="Volwassenen",
        min_value=1,
        max_value=10,
        initial=1,
        error_messages={"min_value": "Vul 1 tot 10 volwassenen in.", "max_value": "Vul 1 tot 10 volwassenen in."},
    )
    kinderen = forms.IntegerField(
        label="Kinderen",
        min_value=0,
        max_value=15,
        initial=0,
        error_messages={"min_value": "Vul 0 tot 15 kinderen in.", "max_value": "Vul 0 tot 15 kinderen in."},
    )

    def __init__(self, *args: Any, gezinnen: QuerySet[Gezin], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gezin"].queryset = gezinnen  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("naam") or "").strip() and not data.get("gezin"):
            self.add_error("naam", "Vul een naam in.")
        return data


class FlyerForm(forms.Form):
    talen = forms.MultipleChoiceField(
        label="Naast Nederlands ook in",
        choices=FLYER_TALEN,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
