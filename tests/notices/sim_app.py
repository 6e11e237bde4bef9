"""The production app for the simulated-time test, with its periodic timers shortened.

Nothing is registered here: every periodic job comes from the packages'
init_app, as in production; only `every` is cut to SIM_PERIODIC_EVERY seconds
so that simulated days pass in seconds of real time.
"""
import os

from core import create_app
from core.periodic import periodic_jobs, register_periodic

app = create_app({"RQ_QUEUE": os.environ.get("SIM_RQ_QUEUE", "mzt")})
for _entry in periodic_jobs(app):
    register_periodic(app, _entry.dotted, every=int(os.environ.get("SIM_PERIODIC_EVERY", "2")))
