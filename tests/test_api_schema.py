"""The API's OpenAPI schema: generated from the code without a warning, valid
OpenAPI 3, and the same as docs/openapi.yaml, so that a change to the API is
a visible diff (`make api-schema` writes the file again)."""

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from articles.api import params
from articles.api.views import VIEWSETS

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "openapi.yaml"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    # --validate checks it against OpenAPI 3's own JSON schema.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return path.read_text()


def test_the_committed_schema_is_the_generated_one(generated):
    assert generated == COMMITTED.read_text(), "The API changed: run `make api-schema`."


def test_every_operation_documents_every_answer(generated):
    schema = yaml.safe_load(generated)
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) == 3 * len(VIEWSETS)
    for operation in operations:
        assert set(operation["responses"]) == {"200", "304", "400", "404", "429"}
        assert "Retry-After" in operation["responses"]["429"]["headers"]


def test_the_deal_list_describes_exactly_the_deal_filters(generated):
    schema = yaml.safe_load(generated)
    described = {p["name"] for p in schema["paths"]["/api/v1/deals/"]["get"]["parameters"]}
    filters = set(VIEWSETS[0][1].filterset_class.base_filters)
    paging = {p.name for p in [params.UPDATED_SINCE, params.TOTAL, *params.PAGING]}
    assert described == filters | paging | {"If-None-Match", "If-Modified-Since"}
    status = next(
        p for p in schema["paths"]["/api/v1/deals/"]["get"]["parameters"] if p["name"] == "status"
    )
    assert status["schema"]["items"]["enum"] == [
        "rumoured", "in_talks", "announced", "pending_approval", "completed", "abandoned",
        "blocked",
    ]  # fmt: skip


def test_the_schema_is_served(client, db):
    response = client.get("/api/v1/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_the_documentation_page_uses_the_sites_own_files(client, db):
    html = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "<style" not in html and "<script>" not in html
