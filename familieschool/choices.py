"""Choices shared by several apps."""

from django.db import models


class Hulpdomein(models.TextChoices):
    """The help domains of the Familieservicepunt (reference/domain.md §4.3). Partners serve
    them; signals and help requests are categorised by them."""

    GELD = "geld", "Geld en regelingen"
    SCHULDEN = "schulden", "Schulden"
    ADMINISTRATIE = "administratie", "Administratie en instanties"
    WONEN = "wonen", "Wonen"
    OPVOEDING = "opvoeding", "Opvoeding en ontwikkeling"
    GEZONDHEID = "gezondheid", "Gezondheid"
    TAAL = "taal", "Taal en inburgering"
    VRIJE_TIJD = "vrije_tijd", "Sport, cultuur en vrije tijd"
    WERK = "werk", "Werk en inkomen"
    VEILIGHEID = "veiligheid", "Veiligheid"
    SCHOOL = "school", "Schoolzaken"
