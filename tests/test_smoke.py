from core.extensions import db
from knowledge.models import Guide


def test_seed_is_idempotent(seeded, runner):
    first = db.session.scalar(db.select(db.func.count()).select_from(Guide))
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Guide)) == first
