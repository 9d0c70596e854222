"""A hybrid logical clock: stamps that follow the wall clock, never go back, and order a
change after every change it could have seen, however wrong a computer's clock is.

A stamp is `<ms since 1970, 15 digits>.<counter, 9 digits>.<device>`: as strings they sort
in time order, and the device makes two stamps from different devices differ.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def parse(stamp: str) -> tuple[int, int]:
    """The (milliseconds, counter) of a stamp; ValueError if it is not one."""
    ms, counter, _device = stamp.split(".", 2)
    if not (ms.isdigit() and counter.isdigit() and len(ms) == 15 and len(counter) == 9):
        raise ValueError(f"not a clock stamp: {stamp[:40]!r}")
    return int(ms), int(counter)


def is_stamp(stamp: object) -> bool:
    if not isinstance(stamp, str) or len(stamp) > 80:
        return False
    try:
        parse(stamp)
    except ValueError:
        return False
    return True


class HybridClock:
    def __init__(
        self, device: str, last: str | None = None, wall: Callable[[], float] = time.time
    ) -> None:
        self.device = device
        self.wall = wall
        self.ms, self.counter = parse(last) if last else (0, 0)

    def _now_ms(self) -> int:
        return int(self.wall() * 1000)

    def stamp(self) -> str:
        return f"{self.ms:015d}.{self.counter:09d}.{self.device}"

    def tick(self, at_ms: int = 0) -> str:
        """A new stamp for a change made here, now or at `at_ms` (ms since 1970) when it
        was made since the last stamp this clock gave or saw."""
        now = at_ms or self._now_ms()
        if now > self.ms:
            self.ms, self.counter = now, 0
        else:
            self.counter += 1
        return self.stamp()

    def seen(self, stamp: str) -> None:
        """Move past a stamp read from another device."""
        ms, counter = parse(stamp)
        if (ms, counter) > (self.ms, self.counter):
            self.ms, self.counter = ms, counter
