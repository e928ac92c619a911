from django.urls import include, path

from gezinnen import views, views_import, views_privacy
from gezinnen.signalen import views as signalen

app_name = "gezinnen"

urlpatterns = [
    path("", views.gezin_list, name="gezin_list"),
    path("<int:pk>/", views.gezin_detail, name="gezin_detail"),
    path("<int:pk>/samenvoegen/", views.gezin_merge, name="gezin_merge"),
    path("<int:pk>/splitsen/", views.gezin_split, name="gezin_split"),
    path("<int:pk>/toestemming/<str:doel>/", views.toestemming_update, name="toestemming_update"),
    # Privacy duties (beheerder): an access request and the retention purge.
    path("<int:pk>/inzageverzoek.pdf", views_privacy.gezin_export_pdf, name="gezin_export_pdf"),
    path("<int:pk>/inzageverzoek.json", views_privacy.gezin_export_json, name="gezin_export_json"),
    path("bewaartermijn/", views_privacy.bewaartermijn, name="bewaartermijn"),
    path("bewaartermijn/uitvoeren/", views_privacy.bewaartermijn_uitvoeren, name="bewaartermijn_uitvoeren"),
    path("verzorgers/<int:pk>/", views.verzorger_update, name="verzorger_update"),
    path("leerlingen/", views.leerling_list, name="leerling_list"),
    path("leerlingen/zoek/", views.leerling_zoek, name="leerling_zoek"),
    path("leerlingen/<int:pk>/", views.leerling_detail, name="leerling_detail"),
    path("groepen/", views.groep_list, name="groep_list"),
    path("groepen/<int:pk>/", views.groep_detail, name="groep_detail"),
    # Signals: the quick form, the lists, follow-up, routing rules.
    path("signalen/", signalen.signaal_list, name="signaal_list"),
    path("signalen/nieuw/", signalen.signaal_create, name="signaal_create"),
    path("signalen/<int:pk>/", signalen.signaal_detail, name="signaal_detail"),
    path("signalen/<int:pk>/vastgelegd/", signalen.signaal_bevestiging, name="signaal_bevestiging"),
    path("signalen/<int:pk>/status/", signalen.signaal_status, name="signaal_status"),
    path("signalen/<int:pk>/notitie/", signalen.signaal_notitie, name="signaal_notitie"),
    path("signalen/<int:pk>/toewijzen/", signalen.signaal_toewijzen, name="signaal_toewijzen"),
    path("signalen/routering/", signalen.routering, name="routering"),
    # The Familieservicepunt and the Meldcode (their own URL modules, same namespace).
    path("fsp/", include("gezinnen.fsp.urls")),
    path("meldcode/", include("gezinnen.meldcode.urls")),
    # Pupil import (EDEXML + guardian CSV): upload → check → preview → approve → processed.
    path("import/", views_import.import_list, name="import_list"),
    path("import/<int:pk>/", views_import.import_detail, name="import_detail"),
    path("import/<int:pk>/voortgang/", views_import.import_voortgang, name="import_voortgang"),
    path("import/<int:pk>/goedkeuren/", views_import.import_approve, name="import_approve"),
    path("import/<int:pk>/afwijzen/", views_import.import_reject, name="import_reject"),
]
