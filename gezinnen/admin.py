"""Django admin for gezinnen: only what a functional admin needs to repair, never the people.

Pupils, families and guardians are deliberately not in the admin: the admin bypasses the scoped
selectors and the access log, and the pages of the app already do what is needed with both."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gezinnen.models import Anonimiseringsronde, Groep, Importbatch


@admin.register(Groep)
class GroepAdmin(admin.ModelAdmin):
    list_display = ["naam", "school", "schooljaar", "soort", "jaargroep"]
    list_filter = ["schooljaar", "soort", "school"]
    search_fields = ["naam", "sleutel"]
    filter_horizontal = ["leerkrachten"]
    readonly_fields = ["school", "schooljaar", "sleutel"]


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Importbatch)
class ImportbatchAdmin(AlleenLezen):
    list_display = ["edexml_naam", "school", "status", "created_at", "verwerkt_op"]
    list_filter = ["status", "school"]
    exclude = ["gegevens"]  # the cleaned pupil data stays out of the admin


@admin.register(Anonimiseringsronde)
class AnonimiseringsrondeAdmin(AlleenLezen):
    list_display = ["uitgevoerd_op", "school", "proefdraai", "grens", "aantal_leerlingen", "aantal_gezinnen"]
    list_filter = ["proefdraai"]
