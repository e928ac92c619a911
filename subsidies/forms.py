"""Forms of the grant pages. Amounts are typed the Dutch way ("1.234,56", "12,50"); querysets
(funding streams, activities, budget lines) are passed in by the view, already scoped."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from activiteiten.models import Activiteit, Ouderactiviteit
from familieschool.forms import DATUM
from subsidies import bijlagen
from subsidies.models import Begrotingspost, Begrotingssoort, Regeling, Toekenning, Uitgave
from subsidies.services import datum_buiten_looptijd

_GETAL = re.compile(r"^-?\d+(\.\d+)?$")


def nl_bedrag(waarde: Decimal | None) -> str:
    """1234.5 → "1234,50": how an amount is shown in an input (no thousands separator)."""
    return "" if waarde is None else f"{waarde:.2f}".replace(".", ",")


def parse_bedrag(tekst: str) -> Decimal:
    """Dutch notation to a Decimal: "1.234,56", "1234,56", "12,50", "€ 12", also "12.50".

    A comma is the decimal sign and dots are then thousands separators. Without a comma, dots
    that group digits by three are thousands separators ("1.234" is 1234, as in Dutch), any
    other single dot is a decimal point ("12.50", the way a spreadsheet gives it). The grant
    forms and the fund applications share it (BedragField)."""
    schoon = tekst.strip().replace("€", "").replace(" ", "").replace("\u00a0", "").replace("−", "-")
    if "," in schoon:
        heel, _, rest = schoon.rpartition(",")
        if "," in heel or (heel.replace("-", "") and not re.fullmatch(r"-?\d{1,3}(\.\d{3})*|-?\d+", heel)):
            raise ValueError(tekst)
        schoon = heel.replace(".", "") + "." + rest
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", schoon):
        schoon = schoon.replace(".", "")
    if not _GETAL.match(schoon):
        raise ValueError(tekst)
    return Decimal(schoon)


class BedragField(forms.DecimalField):
    """An amount in euros with at most two decimals, typed in Dutch notation."""

    widget = forms.TextInput

    def __init__(self, *, positief: bool = False, **kwargs: Any) -> None:
        self.positief = positief
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        # Our own messages below; Django's English-flavoured ones would speak of "digits".
        self.validators = []

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal", "autocomplete": "off"}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return nl_bedrag(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_bedrag(str(value))
        except (ValueError, InvalidOperation):
            raise ValidationError("Vul een bedrag in, bijvoorbeeld 1.234,56 of 12,50.", code="invalid") from None

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)  # type: ignore[arg-type]
        if value is None:
            return
        if int(value.as_tuple().exponent) < -2:
            raise ValidationError("Een bedrag heeft hoogstens twee cijfers achter de komma.", code="decimalen")
        if self.positief and value <= 0:
            raise ValidationError("Een bedrag moet groter zijn dan € 0,00.", code="positief")
        if value < 0:
            raise ValidationError("Een bedrag kan niet negatief zijn.", code="negatief")
        if abs(value) >= Decimal("100000000"):
            raise ValidationError("Dat bedrag is te groot (hoogstens € 99.999.999,99).", code="te_groot")

    def clean(self, value: Any) -> Decimal | None:
        schoon = super().clean(value)
        return None if schoon is None else schoon.quantize(Decimal("0.01"))


class ToekenningForm(forms.ModelForm):
    bedrag = BedragField(label="Toegekend bedrag (€)")

    class Meta:
        model = Toekenning
        fields = ["regeling", "naam", "referentie", "begindatum", "einddatum", "bedrag", "voorwaarden", "status"]
        widgets = {"begindatum": DATUM, "einddatum": DATUM, "voorwaarden": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "referentie": "Het kenmerk op de beschikking, als die er is.",
            "einddatum": "Een periode mag over schooljaren heen lopen.",
        }
        error_messages = {
            "naam": {"required": "Geef de toekenning een naam."},
            "regeling": {"required": "Kies de regeling waaruit de toekenning komt."},
            "begindatum": {"required": "Vul de begindatum in.", "invalid": "Vul een geldige datum in."},
            "einddatum": {"required": "Vul de einddatum in.", "invalid": "Vul een geldige datum in."},
        }

    def __init__(self, *args: Any, regelingen: QuerySet[Regeling], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regeling"].queryset = regelingen  # type: ignore[attr-defined]
        # The model's constraints are checked by the service; keep the form's errors Dutch and at the field.
        self.fields["bedrag"].error_messages["required"] = "Vul het toegekende bedrag in."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        begin, eind = data.get("begindatum"), data.get("einddatum")
        if begin and eind and eind < begin:
            self.add_error("einddatum", "De einddatum ligt vóór de begindatum; een periode eindigt na de start.")
        return data

    def _post_clean(self) -> None:
        # No model validation here: the service runs full_clean in its transaction.
        pass


class BegrotingForm(forms.Form):
    """One amount and an explanation per kind of budget line."""

    def __init__(self, *args: Any, posten: dict[str, Begrotingspost], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for soort, label in Begrotingssoort.choices:
            post = posten.get(soort)
            self.fields[f"{soort}_bedrag"] = BedragField(
                label=f"{label} (€)", required=False, initial=post.bedrag if post else None
            )
            self.fields[f"{soort}_toelichting"] = forms.CharField(
                label=f"Toelichting {label.lower()}",
                max_length=300,
                required=False,
                initial=post.toelichting if post else "",
            )

    def regels(self) -> list[dict[str, Any]]:
        """The lines as the template shows them: label, amount field, explanation field."""
        return [
            {"label": label, "bedrag": self[f"{soort}_bedrag"], "toelichting": self[f"{soort}_toelichting"]}
            for soort, label in Begrotingssoort.choices
        ]

    def posten(self) -> dict[str, tuple[Decimal, str]]:
        return {
            soort: (
                self.cleaned_data.get(f"{soort}_bedrag") or Decimal("0.00"),
                self.cleaned_data.get(f"{soort}_toelichting", ""),
            )
            for soort in Begrotingssoort.values
        }


class UitgaveForm(forms.ModelForm):
    bedrag = BedragField(label="Bedrag (€)", positief=True)
    bijlage = forms.FileField(
        label="Bijlage (factuur of bon)",
        required=False,
        help_text="PDF, PNG of JPEG, hoogstens {mb} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
    bijlage_verwijderen = forms.BooleanField(label="Huidige bijlage verwijderen", required=False)

    class Meta:
        model = Uitgave
        fields = ["datum", "bedrag", "omschrijving", "post", "activiteit", "ouderactiviteit", "factuurnummer"]
        widgets = {"datum": DATUM}
        error_messages = {
            "datum": {"required": "Vul de datum van de uitgave in.", "invalid": "Vul een geldige datum in."},
            "omschrijving": {"required": "Beschrijf waaraan het geld is uitgegeven."},
            "post": {"required": "Kies de begrotingspost.", "invalid_choice": "Kies een post van deze toekenning."},
        }

    def __init__(
        self,
        *args: Any,
        toekenning: Toekenning,
        posten: QuerySet[Begrotingspost],
        activiteiten: QuerySet[Activiteit],
        ouderactiviteiten: QuerySet[Ouderactiviteit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.toekenning = toekenning
        self.fields["post"].queryset = posten  # type: ignore[attr-defined]
        self.fields["post"].empty_label = "Kies een post"  # type: ignore[attr-defined]
        self.fields["activiteit"].queryset = activiteiten  # type: ignore[attr-defined]
        self.fields["activiteit"].empty_label = "Geen"  # type: ignore[attr-defined]
        self.fields["activiteit"].help_text = "Optioneel: de activiteit waarvoor de uitgave was."
        self.fields["ouderactiviteit"].queryset = ouderactiviteiten  # type: ignore[attr-defined]
        self.fields["ouderactiviteit"].empty_label = "Geen"  # type: ignore[attr-defined]
        self.fields["bedrag"].error_messages["required"] = "Vul het bedrag in."
        self.fields["bijlage"].help_text = self.fields["bijlage"].help_text.format(mb=bijlagen.max_mb())
        if not (self.instance.pk and self.instance.bijlage):
            del self.fields["bijlage_verwijderen"]
        else:
            self.fields["bijlage"].widget = forms.FileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"})
            self.fields["bijlage"].help_text += " Een nieuw bestand vervangt de huidige bijlage."

    def clean_datum(self) -> Any:
        # Also checked by the service; here so it shows together with the other field errors.
        datum = self.cleaned_data.get("datum")
        t = self.toekenning
        if datum and not (t.begindatum <= datum <= t.einddatum):
            raise ValidationError(datum_buiten_looptijd(t))
        return datum

    def clean_bijlage(self) -> bijlagen.Bijlage | None:
        bestand = self.cleaned_data.get("bijlage")
        return bijlagen.controleer_bijlage(bestand) if bestand else None

    def _post_clean(self) -> None:
        # The service validates the model (period, budget line, activity) in its transaction.
        pass


class FinancieringForm(forms.Form):
    activiteit = forms.ModelChoiceField(
        label="Activiteit",
        queryset=Activiteit.objects.none(),
        error_messages={"invalid_choice": "Kies een activiteit van deze school."},
    )
    aandeel = forms.IntegerField(
        label="Aandeel (%)",
        min_value=1,
        max_value=100,
        error_messages={
            "min_value": "Een aandeel is minstens 1 %%.",
            "max_value": "Een aandeel is hoogstens 100 %%.",
            "invalid": "Vul een heel percentage in.",
            "required": "Vul het aandeel in.",
        },
    )

    def __init__(self, *args: Any, activiteiten: QuerySet[Activiteit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activiteit"].queryset = activiteiten  # type: ignore[attr-defined]


class BaseFinancieringFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        gezien: set[int] = set()
        for form in self.forms:
            # Empty extra rows have no cleaned data; rows shown with a saved share always count.
            if form.cleaned_data.get("DELETE"):
                continue
            activiteit = form.cleaned_data.get("activiteit")
            if activiteit is None:
                continue
            if activiteit.pk in gezien:
                raise ValidationError(f"{activiteit.titel} staat twee keer in de lijst.")
            gezien.add(activiteit.pk)

    def aandelen(self) -> dict[Activiteit, int]:
        return {
            form.cleaned_data["activiteit"]: form.cleaned_data["aandeel"]
            for form in self.forms
            if form.cleaned_data.get("activiteit") and not form.cleaned_data.get("DELETE")
        }


FinancieringFormSet = forms.formset_factory(
    FinancieringForm, formset=BaseFinancieringFormSet, extra=2, can_delete=True, max_num=200
)


class RegelingForm(forms.ModelForm):
    maximum_per_kind_per_jaar = BedragField(label="Maximum per kind per schooljaar (€)", required=False, positief=True)

    class Meta:
        model = Regeling
        fields = [
            "naam",
            "financier",
            "omschrijving",
            "voorwaarden",
            "verantwoording",
            "maximum_per_kind_per_jaar",
            "stadspas_als_bewijs",
            "verlengen_na_maanden",
            "minimum_uren_per_week",
            "actief",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "voorwaarden": forms.Textarea(attrs={"rows": 4}),
            "verantwoording": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "naam": {"required": "Geef de regeling een naam."},
            "minimum_uren_per_week": {"invalid": "Vul een getal in, bijvoorbeeld 5 of 4,5."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minimum_uren_per_week"].localize = True
        self.fields["minimum_uren_per_week"].widget.is_localized = True
        self.fields["minimum_uren_per_week"].help_text = "Alleen voor School & Omgeving: gemiddeld per deelnemer."

    def clean_minimum_uren_per_week(self) -> Decimal | None:
        uren = self.cleaned_data.get("minimum_uren_per_week")
        if uren is not None and uren <= 0:
            raise ValidationError("Het minimum aantal uren moet groter zijn dan 0.")
        return uren

    def _post_clean(self) -> None:
        pass
