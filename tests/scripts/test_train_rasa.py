"""scripts/train_rasa.py trains as `rasa train` does, only where the training cache is unused."""

import json
from pathlib import Path

import pytest

from tests.rasa_tools import rasa, rasa_python, rasa_train_forced, train_script

pytestmark = pytest.mark.rasa


@pytest.mark.parametrize(
    ("arguments", "cache_size"),
    [(["train", "--force"], "100"), (["train"], "0")],
    ids=["cache-in-use", "not-forced"],
)
def test_it_refuses_where_rasa_would_read_its_training_cache(
    arguments: list[str], cache_size: str
) -> None:
    """Without fingerprints a cached step could be reused for changed data: it must not run."""
    # --dry-run: should the guard ever break, Rasa only reports instead of training a model.
    completed = train_script(*arguments, "--dry-run", cache_size=cache_size, timeout=120)
    assert completed.returncode != 0
    assert "--force and RASA_MAX_CACHE_SIZE=0" in completed.stderr
    assert "Your Rasa model is trained" not in completed.stdout


# Three classifiers that need none of each other's output, and a dialogue policy: the thread pool
# runs them side by side, except the two TensorFlow models (DIET and TED), one at a time. The
# sentence encoder embeds the training texts ahead of its turn.
CONFIG = """
recipe: default.v1
language: da
assistant_id: threads-test
pipeline:
  - name: WhitespaceTokenizer
  - name: rasa_components.sentence_count_vectors.SentenceCountVectorsFeaturizer
  - name: rasa_components.sentence_embedding_featurizer.SentenceEmbeddingFeaturizer
  - name: rasa_components.sentence_level_diet.SentenceLevelDIETClassifier
    epochs: 5
    number_of_transformer_layers: 0
    entity_recognition: false
    random_seed: 1
    ranking_length: 0
  - name: rasa_components.intent_ensemble.KeepIntentRanking
  - name: rasa_components.tfidf_logistic_regression.TfidfLogisticRegressionClassifier
  - name: rasa_components.intent_ensemble.AverageIntentRankings
  - name: CRFEntityExtractor
policies:
  - name: TEDPolicy
    epochs: 40
    random_seed: 1
"""

NLU = """
version: "3.1"
nlu:
- intent: ask_waiting_time
  examples: |
    - hvor lang er ventetiden på en plejebolig i [Gentofte](municipality)
    - hvor længe skal man vente på genoptræning
    - er der lang ventetid i [Vejle](municipality)
    - hvornår kan min far starte på træning
- intent: ask_cost
  examples: |
    - hvad koster hjemmehjælp i [Gentofte](municipality)
    - er det gratis
    - skal vi selv betale for plejehjemmet
    - hvad er prisen i [Vejle](municipality)
"""

DOMAIN = """
version: "3.1"
intents: [ask_waiting_time, ask_cost]
entities: [municipality]
responses:
  utter_waiting: [{text: "Ventetid"}]
  utter_cost: [{text: "Pris"}]
"""

STORIES = """
version: "3.1"
stories:
- story: waiting
  steps: [{intent: ask_waiting_time}, {action: utter_waiting}]
- story: cost
  steps: [{intent: ask_cost}, {action: utter_cost}]
- story: cost then waiting
  steps: [{intent: ask_cost}, {action: utter_cost}, {intent: ask_waiting_time},
          {action: utter_waiting}]
"""

PARSE = """
import asyncio, json, sys
from rasa.core.agent import Agent

async def main() -> None:
    texts = json.loads(sys.stdin.read())
    out = []
    for model in sys.argv[1:]:
        agent = Agent.load(model)
        answers = [await agent.parse_message(text) for text in texts]
        for text in texts:  # one conversation: what TED chose, and how sure it was
            await agent.handle_text(text, sender_id="test")
        tracker = await agent.tracker_store.retrieve("test")
        actions = [[e.action_name, e.policy, e.confidence] for e in tracker.events
                   if e.type_name == "action" and e.action_name != "action_listen"]
        out.append([[[a["intent_ranking"], a["entities"]] for a in answers], actions])
    print(json.dumps(out))

asyncio.run(main())
"""


def test_steps_trained_side_by_side_give_the_model_rasa_trains_one_step_at_a_time(
    tmp_path: Path,
) -> None:
    """The thread pool and the early embedding change when steps run, not the model's answers."""
    (tmp_path / "config.yml").write_text(CONFIG)
    (tmp_path / "nlu.yml").write_text(NLU)
    (tmp_path / "domain.yml").write_text(DOMAIN)
    (tmp_path / "stories.yml").write_text(STORIES)
    common = ["--config", str(tmp_path / "config.yml"), "--out", str(tmp_path)]
    common += ["--data", str(tmp_path / "nlu.yml"), str(tmp_path / "stories.yml")]
    common += ["--domain", str(tmp_path / "domain.yml")]
    threaded = rasa_train_forced(*common, "--fixed-model-name", "threads", "--debug")
    assert threaded.returncode == 0, threaded.stderr[-3000:]
    log = threaded.stdout + threaded.stderr
    assert "Embedding 8 training texts ahead of their turn" in log
    assert "Took the embeddings of 8 texts computed ahead" in log
    sequential = rasa("train", "--force", *common, "--fixed-model-name", "sequential")
    assert sequential.returncode == 0, sequential.stderr[-3000:]
    texts = ["hvad koster en plejebolig i Vejle", "hvor længe venter man i Gentofte"]
    parsed = rasa_python(
        PARSE,
        json.dumps(texts),
        str(tmp_path / "threads.tar.gz"),
        str(tmp_path / "sequential.tar.gz"),
    )
    assert parsed.returncode == 0, parsed.stderr[-3000:]
    by_threads, one_by_one = json.loads(parsed.stdout.strip().splitlines()[-1])
    assert by_threads == one_by_one
    (cost_ranking, cost_entities), _ = by_threads[0]
    assert cost_ranking[0]["name"] == "ask_cost"
    assert {entity["value"] for entity in cost_entities} == {"Vejle"}
    # The conversation: the bot's two answers, each chosen by the dialogue policy.
    answers = [(name, policy) for name, policy, _ in by_threads[1] if name.startswith("utter_")]
    assert answers == [("utter_cost", "TEDPolicy"), ("utter_waiting", "TEDPolicy")]
