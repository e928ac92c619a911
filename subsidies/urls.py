from django.urls import path

from subsidies import views_deadlines, views_fondsen, views_toekenningen, views_verantwoording

app_name = "subsidies"

urlpatterns = [
    # Grants, budgets, expenses with attachments, and the activities a grant pays for.
    path("", views_toekenningen.toekenning_list, name="toekenning_list"),
    path("nieuw/", views_toekenningen.toekenning_create, name="toekenning_create"),
    path("<int:pk>/", views_toekenningen.toekenning_detail, name="toekenning_detail"),
    path("<int:pk>/bewerken/", views_toekenningen.toekenning_update, name="toekenning_update"),
    path("<int:pk>/begroting/", views_toekenningen.begroting_update, name="begroting_update"),
    path("<int:pk>/activiteiten/", views_toekenningen.financiering_update, name="financiering_update"),
    path("<int:pk>/uitgaven/nieuw/", views_toekenningen.uitgave_create, name="uitgave_create"),
    path("uitgaven/<int:pk>/bewerken/", views_toekenningen.uitgave_update, name="uitgave_update"),
    path("uitgaven/<int:pk>/verwijderen/", views_toekenningen.uitgave_delete, name="uitgave_delete"),
    path("uitgaven/<int:pk>/bijlage/", views_toekenningen.bijlage, name="bijlage"),
    path("regelingen/", views_toekenningen.regeling_list, name="regeling_list"),
    path("regelingen/<int:pk>/", views_toekenningen.regeling_update, name="regeling_update"),
    # Indicators computed from attendance, and the stored accountability reports.
    path("<int:pk>/indicatoren/", views_verantwoording.indicatoren, name="indicatoren"),
    path("<int:pk>/verantwoordingen/nieuw/", views_verantwoording.verantwoording_create, name="verantwoording_create"),
    path("verantwoordingen/<int:pk>/", views_verantwoording.verantwoording_detail, name="verantwoording_detail"),
    path("verantwoordingen/<int:pk>/xlsx/", views_verantwoording.verantwoording_xlsx, name="verantwoording_xlsx"),
    path("verantwoordingen/<int:pk>/pdf/", views_verantwoording.verantwoording_pdf, name="verantwoording_pdf"),
    path(
        "verantwoordingen/<int:pk>/ingediend/",
        views_verantwoording.verantwoording_ingediend,
        name="verantwoording_ingediend",
    ),
    # Deadlines with a reminder to their owner.
    path("deadlines/", views_deadlines.deadline_list, name="deadline_list"),
    path("deadlines/nieuw/", views_deadlines.deadline_create, name="deadline_create"),
    path("deadlines/<int:pk>/", views_deadlines.deadline_update, name="deadline_update"),
    path("deadlines/<int:pk>/afronden/", views_deadlines.deadline_afronden, name="deadline_afronden"),
    # Fund applications per child.
    path("fondsen/", views_fondsen.fondsaanvraag_list, name="fondsaanvraag_list"),
    path("fondsen/nieuw/", views_fondsen.fondsaanvraag_create, name="fondsaanvraag_create"),
    path("fondsen/<int:pk>/", views_fondsen.fondsaanvraag_detail, name="fondsaanvraag_detail"),
    path("fondsen/<int:pk>/bewerken/", views_fondsen.fondsaanvraag_update, name="fondsaanvraag_update"),
    path("fondsen/<int:pk>/status/", views_fondsen.fondsaanvraag_status, name="fondsaanvraag_status"),
    path("fondsen/<int:pk>/deelname/", views_fondsen.fondsaanvraag_deelname, name="fondsaanvraag_deelname"),
]
