"""Included under activiteiten/urls.py without an app_name, so the names are activiteiten:<name>."""

from django.urls import URLPattern, path

from activiteiten.bereik import views

urlpatterns: list[URLPattern] = [
    path("bereik/", views.bereik, name="bereik"),
    path("bereik/export.xlsx", views.bereik_export, name="bereik_export"),
]
