"""`flask worker` and `flask scheduler`: the processes beside the web workers.

The worker runs queued jobs (customer-service sends, replays, sweeps) with
the app context pushed once. It has a stable name (one per supervisor unit),
so when it starts again after being killed it knows that any job still
marked as running under its name died with it, and requeues that job at once
rather than after RQ's abandoned-job timeout (minutes).
"""
from __future__ import annotations

import logging
import time

import click
from flask import Flask, current_app

from core import jobs
from core.periodic import periodic_jobs

log = logging.getLogger(__name__)


def _redis():
    client = current_app.extensions.get("mzt.redis")
    if client is None:
        raise click.ClickException("需要设置 REDIS_URL 才能运行后台任务进程。")
    return client


def recover(queue, name: str) -> list[str]:
    """Requeue jobs a previous worker of this name left running when it died."""
    from rq.job import Job, JobStatus
    from rq.worker import Worker

    connection = queue.connection
    stale = Worker.find_by_key(Worker.redis_worker_namespace_prefix + name,
                               connection=connection)
    if stale is not None:
        stale.register_death()
    registry, requeued = queue.started_job_registry, []
    for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
        job = Job.fetch(job_id, connection=connection) if Job.exists(job_id, connection) else None
        if job is None or job.worker_name != name or job.get_status() != JobStatus.STARTED:
            continue
        connection.zrem(registry.key, f"{job_id}:{execution_id}")
        queue.enqueue_job(job, at_front=True)
        requeued.append(job.id)
    if requeued:
        log.warning("worker %s: requeued %d job(s) it was running when it died", name,
                    len(requeued))
    return requeued


@click.command("worker")
@click.option("--name", default="mzt-worker-1", show_default=True,
              help="Stable name; run one process per name.")
@click.option("--burst", is_flag=True, help="Run queued jobs, then exit.")
@click.option("--simple", is_flag=True, help="Run jobs in this process instead of a forked child.")
def worker_command(name: str, burst: bool, simple: bool) -> None:
    """Run queued jobs; with the scheduler for delayed jobs (enqueue_in)."""
    from rq import SimpleWorker, Worker

    # Work-horses are forked per job: no message-log flusher thread in each;
    # the periodic job flushes here.
    current_app.config["MESSAGE_LOG_FLUSH_SECONDS"] = 0
    queue = jobs.queue(_redis())
    recover(queue, name)
    cls = SimpleWorker if simple else Worker
    cls([queue], connection=queue.connection, name=name).work(
        burst=burst, with_scheduler=True, logging_level=current_app.config.get("LOG_LEVEL", "INFO"))


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Enqueue every periodic job once, then exit.")
@click.option("--max-seconds", type=float, default=None, help="Stop after this long.")
def scheduler_command(once: bool, max_seconds: float | None) -> None:
    """Enqueue the registered periodic jobs on their timers (run exactly one)."""
    app = current_app._get_current_object()
    entries = periodic_jobs(app)
    if once:
        for entry in entries:
            jobs.enqueue(entry.dotted)
        jobs_done = ", ".join(e.dotted for e in entries) or "无"
        click.echo(f"已加入队列：{jobs_done}")
        return
    from rq.cron import CronScheduler

    cron = CronScheduler(connection=_redis(), name="mzt-scheduler")
    for entry in entries:
        cron.register(jobs.run_in_app, current_app.config.get("RQ_QUEUE", jobs.QUEUE), args=(entry.dotted,),
                      interval=entry.every, name=entry.dotted)
    if max_seconds is None:
        cron.start()
        return
    deadline = time.monotonic() + max_seconds
    while time.monotonic() < deadline:
        cron.enqueue_jobs()
        time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
    app.cli.add_command(scheduler_command)
