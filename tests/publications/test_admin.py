"""Agencies adapt their catalog, workflow steps and settings in the admin, within their own agency only."""

import pytest
from django.urls import reverse

from gongkai.agencies.roles import Role
from gongkai.audit.models import AuditEvent
from gongkai.publications.models import CatalogNode, Topic
from gongkai.publications.services.setup import disclosure_setup
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(tree):
    for key in ("east", "west"):
        disclosure_setup(acting_user=None, agency=tree[key])
    user = UserFactory()
    grant(user, tree["east"], Role.OFFICE)
    return user


def test_office_adds_a_catalog_column_to_its_own_agency_audited(client, tree, office):
    client.force_login(office)
    parent = CatalogNode.objects.get(agency=tree["east"], code="FD")
    response = client.post(
        reverse("admin:publications_catalognode_add"),
        {
            "agency": tree["east"].pk,
            "parent": parent.pk,
            "name": "课后服务",
            "code": "KHFW",
            "sort_order": 30,
            "is_active": "on",
            "description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    node = CatalogNode.objects.get(agency=tree["east"], name="课后服务")
    assert node.parent == parent
    assert AuditEvent.objects.filter(action="catalognode.create", actor=office, agency=tree["east"]).exists()


def test_office_cannot_put_a_column_under_another_agencys_column(client, tree, office):
    client.force_login(office)
    foreign = CatalogNode.objects.get(agency=tree["west"], code="FD")
    response = client.post(
        reverse("admin:publications_catalognode_add"),
        {"agency": tree["east"].pk, "parent": foreign.pk, "name": "课后服务", "code": "", "sort_order": 0},
    )
    assert response.status_code == 200
    assert not CatalogNode.objects.filter(name="课后服务").exists()


def test_office_sees_only_its_own_agencys_catalog(client, tree, office):
    client.force_login(office)
    page = client.get(reverse("admin:publications_catalognode_changelist") + "?q=法定主动公开内容").content.decode()
    assert tree["east"].name in page
    assert tree["west"].name not in page
    foreign = CatalogNode.objects.get(agency=tree["west"], code="FD")
    form = client.get(reverse("admin:publications_catalognode_add")).content.decode()
    assert f'value="{foreign.pk}"' not in form, "parent choices are limited to the user's agencies"


def test_topics_are_read_only_for_agency_staff(client, tree, office):
    client.force_login(office)
    topic = Topic.objects.get(name="教育")
    assert client.get(reverse("admin:publications_topic_change", args=[topic.pk])).status_code == 200
    client.post(reverse("admin:publications_topic_change", args=[topic.pk]), {"name": "改名", "sort_order": 0})
    assert Topic.objects.get(pk=topic.pk).name == "教育"
