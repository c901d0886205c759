"""Weeks as the schedule names them: a week starts on Monday and is called by its ISO
number, e.g. ``tuan-49-2026`` for the week of Monday 30 November 2026."""

import datetime

from django.utils import timezone


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def this_monday(today=None):
    return monday_of(today or timezone.localdate())


def week_slug(monday):
    year, week, _weekday = monday.isocalendar()
    return f"tuan-{week}-{year}"


def monday_of_week(year, week):
    """The Monday of ISO week ``week`` of ``year``; ValueError for a week that is not."""
    return datetime.date.fromisocalendar(year, week, 1)


def days_of(monday):
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]
