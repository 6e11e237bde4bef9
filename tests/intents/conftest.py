import pytest

from intents.understand import Understander
from knowledge.snapshot import from_files


@pytest.fixture(scope="session")
def understander():
    """The understander over the repository's knowledge files (no database)."""
    return Understander(from_files())
