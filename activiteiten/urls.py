from django.urls import include, path

from activiteiten import views

app_name = "activiteiten"

urlpatterns = [
    path("", views.activiteit_list, name="activiteit_list"),
    path("nieuw/", views.activiteit_create, name="activiteit_create"),
    path("<int:pk>/", views.activiteit_detail, name="activiteit_detail"),
    path("<int:pk>/bewerken/", views.activiteit_update, name="activiteit_update"),
    path("<int:pk>/inschrijven/", views.inschrijven, name="inschrijven"),
    path("<int:pk>/inschrijven/zoek/", views.inschrijf_zoek, name="inschrijf_zoek"),
    path("<int:pk>/doorstroom/", views.doorstroom_create, name="doorstroom_create"),
    path("inschrijvingen/<int:pk>/afmelden/", views.afmelden, name="afmelden"),
    path("doorstroom/<int:pk>/verwijderen/", views.doorstroom_delete, name="doorstroom_delete"),
    path("bijeenkomsten/<int:pk>/wijzigen/", views.bijeenkomst_wijzigen, name="bijeenkomst_wijzigen"),
    # Blocks and the school calendar.
    path("blokken/", views.blok_list, name="blok_list"),
    path("blokken/nieuw/", views.blok_create, name="blok_create"),
    path("blokken/<int:pk>/", views.blok_update, name="blok_update"),
    path("kalender/studiedag/", views.studiedag_create, name="studiedag_create"),
    path("kalender/<int:pk>/verwijderen/", views.studiedag_delete, name="studiedag_delete"),
    # Pupils not yet reached this school year, and the invitation.
    path("nog-niet-bereikt/", views.nog_niet_bereikt, name="nog_niet_bereikt"),
    path("nog-niet-bereikt/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("", include("activiteiten.presentie.urls")),
    path("", include("activiteiten.bereik.urls")),
    path("", include("activiteiten.drukwerk.urls")),
    # Parent activities: the staff pages, the reminder outbox, and the parents' answer page.
    path("ouders/", include("activiteiten.ouders.urls")),
    path("ouders/", include("activiteiten.ouders.urls_herinneringen")),
    path("antwoord/", include("activiteiten.ouders.urls_publiek")),
]
