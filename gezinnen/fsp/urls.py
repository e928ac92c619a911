"""Included under gezinnen/urls.py without an app_name, so the names are gezinnen:<name>."""

from django.urls import URLPattern, path

from gezinnen.fsp import views

urlpatterns: list[URLPattern] = [
    path("", views.fsp_overzicht, name="fsp_overzicht"),
    path("spreekuren/nieuw/", views.spreekuur_create, name="spreekuur_create"),
    path("spreekuren/<int:pk>/", views.spreekuur_update, name="spreekuur_update"),
    # The walk-in form (tablet) and its family typeahead.
    path("vragen/nieuw/", views.vraag_create, name="vraag_create"),
    path("vragen/gezin-zoeken/", views.fsp_gezin_zoek, name="fsp_gezin_zoek"),
    path("vragen/<int:pk>/vastgelegd/", views.vraag_bevestiging, name="vraag_bevestiging"),
    # Intakes with their follow-up.
    path("intakes/", views.hulpvraag_list, name="hulpvraag_list"),
    path("intakes/nieuw/", views.hulpvraag_create, name="hulpvraag_create"),
    path("intakes/<int:pk>/", views.hulpvraag_detail, name="hulpvraag_detail"),
    path("intakes/<int:pk>/bewerken/", views.hulpvraag_update, name="hulpvraag_update"),
    path("intakes/<int:pk>/status/", views.hulpvraag_status, name="hulpvraag_status"),
    path("intakes/<int:pk>/contactmoment/", views.contactmoment_create, name="contactmoment_create"),
    path("intakes/<int:pk>/actiepunt/", views.actiepunt_create, name="actiepunt_create"),
    path("intakes/<int:pk>/afspraak/", views.afspraak_create, name="afspraak_create"),
    path("actiepunten/<int:pk>/gedaan/", views.actiepunt_gedaan, name="actiepunt_gedaan"),
    # Referrals to partners.
    path("doorverwijzingen/", views.doorverwijzing_list, name="doorverwijzing_list"),
    path("doorverwijzingen/nieuw/", views.doorverwijzing_create, name="doorverwijzing_create"),
    path("doorverwijzingen/<int:pk>/", views.doorverwijzing_detail, name="doorverwijzing_detail"),
    path("doorverwijzingen/<int:pk>/reactie/", views.doorverwijzing_reactie, name="doorverwijzing_reactie"),
    path("doorverwijzingen/<int:pk>/afronden/", views.doorverwijzing_afronden, name="doorverwijzing_afronden"),
]
