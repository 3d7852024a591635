"""An item's page lists its jobs, skills and places by name; documentalists add a job or a
place (by code or by name) and remove any tag there, the search follows at once and
re-tagging keeps their edits. Advisors read them only."""

import pytest

from tests.tags.test_itemtags import WELDERS, write_jsonl
from tests.webui.support import csrf_token, html, params, signed_in
from veille.store import audit

ITEM = f"/items/{WELDERS['id']}"


@pytest.fixture
def welders(tagging_instance, veille, tmp_path) -> str:
    """WELDERS imported and tagged: Soudeur / Soudeuse (H2913), Metz and what it lies in."""
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS)))
    return WELDERS["id"]


@pytest.fixture
def documentalist(tagged_app, tagging_instance):
    return signed_in(tagged_app, tagging_instance, "documentalist")


@pytest.fixture
def advisor(tagged_advisor):
    return tagged_advisor


def tags_section(client):
    response = client.get(ITEM)
    assert response.status_code == 200
    return html(response).find("section", id="tags")


def shown(section) -> list[str]:
    """Each tag as the section reads, its remove button and a place's link to its
    territory aside."""
    for button in section.select("button.remove-tag, a.to-territory"):
        button.decompose()
    return [" ".join(dd.get_text(" ", strip=True).split()) for dd in section.find_all("dd")]


def edit(client, **fields):
    token = csrf_token(client.get(ITEM).get_data(as_text=True))
    return client.post(f"{ITEM}/tags", data={"csrf_token": token, **fields})


def found(client, **filters) -> list[str]:
    return [hit["id"] for hit in client.get("/api/search", query_string=filters).json["results"]]


def test_everyone_signed_in_reads_the_jobs_and_places_by_name(advisor, welders):
    section = tags_section(advisor)
    assert section.h2.get_text() == "Métiers, compétences et lieux"
    job = section.find("a", string="H2913 · Soudeur / Soudeuse")
    assert job["href"] == "/metiers/H2913"
    moselle = section.find("a", string="Moselle")
    assert params(moselle["href"]) == {"lieu": ["departement:57"]}
    assert {"Metz (57)", "Metz Métropole", "Grand Est"} <= set(shown(section))
    assert "H29 · Mécanique, travail des métaux et outillage" in shown(section)
    # Advisors read the tags; they neither remove nor add any.
    assert not section.find("form") and "ajouté à la main" not in section.get_text()


def test_advisors_may_not_edit_tags(advisor, welders, documentalist):
    token = csrf_token(documentalist.get(ITEM).get_data(as_text=True))
    response = advisor.post(f"{ITEM}/tags", data={"csrf_token": token, "kind": "rome",
                                                  "value": "N1101"})
    assert response.status_code == 403


def test_a_job_added_by_code_is_marked_by_hand_and_found_at_once(documentalist, welders,
                                                                 tagging_instance):
    assert found(documentalist, rome="N1101") == []
    response = edit(documentalist, kind="rome", value="n1101")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{ITEM}#tags"
    page = documentalist.get(ITEM).get_data(as_text=True)
    assert "Ajouté : N1101 · Cariste." in page
    assert "N1101 · Cariste ajouté à la main" in shown(tags_section(documentalist))
    assert "H2913 · Soudeur / Soudeuse" in shown(tags_section(documentalist))  # the taggers'
    assert found(documentalist, rome="N1101") == [welders]
    assert found(documentalist, domaine="N11") == [welders]  # the job brings its domaine
    with tagging_instance.engine.connect() as conn:
        entry = audit.latest(conn, 1)[0]
    assert (entry.actor, entry.action, entry.target) == (
        "documentalist@maison.test", "tag", f"item:{welders}")


@pytest.mark.parametrize("kind, value, label, key", [
    ("rome", "cariste", "N1101 · Cariste", None),  # words naming one job
    ("lieu", "Bas-Rhin", "Bas-Rhin", "departement:67"),  # a name
    ("lieu", "51454", "Reims (51)", "commune:51454"),  # an INSEE code
    ("lieu", "67", "Bas-Rhin", "departement:67"),  # a bare code: the département first
    ("lieu", "Region:11", "Île-de-France", "region:11"),  # a key
])
def test_a_job_or_a_place_is_added_by_its_code_or_its_name(documentalist, welders, kind,
                                                           value, label, key):
    assert edit(documentalist, kind=kind, value=value).status_code == 302
    assert f"Ajouté : {label}." in documentalist.get(ITEM).get_data(as_text=True)
    assert f"{label} ajouté à la main" in shown(tags_section(documentalist))
    if key:
        assert found(documentalist, lieu=key) == [welders]


@pytest.mark.parametrize("kind, value, message", [
    ("lieu", "Sainte-Marie", "Plusieurs lieux s'appellent « Sainte-Marie » : "
                             "Sainte-Marie (08) [commune:08390], "),
    ("rome", "soudeur et cariste", "« soudeur et cariste » nomme plusieurs métiers : "
                                   "Soudeur / Soudeuse (H2913), Cariste (N1101)."),
    ("lieu", "Atlantide", "Aucun lieu ne correspond à « Atlantide »"),
    ("lieu", "departement:99", "Aucun lieu ne correspond à « departement:99 »"),
    ("rome", "Z9999", "Aucun métier du ROME ne correspond à « Z9999 »."),
    ("rome", "   ", "Indiquez un code ou un nom."),
])
def test_a_value_meaning_no_tag_or_several_is_refused_on_the_page(documentalist, welders,
                                                                  tagging_instance, kind,
                                                                  value, message):
    before = shown(tags_section(documentalist))
    with tagging_instance.engine.connect() as conn:
        logged = audit.latest(conn, 5)
    response = edit(documentalist, kind=kind, value=value)
    assert response.status_code == 400
    section = html(response).find("section", id="tags")
    assert message in section.find(role="alert").get_text()
    assert section.find("input", id="tag-value")["value"] == value  # to correct it
    assert shown(tags_section(documentalist)) == before
    with tagging_instance.engine.connect() as conn:
        assert audit.latest(conn, 5) == logged


def test_a_removed_tag_leaves_the_page_and_the_search_and_stays_removed(documentalist,
                                                                        welders, veille):
    assert found(documentalist, lieu="departement:57") == [welders]
    response = edit(documentalist, remove="place:departement:57")
    assert response.status_code == 302
    assert "Étiquette retirée." in documentalist.get(ITEM).get_data(as_text=True)
    assert "Moselle" not in shown(tags_section(documentalist))
    assert found(documentalist, lieu="departement:57") == []
    assert edit(documentalist, remove="rome:H2913").status_code == 302
    assert found(documentalist, rome="H2913") == []
    veille("index", "retag")  # the taggers find them again in the text: the removals hold
    assert "Moselle" not in shown(tags_section(documentalist))
    assert found(documentalist, lieu="departement:57") == found(documentalist, rome="H2913") == []
    assert found(documentalist, lieu="commune:57463") == [welders]


def test_a_tag_added_by_hand_is_removed_like_the_others(documentalist, welders):
    edit(documentalist, kind="rome", value="N1101")
    assert edit(documentalist, remove="rome:N1101").status_code == 302
    assert not any(tag.startswith("N1101") for tag in shown(tags_section(documentalist)))
    assert found(documentalist, rome="N1101") == []
    assert edit(documentalist, remove="rome:N1101").status_code == 302
    assert "Rien n'a changé" in html(documentalist.get(ITEM)).get_text()


def test_documentalists_are_told_edits_survive_re_tagging_and_every_control_is_labelled(
        documentalist, welders):
    section = tags_section(documentalist)
    assert "Une étiquette retirée le reste" in section.get_text()
    assert [button["value"] for button in section.select("button.remove-tag")][:1] == [
        "rome:H2913"]
    assert all(button.get_text(strip=True).startswith("Retirer")
               for button in section.select("button.remove-tag"))
    page = html(documentalist.get(ITEM))
    controls = page.select("main input:not([type=hidden]), main textarea, main select")
    assert {"tag-kind", "tag-value"} <= {control["id"] for control in controls}
    for control in controls:
        assert page.find("label", attrs={"for": control["id"]}), control


def test_publication_proposes_the_sectors_and_departements_of_the_tags(documentalist, welders):
    form = html(documentalist.get(ITEM)).find("form", action=f"{ITEM}/publish")
    assert [box["value"] for box in form.select("input[name=sectors][checked]")] == ["H"]
    assert form.find("input", attrs={"name": "places"})["value"] == "Moselle"
