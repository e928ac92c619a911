from django.urls import reverse


def test_start_page_shows_active_school_for_coordinator(client, coordinator):
    client.force_login(coordinator.user)

    response = client.get(reverse("start"))

    assert response.status_code == 200
    assert coordinator.school.naam in response.content.decode()
