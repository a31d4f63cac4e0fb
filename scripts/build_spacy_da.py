"""Build the Danish spaCy pipeline Rasa's SpacyNLP loads: blank Danish + lookup lemmatizer.

No trained Danish spaCy model is on PyPI, so we save `spacy.blank("da")` with the lemma tables of
`spacy-lookups-data` to disk once; it runs in the Rasa venv (spaCy 3.4) with no network.

Citizens often type without æ/ø/å ("paaroerende", "hjlp") or with one letter wrong
("hjemmehjlp", "plejhjem"). Rasa's featurizers read the lemma of each token, so we teach the
lookup table those spellings: every form of a word the assistant knows (the training data and
the knowledge base's synonyms) also gets its æ/ø/å-less spellings and its one-typo spellings,
all pointing at the right lemma. A spelling that is a real Danish word form, or that two
different lemmas would claim, is left alone. Nothing changes at run time: it is a bigger table.
"""

import gzip
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAINING_DATA = ROOT / "data" / "nlu"
SYNONYMS = ROOT / "knowledge" / "synonyms.yaml"

# How people write æ/ø/å without them: the two-letter forms, a near vowel, or nothing.
FOLDS = {"æ": ("ae", "a", "e", ""), "ø": ("oe", "o", ""), "å": ("aa", "a", "")}
# Words with more special letters than this only get the uniform ae/oe/aa and a/o/a spellings.
MAX_COMBINED_FOLDS = 3
# Typos are generated only for words this long: shorter ones collide with real words.
MIN_TYPO_LENGTH = 6
# Rasa's annotation syntax: [text]{"entity": ...} or [text](entity).
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")
WORD = re.compile(r"[a-zæøåéü]+")


def uniform_fold(word: str) -> str:
    """The spelling with ae/oe/aa for æ/ø/å, the commonest way to write without them."""
    return "".join(FOLDS[c][0] if c in FOLDS else c for c in word)


def fold_variants(word: str) -> set[str]:
    """Spellings of `word` without æ/ø/å, e.g. "hjælp" -> {"hjaelp", "hjalp", "hjelp", "hjlp"}."""
    positions = [i for i, char in enumerate(word) if char in FOLDS]
    if not positions:
        return set()
    variants = {uniform_fold(word), "".join(FOLDS[c][1] if c in FOLDS else c for c in word)}
    if len(positions) <= MAX_COMBINED_FOLDS:
        choices = [FOLDS.get(c, (c,)) for c in word]
        variants.update("".join(parts) for parts in itertools.product(*choices))
    variants.discard(word)
    return variants


def typo_variants(word: str) -> set[str]:
    """One-typo spellings: a letter left out, two neighbours swapped, or a letter doubled."""
    if len(word) < MIN_TYPO_LENGTH:
        return set()
    variants: set[str] = set()
    for i in range(len(word)):
        variants.add(word[:i] + word[i + 1 :])
        variants.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word) and word[i] != word[i + 1]:
            variants.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    variants.discard(word)
    return variants


def training_words() -> Iterator[str]:
    """Lower-case word forms of the training examples and of the knowledge base's synonyms."""
    import yaml

    for path in sorted(TRAINING_DATA.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(item.get("examples", "")).splitlines():
                text = ANNOTATION.sub(r"\1", line.strip().removeprefix("- "))
                yield from WORD.findall(text.lower())
    for group in yaml.safe_load(SYNONYMS.read_text(encoding="utf-8"))["groups"]:
        for phrase in group:
            yield from WORD.findall(str(phrase).lower())


def spelling_entries(
    table: dict[str, str], known_words: Iterable[str]
) -> tuple[dict[str, str], int]:
    """Map misspellings of the known words (and of their inflected forms) to their lemma.

    Args:
        table: the lookup lemmatizer's table, form -> lemma.
        known_words: word forms the assistant is trained on.

    Returns:
        The new entries, and how many spellings were dropped because two lemmas claimed them.
    """
    typed = set(known_words)
    lemmas = {table.get(word, word) for word in typed}
    real = {form: lemma for form, lemma in table.items() if lemma in lemmas and form.islower()}
    # Two tiers: an æ/ø/å-less spelling is surer than a typo, so it wins a clash with one.
    folds: dict[str, set[str]] = {}
    typos: dict[str, set[str]] = {}

    def claim(form: str, lemma: str) -> None:
        for variant in fold_variants(form):
            folds.setdefault(variant, set()).add(lemma)
        if form in typed:
            for variant in typo_variants(form) | typo_variants(uniform_fold(form)):
                typos.setdefault(variant, set()).add(lemma)

    for form, lemma in real.items():
        claim(form, lemma)
    # A typed word the dictionary lacks is either a misspelling of a real word ("paaroerende"),
    # which the claims above already cover, or a word of its own ("akutteam"), whose
    # misspellings point at itself.
    claimed = folds.keys() | typos.keys()
    own_words = {word for word in typed if word not in table and word not in claimed}
    for word in own_words:
        claim(word, word)
    claims = typos | folds
    entries = {
        variant: next(iter(owners))
        for variant, owners in claims.items()
        if len(owners) == 1 and variant not in table and variant not in own_words
    }
    return entries, sum(1 for owners in claims.values() if len(owners) > 1)


def danish_lemma_table() -> dict[str, str]:
    """The Danish lookup table of spacy-lookups-data as strings (spaCy keeps only key hashes)."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "da_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as file:
        table: dict[str, str] = json.load(file)
    return table


def main(target: Path) -> None:
    """Build the pipeline and save it to `target`."""
    import spacy

    nlp = spacy.blank("da")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    table = lemmatizer.lookups.get_table("lemma_lookup")
    entries, ambiguous = spelling_entries(danish_lemma_table(), training_words())
    for variant, lemma in entries.items():
        table[variant] = lemma
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    print(
        f"Danish spaCy pipeline written to {target}: {len(entries)} misspellings added "
        f"({ambiguous} ambiguous left out);",
        [token.lemma_ for token in nlp("ventetiden plejehjemmet paaroerende hjemmehjlp")],
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
