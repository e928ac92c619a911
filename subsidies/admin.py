"""Django admin for subsidies: for the functional admin's corrections. Day-to-day work happens on
the app's scoped pages; fund applications are about children and are read-only here."""

from __future__ import annotations

from django.contrib import admin

from subsidies.models import (
    Begrotingspost,
    Deadline,
    Financiering,
    Fondsaanvraag,
    Regeling,
    Toekenning,
    Uitgave,
    Verantwoording,
)


@admin.register(Regeling)
class RegelingAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "bestuur", "soort", "financier", "maximum_per_kind_per_jaar", "actief"]
    list_filter = ["soort", "actief", "bestuur"]
    search_fields = ["naam", "code", "financier"]


class BegrotingspostInline(admin.TabularInline):
    model = Begrotingspost
    extra = 0


class FinancieringInline(admin.TabularInline):
    model = Financiering
    extra = 0
    raw_id_fields = ["activiteit"]


@admin.register(Toekenning)
class ToekenningAdmin(admin.ModelAdmin):
    list_display = ["naam", "school", "regeling", "begindatum", "einddatum", "bedrag", "status"]
    list_filter = ["status", "regeling__soort", "school"]
    search_fields = ["naam", "referentie"]
    date_hierarchy = "begindatum"
    raw_id_fields = ["aangemaakt_door"]
    inlines = [BegrotingspostInline, FinancieringInline]


@admin.register(Uitgave)
class UitgaveAdmin(admin.ModelAdmin):
    list_display = ["omschrijving", "datum", "bedrag", "toekenning", "post", "factuurnummer"]
    list_filter = ["post__soort", "toekenning__school"]
    search_fields = ["omschrijving", "factuurnummer"]
    date_hierarchy = "datum"
    raw_id_fields = ["toekenning", "post", "activiteit", "ouderactiviteit", "aangemaakt_door"]
    # The attachment is replaced through the app (content check, old file removed), not here.
    readonly_fields = ["bijlage", "bijlage_naam", "bijlage_type"]


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["titel", "datum", "soort", "school", "eigenaar", "afgerond_op"]
    list_filter = ["soort", "school"]
    raw_id_fields = ["toekenning", "eigenaar", "afgerond_door"]


@admin.register(Verantwoording)
class VerantwoordingAdmin(admin.ModelAdmin):
    list_display = ["toekenning", "van", "tot_en_met", "aangemaakt_op", "ingediend_op"]
    readonly_fields = ["toekenning", "van", "tot_en_met", "gegevens", "aangemaakt_door", "aangemaakt_op"]


@admin.register(Fondsaanvraag)
class FondsaanvraagAdmin(admin.ModelAdmin):
    list_display = ["pk", "regeling", "school", "doel", "bedrag", "status", "aangevraagd_op"]
    list_filter = ["status", "regeling", "school"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
