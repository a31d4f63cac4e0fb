"""Out-of-domain Danish (xSID, held out, never trained on) is not answered as a health question."""

import json

import httpx
import pytest

from tests.rasa_tools import XSID_HINT, XSID_TEST, read_conll_texts
from tests.system import OUTPUT, RunningSystem

pytestmark = pytest.mark.rasa
NOT_ANSWERED = {"out_of_scope", "nlu_fallback"}


def test_xsid_danish_ends_in_out_of_scope_or_fallback(system: RunningSystem) -> None:
    source = XSID_TEST / "da.test.conll"
    assert source.exists(), f"xSID test set missing at {source}: {XSID_HINT}"
    texts = read_conll_texts(source)
    assert len(texts) == 500
    wrong: list[tuple[str, str]] = []
    with httpx.Client(
        base_url=system.rasa, params={"token": system.rasa_token}, timeout=30
    ) as client:
        for text in texts:
            intent = client.post("/model/parse", json={"text": text}).json()["intent"]["name"]
            if intent not in NOT_ANSWERED:
                wrong.append((text, intent))
    share = 1 - len(wrong) / len(texts)
    (OUTPUT / "xsid.json").write_text(
        json.dumps({"share": share, "wrong": wrong}, ensure_ascii=False, indent=1)
    )
    assert share >= 0.95, f"{share:.3f} handled as out of domain; e.g. {wrong[:10]}"
