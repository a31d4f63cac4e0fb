"""Training data rules Rasa's validator does not check."""

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import yaml

from assistant.settings import PROJECT_ROOT
from knowledge.municipalities import registry

TRAINING = sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
ANNOTATED = re.compile(r"\[([^\]]*)\]\{([^}]*)\}")
MARKED = re.compile(r"\[([^\]]*)\]\((municipality|relation|disease)\)")
# The values the header of data/nlu/entities.yml promises; municipalities by official name.
RELATIONS = {"forælder", "ægtefælle", "søskende", "barn", "anden"}
DISEASES = {"kol", "diabetes", "hjerte", "kræft", "demens", "smerter", "psykisk"}
# "mors" (mother's) is also Mors, the island of Morsø. Rasa's synonym mapper ignores case and
# entity type, so one value serves both; the municipality needs it, and the actions only ask
# whether a relation was named at all (actions/answer.py).
SHARED_FORMS = {("relation", "mors")}


def _items() -> Iterator[tuple[Path, dict[str, object]]]:
    for path in TRAINING:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            yield path, item


def _synonym_forms(item: dict[str, object]) -> list[str]:
    """The lower-cased forms a `synonym:` block maps to its value (none for other blocks)."""
    if "synonym" not in item:
        return []
    lines = (line.strip() for line in str(item["examples"]).splitlines())
    return [line[2:].lower() for line in lines if line.startswith("- ")]


def test_every_written_form_has_one_canonical_value() -> None:
    """Rasa's synonym mapper ignores case, so "Mors" (the island) and "mors" (mother's) collide.

    With a conflict, the last definition wins silently: "vi bor på Mors" would set the
    municipality to "forælder".
    """
    values: dict[str, set[str]] = defaultdict(set)
    for _, item in _items():
        for form in _synonym_forms(item):
            values[form].add(str(item["synonym"]))
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
    items = list(_items())
    synonyms = {form: str(item["synonym"]) for _, item in items for form in _synonym_forms(item)}
    known = {
        "relation": RELATIONS,
        "disease": DISEASES,
        "municipality": {municipality.name for municipality in registry().municipalities},
    }
    unknown = set()
    for path, item in items:
        examples = str(item.get("examples", ""))
        # (text, entity, the value written beside it); the long form may carry its own value.
        marked = [(text, entity, text) for text, entity in MARKED.findall(examples)]
        for text, annotation in ANNOTATED.findall(examples):
            written = json.loads("{" + annotation + "}")
            marked.append((text, written["entity"], str(written.get("value", text))))
        for text, entity, written_value in marked:
            value = synonyms.get(written_value.lower(), written_value)
            if entity not in known or (entity, text.lower()) in SHARED_FORMS:
                continue
            if value not in known[entity]:
                unknown.add((path.name, entity, text, value))
    assert not unknown, sorted(unknown)


# A mark glued to a word ("[kol](disease)-træning", "for[mor](relation)") or followed by "kbh."
# style abbreviation dots does not end on a token boundary: Rasa then drops the annotation with
# a "Misaligned entity annotation" warning that scrolls past in the training log.
GLUED_MARK = re.compile(
    r"[\w-]\[[^\]]*\]\((?:municipality|relation|disease)\)"
    r"|\[[^\]]*\]\((?:municipality|relation|disease)\)(?:[\w-]|\.\w)"
)
ABBREVIATION_MARK = re.compile(r"\[(?:kbh|kbhvn|cph)\]\((?:municipality)\)\.", re.IGNORECASE)


def test_every_mark_sits_on_word_boundaries() -> None:
    """Every marked entity starts and ends where the tokenizer splits words."""
    glued = [
        (path.name, line.strip())
        for path in TRAINING
        for line in path.read_text(encoding="utf-8").splitlines()
        if GLUED_MARK.search(line) or ABBREVIATION_MARK.search(line)
    ]
    assert not glued, glued
