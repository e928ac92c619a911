from django.urls import path

from partners import views, views_io

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="partner_list"),
    path("nieuw/", views.partner_create, name="partner_create"),
    path("<int:pk>/", views.partner_detail, name="partner_detail"),
    path("<int:pk>/bewerken/", views.partner_update, name="partner_update"),
    path("<int:pk>/archiveren/", views.partner_archive, name="partner_archive"),
    path("<int:pk>/terugzetten/", views.partner_restore, name="partner_restore"),
    path("<int:pk>/samenwerking/", views.samenwerking_update, name="samenwerking_update"),
    path("<int:pk>/samenwerking/beeindigen/", views.samenwerking_delete, name="samenwerking_delete"),
    path("sociale-kaart.pdf", views_io.sociale_kaart_pdf, name="sociale_kaart_pdf"),
    path("export.csv", views_io.partner_export_csv, name="partner_export_csv"),
    path("export.xlsx", views_io.partner_export_xlsx, name="partner_export_xlsx"),
    path("import/", views_io.partner_import, name="partner_import"),
    path("import/bevestigen/", views_io.partner_import_commit, name="partner_import_commit"),
]
