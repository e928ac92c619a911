"""Forms of the Rijke schooldag. Querysets (blocks, partners, leaders, pupils) are passed in by
the view, already scoped to the school."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from activiteiten import talen
from activiteiten.models import Activiteit, ActiviteitVertaling, Blok, Ontwikkelgebied
from familieschool.forms import DATUM
from familieschool.models import User
from gezinnen.models import Groep, Jaargroep, Leerling
from partners.models import Partner

TIJD = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
JAARGROEPEN = [(v, label) for v, label in Jaargroep.choices if v in {"1", "2", "3", "4", "5", "6", "7", "8"}]


class ActiviteitForm(forms.ModelForm):
    jaargroepen = forms.MultipleChoiceField(
        label="Voor jaargroepen",
        choices=JAARGROEPEN,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies voor welke groepen de activiteit is."},
    )
    begeleiders = forms.ModelMultipleChoiceField(
        label="Begeleiders",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Zij zien de activiteit en registreren de presentie.",
    )

    class Meta:
        model = Activiteit
        fields = [
            "titel",
            "omschrijving",
            "ontwikkelgebied",
            "blok",
            "aanbieder",
            "locatie",
            "jaargroepen",
            "capaciteit",
            "kosten",
            "weekdag",
            "begintijd",
            "eindtijd",
            "begeleiders",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "begintijd": TIJD,
            "eindtijd": TIJD,
            "ontwikkelgebied": forms.RadioSelect,
        }
        error_messages = {
            "titel": {"required": "Geef de activiteit een titel."},
            "capaciteit": {"required": "Hoeveel kinderen kunnen meedoen?"},
            "blok": {"required": "Kies het blok waarin de activiteit loopt."},
        }

    def __init__(
        self,
        *args: Any,
        blokken: QuerySet[Blok],
        partners: QuerySet[Partner],
        begeleiders: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["blok"].queryset = blokken  # type: ignore[attr-defined]
        self.fields["aanbieder"].queryset = partners.order_by("naam")  # type: ignore[attr-defined]
        self.fields["aanbieder"].empty_label = "Eigen personeel"  # type: ignore[attr-defined]
        self.fields["begeleiders"].queryset = begeleiders  # type: ignore[attr-defined]
        self.fields["ontwikkelgebied"].choices = Ontwikkelgebied.choices  # type: ignore[attr-defined]

    def clean_capaciteit(self) -> int:
        capaciteit = self.cleaned_data["capaciteit"]
        if capaciteit < 1:
            raise forms.ValidationError("Er moet minstens één plaats zijn.")
        if self.instance.pk:
            geplaatst = self.instance.inschrijvingen.filter(status="geplaatst").count()
            if capaciteit < geplaatst:
                raise forms.ValidationError(
                    f"Er zijn al {geplaatst} kinderen geplaatst; meld eerst kinderen af of kies minstens {geplaatst}."
                )
        return capaciteit

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("begintijd") and data.get("eindtijd") and data["eindtijd"] <= data["begintijd"]:
            self.add_error("eindtijd", "De activiteit moet eindigen na het begin.")
        return data


class BlokForm(forms.ModelForm):
    class Meta:
        model = Blok
        fields = ["naam", "begindatum", "einddatum"]
        widgets = {"begindatum": DATUM, "einddatum": DATUM}
        error_messages = {
            "naam": {"required": "Geef het blok een naam, bijvoorbeeld ‘Blok 1 najaar’."},
            "begindatum": {"required": "Vul de eerste dag in.", "invalid": "Vul een geldige datum in."},
            "einddatum": {"required": "Vul de laatste dag in.", "invalid": "Vul een geldige datum in."},
        }


class StudiedagForm(forms.Form):
    naam = forms.CharField(label="Omschrijving", max_length=100, initial="Studiedag")
    van = forms.DateField(label="Datum", widget=DATUM, error_messages={"required": "Vul de datum in."})
    tot_en_met = forms.DateField(
        label="Tot en met (bij meer dagen)", widget=DATUM, required=False, help_text="Leeg bij één dag."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("van") and data.get("tot_en_met") and data["tot_en_met"] < data["van"]:
            self.add_error("tot_en_met", "De laatste dag ligt vóór de eerste dag.")
        return data


class AnnulerenForm(forms.Form):
    reden = forms.CharField(
        label="Reden",
        max_length=200,
        error_messages={"required": "Geef een reden, zodat ouders en begeleiders weten waarom."},
    )


class VerplaatsenForm(forms.Form):
    datum = forms.DateField(label="Nieuwe datum", widget=DATUM, error_messages={"required": "Kies een datum."})
    begintijd = forms.TimeField(label="Van", widget=TIJD)
    eindtijd = forms.TimeField(label="Tot", widget=TIJD)
    reden = forms.CharField(label="Reden (optioneel)", max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("begintijd") and data.get("eindtijd") and data["eindtijd"] <= data["begintijd"]:
            self.add_error("eindtijd", "De bijeenkomst moet eindigen na het begin.")
        return data


class InschrijvenForm(forms.Form):
    """Pupils picked from the search list, or a whole group."""

    leerlingen = forms.ModelMultipleChoiceField(
        label="Leerlingen", queryset=Leerling.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    groep = forms.ModelChoiceField(
        label="Hele groep", queryset=Groep.objects.none(), required=False, empty_label="Geen hele groep"
    )
    toestemming_ouder = forms.BooleanField(
        label="Papieren aanmeldformulier met handtekening van de ouder",
        required=False,
        help_text="Dit geldt als toestemming van de ouder voor deze inschrijving.",
    )

    def __init__(self, *args: Any, leerlingen: QuerySet[Leerling], groepen: QuerySet[Groep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leerlingen"].queryset = leerlingen  # type: ignore[attr-defined]
        self.fields["groep"].queryset = groepen  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("leerlingen") and not data.get("groep"):
            raise forms.ValidationError("Kies één of meer leerlingen, of een hele groep.")
        return data


class DoorstroomForm(forms.Form):
    leerling = forms.ModelChoiceField(
        label="Leerling", queryset=Leerling.objects.none(), error_messages={"required": "Kies de leerling."}
    )
    partner = forms.ModelChoiceField(
        label="Club", queryset=Partner.objects.none(), error_messages={"required": "Kies de club."}
    )
    datum = forms.DateField(label="Lid sinds", widget=DATUM, error_messages={"required": "Vul de datum in."})

    def __init__(self, *args: Any, leerlingen: QuerySet[Leerling], partners: QuerySet[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leerling"].queryset = leerlingen  # type: ignore[attr-defined]
        self.fields["partner"].queryset = partners.order_by("naam")  # type: ignore[attr-defined]


OUDERTALEN = talen.keuzes()


class VertalingForm(forms.ModelForm):
    taal = forms.ChoiceField(label="Taal", choices=[("", "Kies een taal"), *OUDERTALEN])

    class Meta:
        model = ActiviteitVertaling
        fields = ["taal", "titel", "omschrijving"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"titel": {"required": "Vul de titel in deze taal in."}}


VertalingFormSet = forms.inlineformset_factory(
    Activiteit, ActiviteitVertaling, form=VertalingForm, extra=1, can_delete=True, max_num=len(OUDERTALEN)
)
