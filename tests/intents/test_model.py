"""The learned reading: trained from data, stored, and optional."""
from intents.model import Model, artefact_path, training_examples
from intents.understand import Understander
from knowledge.snapshot import from_files


def test_model_trained_on_faq_and_guides_reads_unlisted_wording(tmp_path):
    snapshot = from_files()
    model = Model.train(training_examples(snapshot, []))
    path = artefact_path("t1", tmp_path)
    model.save(path)
    loaded = Model.load(path)
    assert loaded is not None
    intent, p_intent, _ = loaded.predict("高龄津贴每个月发多少")["intent"]
    assert intent == "guide" and 0.0 < p_intent <= 1.0
    assert loaded.predict("高龄津贴每个月发多少")["service"][0] == "MZ07"


def test_a_missing_or_broken_artefact_means_rules_only(tmp_path):
    assert Model.load(tmp_path / "absent.json.gz") is None
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip")
    assert Model.load(broken) is None


def test_understanding_works_without_the_model():
    understander = Understander(from_files())
    understander.model = None
    assert understander.understand("低保要什么材料").service == "MZ01"
    assert understander.understand("明天天气怎么样").intent == "out_of_scope"
