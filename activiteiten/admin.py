"""Django admin for the Rijke schooldag: the calendar (regional holidays are corrected here when
the government publishes a change), blocks and activities. Enrolments and attendance are about
children and stay on the app's scoped pages."""

from __future__ import annotations

from django.contrib import admin

from activiteiten.models import Activiteit, ActiviteitVertaling, Blok, Sluiting


@admin.register(Sluiting)
class SluitingAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "van", "tot_en_met", "school"]
    list_filter = ["soort", "school"]
    date_hierarchy = "van"
    search_fields = ["naam"]


@admin.register(Blok)
class BlokAdmin(admin.ModelAdmin):
    list_display = ["naam", "school", "schooljaar", "begindatum", "einddatum"]
    list_filter = ["schooljaar", "school"]


class VertalingInline(admin.TabularInline):
    model = ActiviteitVertaling
    extra = 0


@admin.register(Activiteit)
class ActiviteitAdmin(admin.ModelAdmin):
    list_display = ["titel", "school", "blok", "ontwikkelgebied", "weekdag", "capaciteit"]
    list_filter = ["ontwikkelgebied", "school", "blok__schooljaar"]
    search_fields = ["titel"]
    filter_horizontal = ["begeleiders"]
    raw_id_fields = ["aanbieder", "blok"]
    inlines = [VertalingInline]
