"""Work schedules for the demo: the department and two units, from last week to next
week around the day the demo is loaded, with one entry moved and one cancelled."""

import datetime

from schedule.models import EntryStatus, ScheduleEntry, ScheduleIndexPage, Session, WeekSchedulePage
from schedule.weeks import this_monday, week_slug

# (weekday 0-6, session, time, what, led by, attending, place)
WEEK = {
    None: [
        (
            0,
            Session.MORNING,
            "08:00",
            "Giao ban Ban Giám đốc Sở",
            "Giám đốc Sở",
            "Các Phó Giám đốc; Chánh Văn phòng",
            "Phòng họp tầng 2",
        ),
        (
            1,
            Session.AFTERNOON,
            "14:00",
            "Làm việc với Đoàn kiểm tra công tác gia đình",
            "Phó Giám đốc Sở Bùi Thị Ngọc",
            "Phòng Quản lý Văn hóa",
            "Hội trường Sở",
        ),
        (
            3,
            Session.MORNING,
            "08:30",
            "Dự Hội nghị trực tuyến của Bộ về du lịch",
            "Giám đốc Sở",
            "Phòng Quản lý Du lịch; Trung tâm Xúc tiến Du lịch",
            "Điểm cầu Ủy ban nhân dân tỉnh",
        ),
        (
            4,
            Session.ALL_DAY,
            None,
            "Kiểm tra di tích trên địa bàn huyện Kim Bảng",
            "Phó Giám đốc Sở Bùi Thị Ngọc",
            "Bảo tàng tỉnh",
            "Huyện Kim Bảng",
        ),
    ],
    "TTXTDL": [
        (
            0,
            Session.MORNING,
            "07:30",
            "Giao ban Trung tâm",
            "Giám đốc Nguyễn Đức Nguyên",
            "Trưởng, phó các phòng",
            "Phòng họp Trung tâm",
        ),
        (
            2,
            Session.AFTERNOON,
            "14:00",
            "Họp chuẩn bị gian hàng hội chợ du lịch",
            "Giám đốc Nguyễn Đức Nguyên",
            "Phòng Xúc tiến và Thông tin",
            "Phòng họp Trung tâm",
        ),
        (
            4,
            Session.MORNING,
            "09:00",
            "Đón đoàn khảo sát tuyến du lịch Tam Chúc",
            "Trưởng phòng Cao Văn Đạt",
            "Cán bộ quầy thông tin",
            "Khu du lịch Tam Chúc",
        ),
    ],
    "TVT": [
        (
            1,
            Session.MORNING,
            "08:00",
            "Khai mạc tuần lễ sách thiếu nhi",
            "Giám đốc Trần Thị Mai Anh",
            "Phòng Phục vụ bạn đọc",
            "Sảnh Thư viện tỉnh",
        ),
        (
            3,
            Session.AFTERNOON,
            "14:30",
            "Tập huấn nghiệp vụ cho thư viện cấp xã",
            "Phó Giám đốc Phạm Quốc Hưng",
            "Phòng Nghiệp vụ",
            "Phòng đọc đa phương tiện",
        ),
    ],
}


def _entries(monday, rows, changed):
    entries = []
    for number, (weekday, session, time, what, lead, attending, place) in enumerate(rows):
        entry = ScheduleEntry(
            day=monday + datetime.timedelta(days=weekday),
            session=session,
            start_time=datetime.time.fromisoformat(time) if time else None,
            title=what,
            lead=lead,
            attendees=attending,
            place=place,
        )
        if changed and number == 1:
            entry.status, entry.status_note = EntryStatus.MOVED, "Chuyển sang sáng thứ Sáu"
        if changed and number == len(rows) - 1:
            entry.status, entry.status_note = EntryStatus.CANCELLED, "Hoãn do thời tiết"
        entries.append(entry)
    return entries


def ensure_schedules(home, units, report, ensure_child):
    monday = this_monday()
    for short_name, rows in WEEK.items():
        owner = units[short_name] if short_name else home
        schedule = ensure_child(owner, ScheduleIndexPage, report, title="Lịch công tác")
        for offset in (-1, 0, 1):
            start = monday + datetime.timedelta(days=7 * offset)
            if WeekSchedulePage.objects.child_of(schedule).filter(week_start=start).exists():
                continue
            page = WeekSchedulePage(
                title=str(WeekSchedulePage.title_for(start)),
                slug=week_slug(start),
                week_start=start,
                entries=_entries(start, rows, changed=offset == 0),
            )
            schedule.add_child(instance=page)
            page.save_revision().publish()
            report.add(WeekSchedulePage._meta.verbose_name, page.title)
