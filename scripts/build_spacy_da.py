"""Build the Danish spaCy pipeline Rasa's SpacyNLP loads: blank Danish + lookup lemmatizer.

No trained Danish spaCy model is on PyPI, so we save `spacy.blank("da")` with the lemma tables of
`spacy-lookups-data` to disk once; it runs in the Rasa venv (spaCy 3.4) with no network.
"""

import sys
from pathlib import Path

import spacy


def main(target: Path) -> None:
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    print(
        f"Danish spaCy pipeline written to {target}:",
        [token.lemma_ for token in nlp("ventetiden plejehjemmet")],
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
