"""The workspaces' bot tokens, as slack_sdk's SQLAlchemy installation store keeps them."""

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import select


def newest_bot_token(store: SQLAlchemyInstallationStore, team_id: str) -> str | None:
    """The workspace's latest bot token, whether or not it belongs to an Enterprise Grid
    (slack_sdk's `find_bot` needs the grid's ID, which the tick does not know)."""
    bots = store.bots
    newest = (
        select(bots.c.bot_token)
        .where(bots.c.client_id == store.client_id, bots.c.team_id == team_id)
        .order_by(bots.c.installed_at.desc(), bots.c.id.desc())
        .limit(1)
    )
    with store.engine.connect() as connection:
        token = connection.execute(newest).scalar()
    return str(token) if token else None
