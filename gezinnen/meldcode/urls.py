"""Included under gezinnen/urls.py without an app_name, so the names are gezinnen:<name>."""

from django.urls import URLPattern, path

from gezinnen.meldcode import views

urlpatterns: list[URLPattern] = [
    path("", views.meldcodezaak_list, name="meldcodezaak_list"),
    path("openen/<int:signaal_pk>/", views.meldcodezaak_create, name="meldcodezaak_create"),
    path("<int:pk>/", views.meldcodezaak_detail, name="meldcodezaak_detail"),
    path("<int:pk>/stap/<int:stap>/", views.meldcodestap_create, name="meldcodestap_create"),
    path("<int:pk>/afweging/", views.afweging_create, name="afweging_create"),
    path("<int:pk>/besluit/", views.meldcodezaak_besluit, name="meldcodezaak_besluit"),
]
