"""Each source's web domains: the story desk finds a link's source by them."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import SourceDomain
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_a_sources_domains_are_edited_on_its_page(curator_client):
    source = SourceFactory(name="ZDNet France", slug="zdnet-fr")
    SourceDomain.objects.create(source=source, domain="zdnet.fr")

    page = curator_client.get(f"/admin/articles/source/{source.pk}/change/").content.decode()

    assert 'value="zdnet.fr"' in page


@pytest.mark.parametrize("domain", ["www.zdnet.fr", "ZDNet.fr", ""])
def test_a_domain_is_kept_in_one_form_by_the_database(domain):
    source = SourceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceDomain.objects.create(source=source, domain=domain)


def test_a_domain_belongs_to_one_source():
    SourceDomain.objects.create(source=SourceFactory(), domain="zdnet.fr")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceDomain.objects.create(source=SourceFactory(), domain="zdnet.fr")
