"""`flask nlu predict` and `flask nlu eval` (see shared/spec/nlu-contract.md)."""
from flask import Blueprint

bp = Blueprint("nlu", __name__, cli_group="nlu")
