"""The production app for the simulated-time test, with its periodic timers shortened.

Nothing is registered here: every periodic job comes from the packages'
init_app, as in production; only `every` is cut so that simulated days pass
in seconds of real time. The sweep runs every SIM_SWEEP_EVERY seconds; the
others less often, so that on a loaded 2-core machine the forked jobs do
not queue up faster than one worker runs them.
"""
import os

from core import create_app
from core.periodic import periodic_jobs, register_periodic

app = create_app({"RQ_QUEUE": os.environ.get("SIM_RQ_QUEUE", "mzt")})
FAST = {"orders.tasks.sweep": int(os.environ.get("SIM_SWEEP_EVERY", "3")),
        "notifications.tasks.retry_failed": 10}
for _entry in periodic_jobs(app):
    register_periodic(app, _entry.dotted, every=FAST.get(_entry.dotted, 30))
