"""Administrators can check that a task worker runs the queue."""

import os

import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/admin/tareas/"


def test_the_check_shows_which_process_ran_the_heartbeat(client, admin_user):
    # given the tests' "immediate" task backend, the request itself runs the task
    client.force_login(admin_user)
    assert reverse("cms_worker_check") == URL
    response = client.post(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-task-status="SUCCESSFUL"' in html
    assert f"<strong data-worker-pid>{os.getpid()}</strong>" in html


def test_the_check_is_for_administrators_only(client, editor):
    # Wagtail answers a refusal inside its admin with a redirect to the dashboard
    client.force_login(editor)
    for response in (client.get(URL), client.post(URL)):
        assert response.status_code == 302
        assert response.url == "/admin/"


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response.url
