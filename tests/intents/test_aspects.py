"""The learned aspect reading: item names masked, trained from data, weighed with the cues."""
from intents import aspects
from intents.aspects import AspectModel
from intents.model import Model, training_examples
from intents.understand import Understander
from knowledge.snapshot import from_files


def test_item_names_are_masked_so_one_frame_serves_every_item(understander):
    mask = understander.aspect_text
    assert mask("高龄津贴要交钱吗") == mask("孤儿生活费要交钱吗") == aspects.ITEM + "要交钱吗"
    # A name and its synonym's expansion side by side are one mention.
    assert mask("低保户要交钱吗").count(aspects.ITEM) == 1


def test_the_phrasings_file_covers_every_aspect():
    frames = aspects.phrasings()
    assert {aspect for _, aspect in frames} == {
        "overview", "process", "conditions", "materials", "time_limit", "location", "fee",
        "standard", "legal_basis", "contact"}
    assert all(text.strip() for text, _ in frames)


def test_trained_reading_survives_the_artefact_and_reads_unlisted_wording(understander):
    snapshot = from_files()
    model = Model.train(training_examples(snapshot, []), prepare=understander.aspect_text)
    assert model.aspects is not None
    loaded = Model.from_bytes(model.to_bytes())
    assert loaded is not None and loaded.aspects is not None
    text = understander.aspect_text("收养登记要跑几趟")
    before, after = model.aspects.posterior(text), loaded.aspects.posterior(text)
    assert max(after, key=after.get) == max(before, key=before.get) == "process"
    assert abs(sum(after.values()) - 1.0) < 1e-9


def test_a_tiny_reading_learns_its_examples():
    examples = [(aspects.ITEM + "要交钱吗", "fee"), (aspects.ITEM + "收费不", "fee"),
                (aspects.ITEM + "去哪办", "location"), (aspects.ITEM + "在哪里办", "location")]
    model = AspectModel.train(examples)
    assert max(model.posterior(aspects.ITEM + "交钱吗").items(), key=lambda kv: kv[1])[0] == "fee"
    copy = AspectModel.from_dict(model.as_dict())
    assert copy.classes == model.classes


def test_without_a_cue_the_reading_decides_rather_than_overview(understander):
    reader = Understander(from_files())
    reader.model = Model.train(training_examples(from_files(), []), prepare=reader.aspect_text)
    # No rule cue fires: the rules alone default to overview, the reading does not.
    assert understander.understand("收养登记要来回跑吗").aspect == "overview"
    assert reader.understand("收养登记要来回跑吗").aspect == "process"
    # A present cue still decides where the reading has no strong view of its own.
    assert reader.understand("结婚登记要交钱吗").aspect == "fee"
    assert reader.understand("什么是临时救助").aspect == "overview"


def test_an_artefact_without_the_reading_keeps_the_rules_aspect(understander):
    reader = Understander(from_files())
    model = Model.train(training_examples(from_files(), []))
    assert model.aspects is None
    reader.model = model
    assert reader.understand("收养登记要来回跑吗").aspect == "overview"
    assert reader.understand("低保要带什么材料").aspect == "materials"
