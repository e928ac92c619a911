"""Included under activiteiten/urls.py at "ouders/" without an app_name: names are activiteiten:<name>."""

from django.urls import URLPattern, path

from activiteiten.ouders import views

urlpatterns: list[URLPattern] = [
    path("", views.ouderactiviteit_list, name="ouderactiviteit_list"),
    path("nieuw/", views.ouderactiviteit_create, name="ouderactiviteit_create"),
    path("reeks/", views.ouderreeks_create, name="ouderreeks_create"),
    path("opkomst/", views.ouderactiviteit_opkomst, name="ouderactiviteit_opkomst"),
    path("<int:pk>/", views.ouderactiviteit_detail, name="ouderactiviteit_detail"),
    path("<int:pk>/bewerken/", views.ouderactiviteit_update, name="ouderactiviteit_update"),
    path("<int:pk>/annuleren/", views.ouderactiviteit_annuleren, name="ouderactiviteit_annuleren"),
    path("<int:pk>/uitnodigen/", views.ouderactiviteit_uitnodigen, name="ouderactiviteit_uitnodigen"),
    path("<int:pk>/flyer.pdf", views.ouderactiviteit_flyer, name="ouderactiviteit_flyer"),
    path(
        "<int:pk>/uitnodigingen.pdf", views.ouderactiviteit_uitnodigingen_pdf, name="ouderactiviteit_uitnodigingen_pdf"
    ),
    path("<int:pk>/agenda.ics", views.ouderactiviteit_ics, name="ouderactiviteit_ics"),
    # At the door (tablet).
    path("<int:pk>/binnenkomst/", views.binnenkomst, name="binnenkomst"),
    path("<int:pk>/binnenkomst/zoek/", views.binnenkomst_zoek, name="binnenkomst_zoek"),
    path("<int:pk>/binnenkomst/inchecken/", views.binnenkomst_inchecken, name="binnenkomst_inchecken"),
    path("<int:pk>/binnenkomst/inloop/", views.binnenkomst_inloop, name="binnenkomst_inloop"),
    path("binnenkomst/<int:pk>/ongedaan/", views.binnenkomst_ongedaan, name="binnenkomst_ongedaan"),
]
