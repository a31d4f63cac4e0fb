"""What citizens read is plain Danish (klart sprog)."""

from statistics import mean

from assistant.settings import PROJECT_ROOT
from knowledge.loader import knowledge_files, read_records
from knowledge.readability import lix


def test_lix_of_known_texts() -> None:
    assert lix("Du kan få hjælp. Ring til kommunen.") < 25
    bureaucratic = (
        "Borgere, som konkret vurderes at have potentiale for at blive selvhjulpne, "
        "skal forud for visitation til hjemmepleje deltage i en rehabiliterende indsats."
    )
    assert lix(bureaucratic) > 50


def test_summaries_read_easily() -> None:
    records = read_records(knowledge_files(PROJECT_ROOT / "knowledge" / "data"))
    scores = {r.id: lix(r.summary) for r in records}
    assert mean(scores.values()) < 40
    hard = {rid: round(score) for rid, score in scores.items() if score > 55}
    assert not hard, f"summaries too hard to read: {hard}"
