"""Included under activiteiten/urls.py without an app_name, so the names are activiteiten:<name>."""

from django.urls import URLPattern, path

from activiteiten.presentie import views

urlpatterns: list[URLPattern] = [
    path("vandaag/", views.presentie_vandaag, name="presentie_vandaag"),
    path("bijeenkomsten/<int:pk>/presentie/", views.presentie_registreren, name="presentie_registreren"),
    path("presentie/aandacht/", views.presentie_aandacht, name="presentie_aandacht"),
    path("presentie/opvolging/<int:pk>/", views.opvolging_afhandelen, name="opvolging_afhandelen"),
]
