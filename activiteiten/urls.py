from django.urls import include, path

from activiteiten import views

app_name = "activiteiten"

urlpatterns = [
    path("", views.activiteit_list, name="activiteit_list"),
    path("<int:pk>/", views.activiteit_detail, name="activiteit_detail"),
    path("", include("activiteiten.presentie.urls")),
    path("", include("activiteiten.bereik.urls")),
    path("", include("activiteiten.drukwerk.urls")),
]
