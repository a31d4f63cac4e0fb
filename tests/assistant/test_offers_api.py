"""The read API lets a municipal web page list and search the offers."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from assistant.public_app import create_public_app
from assistant.settings import PROJECT_ROOT, Settings
from knowledge.service import Knowledge


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'kb.db'}"
    Knowledge.from_url(url).load_directory(PROJECT_ROOT / "knowledge" / "data")
    with TestClient(create_public_app(Settings(environment="test", database_url=url))) as c:
        yield c


def test_search_ranks_the_care_home_guarantee_first(client: TestClient) -> None:
    body = client.get(
        "/api/offers", params={"q": "garanti plejebolig", "municipality": "gentofte"}
    ).json()
    first = body["items"][0]
    assert first["municipality"] == "gentofte"
    assert "2 måneder" in first["summary"] + (first["waiting"] or "")
    assert first["citation"].endswith("(2022)")
    assert first["sources"][0]["seed"].startswith("001_")


def test_list_is_paginated_and_filtered(client: TestClient) -> None:
    page1 = client.get("/api/offers", params={"category": "care_home", "page_size": 3}).json()
    page2 = client.get(
        "/api/offers", params={"category": "care_home", "page_size": 3, "page": 2}
    ).json()
    assert page1["total"] == page2["total"] > 3
    assert len(page1["items"]) == 3
    assert {i["id"] for i in page1["items"]}.isdisjoint(i["id"] for i in page2["items"])
    assert all(i["category"] == "care_home" for i in page1["items"] + page2["items"])


def test_one_offer_by_id_and_404(client: TestClient) -> None:
    listed = client.get("/api/offers", params={"category": "emergency"}).json()["items"][0]
    assert client.get(f"/api/offers/{listed['id']}").json()["title"] == listed["title"]
    missing = client.get("/api/offers/findes-ikke")
    assert missing.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"category": "plejehjem"},
        {"page_size": 1000},
        {"municipality": "DROP TABLE"},
        {"q": "x" * 500},
    ],
)
def test_bad_parameters_are_422_with_a_clear_message(client: TestClient, params: dict) -> None:
    response = client.get("/api/offers", params=params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Forespørgslen er ugyldig")


def test_openapi_documents_the_read_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/offers" in paths
    assert "/api/offers/{offer_id}" in paths
    params = {p["name"] for p in paths["/api/offers"]["get"]["parameters"]}
    assert {"q", "municipality", "category", "page", "page_size"} <= params
