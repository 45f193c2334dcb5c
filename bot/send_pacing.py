"""Pacing of sends under Slack's message rate limits: at most one message per second to a channel
(Slack's rule for chat.postMessage) and a configured number per second in the whole workspace,
counted over any sliding window of one second, from any number of threads."""

import threading
import time
from collections import deque
from collections.abc import Callable

WINDOW = 1.1
"""One second, with a margin for the jitter between leaving here and reaching Slack."""


class SendPacer:
    """Blocks each send until it fits under both caps, then counts it."""

    def __init__(
        self,
        per_second: int,
        per_channel: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_second < 1 or per_channel < 1:
            raise ValueError("rates are at least one message per second")
        self.per_second = per_second
        self.per_channel = per_channel
        self._clock, self.sleep = clock, sleep
        self._lock = threading.Lock()
        self._sent: deque[float] = deque(maxlen=per_second)
        self._by_channel: dict[str, deque[float]] = {}

    def wait_turn(self, channel: str) -> None:
        """Return when a message to `channel` may go out; it is counted as sent from then."""
        while True:
            with self._lock:
                now = self._clock()
                recent = self._by_channel.get(channel) or deque(maxlen=self.per_channel)
                free_at = max(_free_at(self._sent, now), _free_at(recent, now))
                if free_at <= now:
                    self._sent.append(now)
                    self._by_channel[channel] = recent
                    recent.append(now)
                    self._forget_channels_before(now - WINDOW)
                    return
            self.sleep(free_at - now)

    def _forget_channels_before(self, moment: float) -> None:
        if len(self._by_channel) > 4 * self.per_second:
            self._by_channel = {
                channel: times for channel, times in self._by_channel.items() if times[-1] > moment
            }


def _free_at(recent: deque[float], now: float) -> float:
    """When one more send fits in a window that already holds `recent` (a full deque: as many
    sends as the cap allows)."""
    return recent[0] + WINDOW if len(recent) == recent.maxlen else now
