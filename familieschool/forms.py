from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from familieschool.models import Inzage, School
from familieschool.roles import Rol


class UitnodigingForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=150)
    email = forms.EmailField(label="E-mailadres")
    school = forms.ModelChoiceField(label="School", queryset=School.objects.none(), empty_label=None)
    rol = forms.ChoiceField(label="Rol")
    is_aandachtsfunctionaris = forms.BooleanField(
        label="Aandachtsfunctionaris (Meldcode)",
        required=False,
        help_text="Alleen voor een ouder- en kindadviseur of buurtteammedewerker.",
    )

    def __init__(self, *args: Any, scholen: Any, rollen: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = scholen  # type: ignore[attr-defined]
        self.fields["rol"].choices = rollen  # type: ignore[attr-defined]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("is_aandachtsfunctionaris") and cleaned.get("rol") not in {Rol.OKA, Rol.BUURTTEAM}:
            self.add_error(
                "is_aandachtsfunctionaris",
                "Alleen een ouder- en kindadviseur of buurtteammedewerker kan aandachtsfunctionaris zijn.",
            )
        return cleaned


class AccepteerUitnodigingForm(forms.Form):
    naam = forms.CharField(label="Je naam", max_length=150)
    password1 = forms.CharField(
        label="Kies een wachtwoord",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Minstens 12 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.",
    )
    password2 = forms.CharField(
        label="Herhaal het wachtwoord", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "De wachtwoorden zijn niet gelijk.")
        elif p1:
            from familieschool.models import User

            try:
                validate_password(p1, User(email=self.email, naam=cleaned.get("naam", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InzageFilterForm(forms.Form):
    gebruiker = forms.CharField(label="Gebruiker (naam of e-mail)", required=False)
    school = forms.ModelChoiceField(
        label="School", queryset=School.objects.none(), required=False, empty_label="Alle scholen"
    )
    record_type = forms.ChoiceField(label="Soort gegeven", required=False)
    actie = forms.ChoiceField(label="Actie", required=False, choices=[("", "Alle acties"), *Inzage.Actie.choices])
    van = forms.DateField(
        label="Van", required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    tot = forms.DateField(
        label="Tot en met", required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )

    def __init__(self, *args: Any, scholen: Any, record_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = scholen  # type: ignore[attr-defined]
        self.fields["record_type"].choices = [("", "Alle soorten"), *[(t, t) for t in record_types]]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("van") and cleaned.get("tot") and cleaned["van"] > cleaned["tot"]:
            self.add_error("tot", "De einddatum ligt voor de begindatum.")
        return cleaned


# --- shared by every app's forms -----------------------------------------------------------------

# A date field as the browser's date picker (ISO value, so the picker shows what is stored).
DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def fouten_naar_form(form: forms.BaseForm, fout: ValidationError) -> None:
    """A service's ValidationError onto a form: at the field when it names one the form has,
    else on top of the form (so the user sees it where they typed)."""
    if not hasattr(fout, "error_dict"):
        form.add_error(None, fout)
        return
    for veld, fouten in fout.message_dict.items():
        form.add_error(veld if veld in form.fields else None, fouten)
