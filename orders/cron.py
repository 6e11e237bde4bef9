"""RQ cron config: `rq cron orders/cron.py --url $REDIS_URL` runs the sweep.

The worker (`rq worker mzt`) then executes it inside an app context.
"""
from rq import cron

from core.jobs import run_in_app

SWEEP_EVERY_SECONDS = 300

cron.register(run_in_app, queue_name="mzt", args=("orders.tasks.sweep",),
              interval=SWEEP_EVERY_SECONDS, name="orders-sweep")
