"""When is something late: one answer for every deadline of the product.

A deadline is an instant kept to the second ("23:59:59 ngày 24/03/2023" in Asia/Ho_Chi_Minh). Whatever
arrives within that last second is on time; from the next second (00:00:00 of the next day) it is late.
The rule engine, report and escalation services and the follow-up counts all ask these functions.
"""

from __future__ import annotations

import datetime as dt

ONE_SECOND = dt.timedelta(seconds=1)


def on_time_before(due_at: dt.datetime) -> dt.datetime:
    """The first instant that is late: everything strictly before it is on time (for database filters)."""
    return due_at.replace(microsecond=0) + ONE_SECOND


def is_late(due_at: dt.datetime, at: dt.datetime) -> bool:
    return at >= on_time_before(due_at)


def days_late(due_at: dt.datetime, at: dt.datetime) -> int:
    """Days late, every day begun counting as one: a second late is one day, 24 h and 1 s two. 0 when on time."""
    if not is_late(due_at, at):
        return 0
    late = at - due_at
    return late.days + (1 if late.seconds or late.microseconds else 0)
