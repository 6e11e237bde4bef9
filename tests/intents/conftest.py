import pytest

from intents.understand import Understander
from knowledge.snapshot import from_files


@pytest.fixture(scope="session")
def understander():
    """The rules over the repository's knowledge files (no database, no learned model:
    an artefact a developer trained into instance/ must not change what the suite sees)."""
    understander = Understander(from_files())
    understander.model = None
    return understander


@pytest.fixture(scope="session")
def calibrated():
    """Rules beside a model calibrated on held-out folds of the shipped development sets,
    and the training report (intents.training)."""
    from pathlib import Path

    from intents import training

    root = Path(__file__).resolve().parents[2]
    # Only the sets shipped in the repository (the bureau's dev set as its shipped copy):
    # `../shared` is beside some checkouts and not others, and the model must be the same.
    shipped = [p for p in training.default_labelled(root) if root in p.parents]
    copy = root / "tests" / "data" / "shared-dev.jsonl"
    shipped = [copy] + [p for p in shipped if p != copy]
    rows, _ = training.read_labelled(shipped)
    snapshot = from_files()
    understander = Understander(snapshot)
    model, report = training.train(snapshot, understander, rows)
    understander.model = model
    return understander, report
