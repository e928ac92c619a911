from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from familieschool.models import Accountuitnodiging, Bestuur, Inzage, Lidmaatschap, School, Schooljaar, User


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    fields = ["school", "rol", "is_aandachtsfunctionaris", "actief"]
    autocomplete_fields = ["school"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["naam"]
    list_display = ["naam", "email", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["naam", "email"]
    inlines = [LidmaatschapInline]
    fieldsets = (
        (None, {"fields": ("email", "naam", "password")}),
        ("Rechten", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Datums", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "naam", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Bestuur)
class BestuurAdmin(admin.ModelAdmin):
    list_display = ["naam", "bestuursnummer"]
    search_fields = ["naam", "bestuursnummer"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["naam", "brin", "vestiging", "stadsdeel", "wijk", "bestuur"]
    list_filter = ["bestuur", "stadsdeel"]
    search_fields = ["naam", "brin", "wijk"]


@admin.register(Schooljaar)
class SchooljaarAdmin(admin.ModelAdmin):
    list_display = ["__str__", "begindatum", "einddatum"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "rol", "is_aandachtsfunctionaris", "actief"]
    list_filter = ["rol", "actief", "is_aandachtsfunctionaris", "school"]
    search_fields = ["user__naam", "user__email", "school__naam"]
    autocomplete_fields = ["user", "school"]


@admin.register(Accountuitnodiging)
class AccountuitnodigingAdmin(admin.ModelAdmin):
    list_display = ["email", "school", "rol", "created_at", "verloopt_op", "geaccepteerd_op", "ingetrokken_op"]
    list_filter = ["rol", "school"]
    search_fields = ["email", "naam"]
    readonly_fields = ["token_hash", "created_at", "geaccepteerd_op"]


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin):
    """The access log is append-only: the admin may look, never change or delete."""

    list_display = ["tijdstip", "user", "rol", "school", "actie", "record_type", "record_id", "doel", "uitkomst"]
    list_filter = ["actie", "uitkomst", "school"]
    search_fields = ["record_type", "record_id", "user__email"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False
