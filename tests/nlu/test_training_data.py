"""Training data rules Rasa's validator does not check."""

import json
import re
from collections import defaultdict
from pathlib import Path

import yaml

from assistant.settings import PROJECT_ROOT

TRAINING = sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
ANNOTATED = re.compile(r"\[([^\]]*)\]\{([^}]*)\}")


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
