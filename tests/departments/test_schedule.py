"""The leaders' weekly work schedule (schedule/): written by the unit, approved like
news, one week at a time in public with its neighbours, a feed, and entries that once
public are marked moved or cancelled rather than removed."""

import datetime
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from compliance.report import BEHIND, MISSING, OK, unit_reports
from schedule.models import EntryStatus, ScheduleEntry, ScheduleIndexPage, WeekSchedulePage
from schedule.weeks import this_monday, week_slug

from .workflow_helpers import act

pytestmark = pytest.mark.django_db

MONDAY = this_monday()


def entry(day_offset=0, title="Giao ban", **fields):
    return {
        "day": (MONDAY + datetime.timedelta(days=day_offset)).isoformat(),
        "session": "sang",
        "start_time": "08:00",
        "title": title,
        "lead": "Giám đốc",
        "attendees": "",
        "place": "Phòng họp",
        "status": "planned",
        "status_note": "",
        **fields,
    }


def week_form(entries, week_start=MONDAY + datetime.timedelta(days=2), **extra):
    return nested_form_data(
        {
            "week_start": week_start.isoformat(),
            "note": "",
            "entries": inline_formset(entries),
            **extra,
        }
    )


@pytest.fixture
def schedule(portal):
    page = ScheduleIndexPage(title="Lịch công tác")
    portal.a.page.add_child(instance=page)
    return page


def published_week(schedule, monday=MONDAY, entries=None):
    page = WeekSchedulePage(
        week_start=monday,
        entries=entries
        or [
            ScheduleEntry(day=monday, session="sang", title="Giao ban đầu tuần", lead="Giám đốc"),
            ScheduleEntry(
                day=monday + datetime.timedelta(days=1),
                session="chieu",
                title="Tiếp đoàn khảo sát",
                lead="Phó Giám đốc",
            ),
        ],
    )
    schedule.add_child(instance=page)
    page.save_revision().publish()
    return WeekSchedulePage.objects.get(pk=page.pk)


def edit_form(page, entries):
    """The week's edit form data, with ``entries`` as (existing entry or None, fields)."""
    rows = []
    for existing, fields in entries:
        row = entry(**fields)
        if existing is not None:
            row["id"] = existing.pk
        rows.append(row)
    data = week_form(rows, week_start=page.week_start)
    data["entries-INITIAL_FORMS"] = str(sum(1 for existing, _f in entries if existing))
    return data


def test_an_editor__writes_a_week_it_waits_for_approval_then_shows_as_this_week(
    client, portal, schedule
):
    client.force_login(portal.a.editor)
    data = week_form([entry(0, "Giao ban tuần"), entry(3, "Dự hội nghị", session="chieu")])
    data["action-submit"] = "submit"
    response = client.post(f"/admin/pages/add/schedule/weekschedulepage/{schedule.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    week = WeekSchedulePage.objects.child_of(schedule).get()
    assert week.week_start == MONDAY  # any day of the week names its Monday
    assert week.slug == week_slug(MONDAY)
    assert str(MONDAY.isocalendar()[1]) in week.title
    assert not week.live
    html = client.get(schedule.url).content.decode()
    assert "Giao ban tuần" not in html

    client.force_login(portal.a.approver)
    assert act(client, week, "approve").status_code == 302
    client.logout()
    soup = BeautifulSoup(client.get(schedule.url).content, "html.parser")
    rows = soup.select("table.schedule-table tbody tr")
    assert [row.select_one("td[data-label] + td").get_text(strip=True) for row in rows] == [
        "Giao ban tuần",
        "Dự hội nghị",
    ]
    nav = soup.select_one("nav.schedule__weeks")
    assert nav.select_one("a[rel~=prev]")["href"].endswith(
        f"{week_slug(MONDAY - datetime.timedelta(days=7))}/"
    )
    assert nav.select_one("a[rel~=next]")["href"].endswith(
        f"{week_slug(MONDAY + datetime.timedelta(days=7))}/"
    )


def test_other_weeks__have_their_address_empty_ones_say_so_and_are_not_indexed(
    client, portal, schedule
):
    published_week(schedule, MONDAY - datetime.timedelta(days=7))
    last_week = client.get(f"{schedule.url}{week_slug(MONDAY - datetime.timedelta(days=7))}/")
    assert "Giao ban đầu tuần" in last_week.content.decode()
    soup = BeautifulSoup(last_week.content, "html.parser")
    assert soup.select_one(f"nav.schedule__weeks a[href='{schedule.url}']")  # this week

    empty = client.get(f"{schedule.url}{week_slug(MONDAY + datetime.timedelta(days=70))}/")
    assert empty.status_code == 200
    soup = BeautifulSoup(empty.content, "html.parser")
    assert soup.select_one(".schedule__empty")
    assert soup.select_one("meta[name=robots]")["content"] == "noindex"
    assert "nofollow" in soup.select_one("a[rel~=next]")["rel"]
    assert client.get(f"{schedule.url}tuan-60-2026/").status_code == 404


def test_a_draft_week__shows_as_an_empty_week_in_public(client, portal, schedule):
    week = WeekSchedulePage(
        week_start=MONDAY + datetime.timedelta(days=7),
        entries=[ScheduleEntry(day=MONDAY, session="sang", title="Bí mật nháp", lead="A")],
        live=False,
    )
    schedule.add_child(instance=week)
    response = client.get(f"{schedule.url}{week.slug}/")
    assert response.status_code == 200
    assert "Bí mật nháp" not in response.content.decode()


def test_a_public_entry__cannot_be_removed_only_cancelled(client, portal, schedule):
    week = published_week(schedule)
    first, second = week.entries.all()
    client.force_login(portal.a.editor)
    response = client.post(
        f"/admin/pages/{week.pk}/edit/",
        edit_form(week, [(first, {"title": first.title})]),
    )
    assert response.status_code == 200
    assert "không thể xóa" in response.content.decode().lower() or "cannot be removed" in (
        response.content.decode()
    )
    assert WeekSchedulePage.objects.get(pk=week.pk).get_latest_revision() == week.live_revision

    data = edit_form(
        week,
        [
            (first, {"title": first.title, "start_time": ""}),
            (
                second,
                {
                    "day_offset": 1,
                    "title": second.title,
                    "session": "chieu",
                    "start_time": "",
                    "lead": second.lead,
                    "status": "cancelled",
                    "status_note": "Đoàn hoãn chuyến khảo sát",
                },
            ),
        ],
    )
    data["action-submit"] = "submit"
    response = client.post(f"/admin/pages/{week.pk}/edit/", data)
    assert response.status_code == 302
    client.force_login(portal.a.approver)
    act(client, week, "approve")
    client.logout()
    soup = BeautifulSoup(client.get(schedule.url).content, "html.parser")
    cancelled = soup.select_one("tr.schedule-entry--cancelled")
    assert cancelled.select_one("del").get_text() == "Tiếp đoàn khảo sát"
    assert "Đoàn hoãn chuyến khảo sát" in cancelled.get_text()


def test_a_public_entry__moved_without_saying_so_is_refused(client, portal, schedule):
    week = published_week(schedule)
    first, second = week.entries.all()
    client.force_login(portal.a.editor)
    moved = {
        "day_offset": 3,
        "title": second.title,
        "session": "chieu",
        "start_time": "",
        "lead": second.lead,
    }
    response = client.post(
        f"/admin/pages/{week.pk}/edit/",
        edit_form(week, [(first, {"title": first.title, "start_time": ""}), (second, moved)]),
    )
    assert response.status_code == 200
    assert WeekSchedulePage.objects.get(pk=week.pk).get_latest_revision() == week.live_revision

    moved |= {"status": "moved", "status_note": "Chuyển sang chiều thứ Năm"}
    response = client.post(
        f"/admin/pages/{week.pk}/edit/",
        edit_form(week, [(first, {"title": first.title, "start_time": ""}), (second, moved)]),
    )
    assert response.status_code == 302
    draft = WeekSchedulePage.objects.get(pk=week.pk).get_latest_revision().as_object()
    assert [item.status for item in draft.entries.all()] == [
        EntryStatus.PLANNED,
        EntryStatus.MOVED,
    ]
    assert WeekSchedulePage.objects.get(pk=week.pk).live_revision == week.live_revision


def test_a_week__refuses_days_outside_it_and_a_second_schedule_for_it(client, portal, schedule):
    published_week(schedule)
    client.force_login(portal.a.editor)
    url = f"/admin/pages/add/schedule/weekschedulepage/{schedule.pk}/"
    response = client.post(url, week_form([entry(0)]))
    assert response.status_code == 200
    assert WeekSchedulePage.objects.child_of(schedule).count() == 1
    response = client.post(
        url, week_form([entry(0)], week_start=MONDAY + datetime.timedelta(days=7))
    )
    assert response.status_code == 200
    assert WeekSchedulePage.objects.child_of(schedule).count() == 1


def test_another_units_editor__cannot_write_in_this_schedule(client, portal, schedule):
    client.force_login(portal.b.editor)
    response = client.post(
        f"/admin/pages/add/schedule/weekschedulepage/{schedule.pk}/", week_form([entry(0)])
    )
    assert response.status_code in (302, 403)
    assert not WeekSchedulePage.objects.child_of(schedule).exists()


def test_the_feed__lists_published_weeks_with_their_changes(client, portal, schedule):
    week = published_week(schedule)
    first, second = week.entries.all()
    second.status, second.status_note = EntryStatus.MOVED, "Sang thứ Sáu"
    week.entries = [first, second]
    week.save_revision().publish()
    response = client.get(f"{schedule.url}rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [week.title]
    description = items[0].findtext("description")
    assert "Giao ban đầu tuần" in description and "Sang thứ Sáu" in description


@pytest.mark.parametrize(
    ("weekday", "next_week", "state"),
    [(0, False, OK), (4, False, BEHIND), (4, True, OK)],
)
def test_compliance__warns_when_next_weeks_schedule_is_late(
    portal, schedule, weekday, next_week, state
):
    published_week(schedule)
    if next_week:
        published_week(schedule, MONDAY + datetime.timedelta(days=7))
    today = MONDAY + datetime.timedelta(days=weekday)
    (report,) = unit_reports([portal.a.page], today=today)
    check = next(check for check in report.checks if check.key == "schedule")
    assert check.state == state
    if state != OK:
        assert check.fix_url.endswith(f"/weekschedulepage/{schedule.pk}/")


def test_compliance__a_unit_without_a_schedule_or_this_week(portal, schedule):
    (report_a, report_b) = unit_reports([portal.a.page, portal.b.page], today=MONDAY)
    assert {check.key: check.state for check in report_a.checks}["schedule"] == MISSING
    b = next(check for check in report_b.checks if check.key == "schedule")
    assert b.state == MISSING and "scheduleindexpage" in b.fix_url


def test_weeks_at_the_ends_of_the_calendar__not_found_not_an_error(client, portal, schedule):
    for week in ("tuan-52-9999", "tuan-1-1", "tuan-1-1999"):
        assert client.get(f"{schedule.url}{week}/").status_code == 404


def test_a_draft_week_of_an_unpublished_schedule__not_found(client, portal, schedule):
    week = WeekSchedulePage(week_start=MONDAY, live=False)
    schedule.add_child(instance=week)
    ScheduleIndexPage.objects.get(pk=schedule.pk).unpublish()
    assert client.get(f"/{portal.a.page.slug}/{schedule.slug}/{week.slug}/").status_code == 404
