"""The send pacer: never more than the caps in any sliding window, whatever the callers do."""

import threading

import pytest

from bot.send_pacing import WINDOW, SendPacer


class Clock:
    """Virtual seconds that advance only when the pacer sleeps (shared by all threads)."""

    def __init__(self) -> None:
        self.now = 0.0
        self._lock = threading.Lock()

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def most_in_a_window(times: list[float]) -> int:
    times = sorted(times)
    return max(sum(1 for t in times if start <= t < start + WINDOW) for start in times)


def test_the_workspace_cap_holds_in_every_window() -> None:
    clock = Clock()
    pacer = SendPacer(5, clock=clock.time, sleep=clock.sleep)
    admitted = []
    for n in range(23):
        pacer.wait_turn(f"C{n}")
        admitted.append(clock.now)

    assert most_in_a_window(admitted) == 5
    assert admitted[-1] == pytest.approx(4 * WINDOW)  # no slower than the cap needs


def test_one_channel_gets_one_message_per_window() -> None:
    clock = Clock()
    pacer = SendPacer(100, clock=clock.time, sleep=clock.sleep)
    admitted = {"G1": [], "G2": []}
    for _ in range(3):
        for channel in admitted:
            pacer.wait_turn(channel)
            admitted[channel].append(clock.now)

    assert all(most_in_a_window(times) == 1 for times in admitted.values())
    assert admitted["G2"][0] == 0.0  # another channel does not wait for the first


def test_rates_below_one_are_refused() -> None:
    with pytest.raises(ValueError):
        SendPacer(0)
