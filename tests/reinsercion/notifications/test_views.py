"""The bell and the notifications page: one's own only, mark one or all read (POST), the
e-mail preference; who must not see them does not."""

import re

import pytest

from django.urls import reverse

from reinsercion.notifications import actions
from reinsercion.notifications.models import Notification

from ...factories import UserFactory


def notify(user, n=1, case=None):
    for i in range(n):
        actions.notify(
            recipients=[user],
            kind="case_assigned",
            reference=f"Caso N° {900 + i} · OPV",
            url="/equipo/casos/",
            case=case,
        )


def bell(body):
    nav = body.split('class="team-nav"')[1].split("</nav>")[0]
    link = nav.split('class="nav-bell"')[1].split("</a>")[0]
    found = re.search(r"data-unread-count>(\d+)<", link)
    return int(found.group(1)) if found else 0


def test_the_bell_counts_unread_and_the_page_lists_them(professional, client_for):
    # given two notifications for Ana
    notify(professional, 2)
    client = client_for(professional)
    # when she opens any team page
    body = client.get(reverse("team:home")).content.decode()
    # then the bell shows 2, and the page lists both, newest first
    assert bell(body) == 2
    page = client.get(reverse("team:notifications")).content.decode()
    assert page.index("Caso N° 901") < page.index("Caso N° 900")
    assert page.count("notification--unread") == 2


def test_marking_one_and_then_all_read(professional, client_for):
    notify(professional, 3)
    client = client_for(professional)
    first = Notification.objects.filter(recipient=professional).order_by("pk").first()
    # when she marks one read (POST)
    response = client.post(reverse("team:notification_read", args=[first.pk]))
    # then it is read and the bell says 2
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert bell(client.get(reverse("team:home")).content.decode()) == 2
    # when she opens another one through «Ver», she lands on its link
    second = Notification.objects.filter(recipient=professional).unread().first()
    opened = client.post(reverse("team:notification_read", args=[second.pk]), {"open": "1"})
    assert opened["Location"] == second.url
    # when she marks all read
    client.post(reverse("team:notifications_read_all"))
    # then the bell shows no count
    assert bell(client.get(reverse("team:home")).content.decode()) == 0
    assert not Notification.objects.filter(recipient=professional).unread().exists()


def test_someone_elses_notification_is_404_and_get_does_not_mark(
    professional, other_professional, client_for
):
    notify(professional)
    mine = Notification.objects.get(recipient=professional)
    client = client_for(other_professional)
    assert client.post(reverse("team:notification_read", args=[mine.pk])).status_code == 404
    page = client.get(reverse("team:notifications")).content.decode()
    assert "Caso N° 900" not in page
    # a GET never changes anything
    client = client_for(professional)
    assert client.get(reverse("team:notification_read", args=[mine.pk])).status_code == 405
    assert client.get(reverse("team:notifications_read_all")).status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


@pytest.mark.parametrize(
    "name",
    ["notifications", "notification_settings", "notifications_read_all", "notification_read"],
)
def test_anonymous_go_to_login_and_outsiders_get_403(name, professional, client):
    notify(professional)
    args = [Notification.objects.get().pk] if name == "notification_read" else []
    url = reverse(f"team:{name}", args=args)
    # anonymous: to the login page
    response = client.post(url)
    assert response.status_code == 302 and "/cuenta/ingresar/" in response["Location"]
    # a user of no program team (a partner, an editor): 403
    client.force_login(UserFactory(username="externa"))
    assert client.post(url).status_code == 403
    assert Notification.objects.get().read_at is None


def test_each_person_chooses_their_email_preference(professional, client_for):
    client = client_for(professional)
    page = client.get(reverse("team:notification_settings")).content.decode()
    assert 'value="immediate" checked' in page.replace("\n", " ") or "checked" in page
    response = client.post(reverse("team:notification_settings"), {"email_frequency": "daily"})
    assert response.status_code == 302
    assert actions.email_frequency(professional) == "daily"
    listing = client.get(reverse("team:notifications")).content.decode()
    assert "Por correo: un resumen diario" in listing
    # a value that is not offered is refused beside the field
    bad = client.post(reverse("team:notification_settings"), {"email_frequency": "hourly"})
    assert bad.status_code == 200 and "no es una de las opciones" in bad.content.decode()
    assert actions.email_frequency(professional) == "daily"


def test_the_page_queries_do_not_grow_with_the_notifications(
    professional, client_for, django_assert_max_num_queries
):
    client = client_for(professional)

    def measure():
        with django_assert_max_num_queries(25) as captured:
            response = client.get(reverse("team:notifications"))
        assert response.status_code == 200
        return len(captured)

    notify(professional, 2)
    measure()
    few = measure()
    notify(professional, 30)
    measure()  # the navigation's cached queue counts are counted again once
    assert measure() == few
    # paginated: 20 a page
    page = client.get(reverse("team:notifications")).content.decode()
    assert page.count('<li class="notification') == 20 and "Página 1 de 2" in page
