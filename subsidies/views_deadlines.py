"""Deadlines: the list with what is due soon, create and edit, and "afgerond" (which plans the
next one of a recurring deadline). HTTP only: the rules are in subsidies.deadlines."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from familieschool.forms import DATUM, fouten_naar_form
from familieschool.permissions import can, requires_recht
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import request_user as _user
from subsidies import deadlines, selectors
from subsidies.models import Deadline


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["titel", "soort", "toekenning", "datum", "eigenaar", "dagen_vooraf", "herhaling", "notitie"]
        widgets = {"datum": DATUM, "notitie": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "dagen_vooraf": "De eigenaar krijgt zoveel dagen vóór de deadline een e-mail.",
            "herhaling": "Een terugkerende deadline (zoals de maandelijkse declaratie) komt na afvinken "
            "opnieuw op de lijst.",
        }
        error_messages = {"dagen_vooraf": {"max_value": "Kies ten hoogste 365 dagen."}}

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        toekenning: Any = self.fields["toekenning"]
        toekenning.queryset = selectors.toekenningen_for_user(**_scope(request)).select_related("regeling")
        toekenning.required = False
        toekenning.empty_label = "— geen (algemeen) —"
        eigenaar: Any = self.fields["eigenaar"]
        eigenaar.queryset = deadlines.mogelijke_eigenaren(school=_school(request))
        eigenaar.label_from_instance = lambda u: u.naam or u.email
        self.fields["dagen_vooraf"].widget.attrs.update({"min": 0, "max": 365})

    def clean_dagen_vooraf(self) -> int:
        dagen = self.cleaned_data["dagen_vooraf"]
        if dagen is not None and dagen > 365:
            raise ValidationError("Kies ten hoogste 365 dagen.")
        return dagen


@requires_recht("subsidies.lezen")
def deadline_list(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    qs = selectors.deadlines_for_user(**_scope(request))
    open_ = list(deadlines.open_deadlines(qs))
    afgerond = list(deadlines.deadline_lijst(qs.filter(afgerond_op__isnull=False)).order_by("-afgerond_op")[:20])
    for deadline in [*open_, *afgerond]:
        deadline.stand = deadlines.stand(deadline, vandaag=vandaag)  # type: ignore[attr-defined]
    return render(
        request,
        "subsidies/deadline_list.html",
        {
            "open_deadlines": open_,
            "afgerond": afgerond,
            "vandaag": vandaag,
            "mag_beheren": can(request, "subsidies.beheren"),
        },
    )


def _form_pagina(request: HttpRequest, deadline: Deadline | None) -> HttpResponse:
    initial = {"eigenaar": _user(request).pk} if deadline is None else {}
    if deadline is None and request.GET.get("toekenning", "").isdigit():
        initial["toekenning"] = int(request.GET["toekenning"])
    form = DeadlineForm(request.POST or None, instance=deadline, initial=initial, request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            deadlines.save_deadline(school=_school(request), deadline=deadline, **data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, f"De deadline “{data['titel']}” is opgeslagen.")
            return redirect("subsidies:deadline_list")
    return render(request, "subsidies/deadline_form.html", {"form": form, "deadline": deadline})


@requires_recht("subsidies.beheren")
def deadline_create(request: HttpRequest) -> HttpResponse:
    return _form_pagina(request, None)


@requires_recht("subsidies.beheren")
def deadline_update(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_object_or_404(selectors.deadlines_for_user(**_scope(request)), pk=pk)
    return _form_pagina(request, deadline)


@require_POST
@requires_recht("subsidies.beheren")
def deadline_afronden(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_object_or_404(selectors.deadlines_for_user(**_scope(request)), pk=pk)
    try:
        volgende = deadlines.complete_deadline(deadline=deadline, door=_user(request))
    except ValidationError as fout:
        messages.info(request, fout.messages[0])
    else:
        tekst = f"“{deadline.titel}” is afgerond."
        if volgende is not None:
            tekst += f" De volgende staat op {volgende.datum:%d-%m-%Y}."
        messages.success(request, tekst)
    return redirect("subsidies:deadline_list")
