"""APScheduler wiring: one short interval tick that delivers what the outbox holds."""

from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient

from bot.delivery import OutboxDelivery
from handlers.services import utc_now

TICK_SECONDS = 60


def build_ticker(
    delivery: OutboxDelivery, client: WebClient, seconds: int = TICK_SECONDS
) -> BackgroundScheduler:
    """The background tick, not yet started; it holds no domain state, the database does."""
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        lambda: delivery.deliver_due(client, utc_now()),
        "interval",
        seconds=seconds,
        id="outbox-tick",
        max_instances=1,
        coalesce=True,
        next_run_time=utc_now(),
    )
    return scheduler
