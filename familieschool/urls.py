from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from familieschool import views

# The Django admin logs in through allauth, so MFA applies there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Familieschool — beheer"
admin.site.site_title = "Familieschool"

urlpatterns = [
    path("", views.start, name="start"),
    path("school/wissel/", views.school_switch, name="school_switch"),
    path("gebruikers/", views.gebruiker_list, name="gebruiker_list"),
    path("gebruikers/uitnodigen/", views.uitnodiging_create, name="uitnodiging_create"),
    path("gebruikers/uitnodigingen/<int:pk>/intrekken/", views.uitnodiging_revoke, name="uitnodiging_revoke"),
    path("gebruikers/lidmaatschappen/<int:pk>/actief/", views.lidmaatschap_toggle, name="lidmaatschap_toggle"),
    path("uitnodiging/<str:token>/", views.uitnodiging_accept, name="uitnodiging_accept"),
    path("beheer/inzagelog/", views.inzage_list, name="inzage_list"),
    path("gezond/", views.health, name="health"),
    path("partners/", include("partners.urls")),
    path("gezinnen/", include("gezinnen.urls")),
    path("activiteiten/", include("activiteiten.urls")),
    path("subsidies/", include("subsidies.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-beheer/", admin.site.urls),
]

handler403 = "familieschool.views.permission_denied"
handler404 = "familieschool.views.page_not_found"
