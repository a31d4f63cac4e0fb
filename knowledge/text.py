"""Danish text normalisation shared by indexing and querying.

Citizens type inflected forms ("ventetiden"), skip æ/ø/å ("plejehjemmet", "saarpleje"), split or
join compounds ("pleje bolig", "plejeboligventeliste") and make typos. Every word is reduced to a
folded term: spaCy's Danish lookup lemma (the same tables Rasa's SpacyNLP uses), then the
Snowball Danish stem, lower case, with æ/ø/å written as ae/oe/aa.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
import spacy
from spacy.lang.da.stop_words import STOP_WORDS

_WORD = re.compile(r"[0-9a-zæøåéü]+(?:-[0-9a-zæøåéü]+)*", re.IGNORECASE)
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "-": ""})
# Question words and fillers that say nothing about the topic, on top of spaCy's list.
_EXTRA_STOP = {
    "hvordan",
    "hvad",
    "hvor",
    "hvem",
    "hvornår",
    "hvorfor",
    "kan",
    "jeg",
    "man",
    "vi",
    "får",
    "få",
    "gøre",
    "gør",
    "skal",
    "vil",
    "gerne",
    "hej",
    "tak",
    "please",
    "mig",
    "min",
    "mit",
    "mine",
    "noget",
    "nogen",
    "der",
    "er",
    "det",
    "en",
    "et",
    "om",
    "til",
    "på",
    "med",
    "og",
    "kommune",
    "kommunen",
    "info",
    "information",
    "vide",
    "spørge",
    "spørgsmål",
    "lang",
    "tid",
    "mere",
    "have",
    "har",
}
_SUFFIXES = ("erne", "ene", "ens", "ets", "en", "et", "ne", "er", "es", "e", "s", "r", "n")


def fold(word: str) -> str:
    """Lower-case `word` and write æ/ø/å as ae/oe/aa, so both spellings meet."""
    return word.lower().translate(_FOLD)


STOP = frozenset(fold(word) for word in STOP_WORDS | _EXTRA_STOP)


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    return lemmatizer.lookups.get_table("lemma_lookup")


def lemma(word: str) -> str:
    """The folded lookup lemma of one word (`Plejehjemmet` -> `plejehjem`)."""
    lower = word.lower()
    return fold(_lemma_table().get(lower, lower))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    return snowballstemmer.stemmer("danish")


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """The index term of a word: lookup lemma, Snowball stem, folded.

    The lemma table knows irregular forms (`plejehjemmet`); the stemmer covers words it lacks
    (`sygeplejeklinikker`) and æ/ø/å-less spellings (`genoptraeningsplanen`).
    """
    lower = word.lower()
    return fold(_stemmer().stemWord(_lemma_table().get(lower, lower)))


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, hyphenated words kept together."""
    return [match.group(0).lower() for match in _WORD.finditer(text)]


def is_stop(word: str) -> bool:
    """True for words that carry no topic (question words, pronouns, fillers)."""
    return fold(word) in STOP


def strip_suffix(folded: str, vocabulary: set[str] | frozenset[str]) -> str | None:
    """Remove a Danish inflection ending when what remains is a known word.

    Args:
        folded: A folded word.
        vocabulary: Known folded lemmas.

    Returns:
        The known stem, or None.
    """
    for suffix in _SUFFIXES:
        stem = folded.removesuffix(suffix)
        if stem == folded or len(stem) < 3:
            continue
        if stem in vocabulary:
            return stem
        # Danish doubles a final consonant before an ending: klinik -> klinikken.
        if stem[-1] == stem[-2] and stem[:-1] in vocabulary:
            return stem[:-1]
    return None


def split_compound(
    folded: str, vocabulary: set[str] | frozenset[str], min_part: int = 3
) -> list[str] | None:
    """Split a compound into known words, allowing Danish linking -s- and -e-.

    `plejeboligventeliste` -> `[plejebolig, venteliste]`; the fewest parts win.

    Args:
        folded: A folded word.
        vocabulary: Known folded lemmas.
        min_part: Shortest part allowed.

    Returns:
        The parts, or None when no split into known words exists.
    """

    @cache
    def best(start: int) -> tuple[str, ...] | None:
        if start == len(folded):
            return ()
        found: tuple[str, ...] | None = None
        for end in range(len(folded), start + min_part - 1, -1):
            part = folded[start:end]
            known = part if part in vocabulary else strip_suffix(part, vocabulary)
            if known is None:
                continue
            for link in ("", "s", "e"):
                if link and not folded.startswith(link, end):
                    continue
                rest = best(end + len(link))
                if rest is not None and (found is None or len(rest) + 1 < len(found)):
                    found = (known, *rest)
        return found

    parts = best(0)
    return list(parts) if parts and len(parts) > 1 else None
