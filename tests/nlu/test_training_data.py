"""Training data rules Rasa's validator does not check."""

import json
import re
from collections import defaultdict
from pathlib import Path

import yaml

from assistant.settings import PROJECT_ROOT

TRAINING = sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
ANNOTATED = re.compile(r"\[([^\]]*)\]\{([^}]*)\}")
MARKED = re.compile(r"\[([^\]]*)\]\(([a-z_]+)\)")
# The values the header of data/nlu/entities.yml promises; municipalities by official name.
RELATIONS = {"forælder", "ægtefælle", "søskende", "barn", "anden"}
DISEASES = {"kol", "diabetes", "hjerte", "kræft", "demens", "smerter", "psykisk"}
MUNICIPALITIES = PROJECT_ROOT / "knowledge" / "municipalities.yaml"
# "mors" (mother's) is also Mors, the island of Morsø. Rasa's synonym mapper ignores case and
# entity type, so one value serves both; the municipality needs it, and the actions only ask
# whether a relation was named at all (actions/answer.py).
SHARED_FORMS = {("relation", "mors")}


def _items(path: Path) -> list[dict[str, object]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []))


def test_every_written_form_has_one_canonical_value() -> None:
    """Rasa's synonym mapper ignores case, so "Mors" (the island) and "mors" (mother's) collide.

    With a conflict, the last definition wins silently: "vi bor på Mors" would set the
    municipality to "forælder".
    """
    values: dict[str, set[str]] = defaultdict(set)
    for path in TRAINING:
        for item in _items(path):
            if "synonym" in item:
                for line in str(item["examples"]).splitlines():
                    if line.strip().startswith("- "):
                        values[line.strip()[2:].lower()].add(str(item["synonym"]))
            for text, annotation in ANNOTATED.findall(str(item.get("examples", ""))):
                value = json.loads("{" + annotation + "}").get("value")
                if value and value.lower() != text.lower():
                    values[text.lower()].add(value)
    conflicts = {form: owners for form, owners in values.items() if len(owners) > 1}
    assert not conflicts, conflicts


def test_every_marked_word_ends_as_a_known_value() -> None:
    """`[svigermor](relation)` must reach the assistant as "forælder", not as "svigermor".

    Examples mark only the entity; the value comes from a synonym block (entity_values.yml,
    entities.yml). A new word without one would slip through as typed.
    """
    synonyms: dict[str, str] = {}
    for path in TRAINING:
        for item in _items(path):
            if "synonym" in item:
                for line in str(item["examples"]).splitlines():
                    if line.strip().startswith("- "):
                        synonyms[line.strip()[2:].lower()] = str(item["synonym"])
    registry = yaml.safe_load(MUNICIPALITIES.read_text(encoding="utf-8"))["municipalities"]
    known = {
        "relation": RELATIONS,
        "disease": DISEASES,
        "municipality": {str(entry["name"]) for entry in registry},
    }
    unknown = set()
    for path in TRAINING:
        for item in _items(path):
            examples = str(item.get("examples", ""))
            marked = MARKED.findall(examples) + [
                (text, json.loads("{" + annotation + "}")["entity"])
                for text, annotation in ANNOTATED.findall(examples)
            ]
            for text, entity in marked:
                value = synonyms.get(text.lower(), text)
                if value not in known[entity] and (entity, text.lower()) not in SHARED_FORMS:
                    unknown.add((path.name, entity, text, value))
    assert not unknown, sorted(unknown)
