"""Realistic news at scale, for benchmarks: written straight into the page tree.

Creating 100,000 pages one ``add_child`` at a time takes hours. These are the same rows
Wagtail would write for a live page (tree path, depth, URL path, content type, locale, the
news fields, topics, the search index), inserted in batches. Pages get no revision; the
first edit in the admin creates one, as for any page imported into Wagtail.
"""

import datetime
import json
import random
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from psycopg2.extras import execute_values
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from departments.models import unit_pages
from departments.provisioning import create_unit
from govcms.text import vietnamese_slugify
from news.models import NewsIndexPage, NewsPage, NewsPageTag, NewsTag
from questions.models import AnswerPage, Question, QuestionIndexPage, Status
from schedule.models import ScheduleEntry, ScheduleIndexPage, WeekSchedulePage
from schedule.weeks import this_monday, week_slug

from .models import HomePage

BATCH = 2000
YEARS = 10

UNIT_KINDS = [
    ("Thư viện", "TV"),
    ("Bảo tàng", "BT"),
    ("Nhà văn hóa", "NVH"),
    ("Trung tâm Văn hóa", "TTVH"),
    ("Đoàn Ca múa nhạc", "DCM"),
    ("Nhà hát", "NH"),
    ("Ban Quản lý Di tích", "BQLDT"),
    ("Trung tâm Thể thao", "TTTT"),
    ("Trung tâm Du lịch", "TTDL"),
    ("Rạp chiếu phim", "RCP"),
]
PLACES = ["Phủ Lý", "Duy Tiên", "Kim Bảng", "Thanh Liêm", "Bình Lục", "Lý Nhân"]
ACTIONS = [
    "tổ chức",
    "khai mạc",
    "tổng kết",
    "phát động",
    "triển khai",
    "hưởng ứng",
    "ra mắt",
    "tập huấn",
    "kiểm tra",
    "tiếp nhận",
]
SUBJECTS = [
    "hội nghị thi đua khen thưởng",
    "ngày hội đọc sách",
    "giải bóng chuyền hơi",
    "trưng bày cổ vật",
    "lễ hội truyền thống",
    "chương trình nghệ thuật",
    "lớp tập huấn nghiệp vụ",
    "tuần lễ du lịch",
    "cuộc thi ảnh đẹp quê hương",
    "giải chạy việt dã",
    "hội thảo bảo tồn di sản",
    "đợt số hóa tài liệu",
    "liên hoan văn nghệ quần chúng",
    "chiến dịch tuyên truyền",
]
TOPICS = [
    "Du lịch",
    "Di sản",
    "Thể thao",
    "Văn hóa đọc",
    "Thi đua khen thưởng",
    "Lễ hội",
    "Nghệ thuật",
    "Chuyển đổi số",
    "Tập huấn",
    "Hội nghị",
    "Thiếu nhi",
    "Làng nghề",
]
SENTENCES = [
    "Sự kiện thu hút đông đảo cán bộ, hội viên và người dân trên địa bàn tham gia.",
    "Ban tổ chức đã chuẩn bị chu đáo về địa điểm, trang thiết bị và nội dung chương trình.",
    "Đại biểu đánh giá cao kết quả đạt được và đề ra nhiệm vụ cho thời gian tới.",
    "Nhiều hoạt động bên lề được tổ chức nhằm giới thiệu nét đẹp văn hóa của địa phương.",
    "Đơn vị sẽ tiếp tục phối hợp với các xã, phường để mở rộng quy mô trong năm sau.",
    "Các tập thể, cá nhân có thành tích xuất sắc đã được trao giấy khen.",
    "Chương trình góp phần nâng cao đời sống tinh thần của nhân dân.",
    "Thông tin chi tiết được đăng tải trên cổng thông tin của đơn vị.",
]

DOCUMENT_KINDS = [("KH", "Kế hoạch"), ("QĐ", "Quyết định"), ("TB", "Thông báo")]


def ensure_units(count, rng):
    """At least ``count`` units, each with its news list, creating what is missing."""
    units = list(unit_pages().order_by("path"))
    number = len(units)
    while len(units) < count:
        number += 1
        kind, short = UNIT_KINDS[number % len(UNIT_KINDS)]
        place = PLACES[number % len(PLACES)]
        units.append(
            create_unit(
                f"{kind} {place} số {number}",
                f"{short}{number:02d}",
                title=f"{kind} {place} {number}",
            )
        )
    indexes = []
    for unit in units[:count]:
        index = NewsIndexPage.objects.child_of(unit).first()
        if index is None:
            index = NewsIndexPage(title="Tin tức")
            unit.add_child(instance=index)
            index.save_revision().publish()
        indexes.append(index)
    return indexes


def share_of_articles(indexes, total):
    """A realistic spread: the first unit publishes most (15%), the rest share the remainder."""
    first = max(total * 15 // 100, 1) if len(indexes) > 1 else total
    rest = total - first
    shares = [first] + [rest // (len(indexes) - 1)] * (len(indexes) - 1)
    shares[-1] += total - sum(shares)
    return shares


def _article(rng, number, now, unit_code):
    date = now - datetime.timedelta(seconds=rng.randrange(YEARS * 365 * 24 * 3600))
    action, subject, place = rng.choice(ACTIONS), rng.choice(SUBJECTS), rng.choice(PLACES)
    title = f"{action.capitalize()} {subject} tại {place} năm {date.year}"
    paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(rng.randint(2, 4))]
    # Each article cites the unit's document it carries out, as real ones do.
    kind, name = rng.choice(DOCUMENT_KINDS)
    paragraphs.append(
        f"Hoạt động thực hiện {name} số {rng.randint(1, 400)}/{kind}-{unit_code}"
        f" ngày {date:%d/%m/%Y}."
    )
    body = [
        {
            "type": "paragraph",
            "value": f"<p>{text}</p>",
            "id": str(uuid.UUID(int=rng.getrandbits(128))),
        }
        for text in paragraphs
    ]
    return {
        "title": title,
        "slug": f"{vietnamese_slugify(title)[:200]}-{number}",
        "date": date,
        "summary": f"{title}. {rng.choice(SENTENCES)}",
        "body": json.dumps(body, ensure_ascii=False),
        "topics": rng.sample(TOPICS, 2),
    }


def _live_page_row(parent, position, title, slug, content_type, locale, published_at):
    """The tree row of a live page, the ``position``-th child of ``parent``, as Wagtail
    would write it on publication (for a bulk insert)."""
    return Page(
        title=title,
        draft_title=title,
        slug=slug,
        path=Page._get_path(parent.path, parent.depth + 1, position),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        content_type=content_type,
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        has_unpublished_changes=False,
        first_published_at=published_at,
        last_published_at=published_at,
    )


def _insert_news_rows(rows):
    """The news columns of the pages just inserted (Django cannot bulk-create a child of a
    multi-table model)."""
    columns = (
        "page_ptr_id, date, summary, body, source, author, news_index_id, department_id, listed,"
        " featured_image_id"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            execute_values(
                cursor.cursor,
                f"INSERT INTO news_newspage ({columns}) VALUES %s",
                rows,
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, NULL)",
                page_size=len(rows),
            )
        else:
            cursor.executemany(
                f"INSERT INTO news_newspage ({columns})"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, NULL)",
                rows,
            )


def seed_index(index, count, rng, tags, stdout=None):
    """Add ``count`` live articles under ``index``."""
    content_type = ContentType.objects.get_for_model(NewsPage)
    locale = Locale.objects.get(pk=index.locale_id)
    unit = index.get_parent().specific
    now = timezone.now()
    start = index.numchild
    search = get_search_backend()
    for batch_start in range(0, count, BATCH):
        size = min(BATCH, count - batch_start)
        with transaction.atomic():
            articles = [
                _article(rng, start + batch_start + i + 1, now, unit.short_name)
                for i in range(size)
            ]
            pages = [
                _live_page_row(
                    index,
                    start + batch_start + i + 1,
                    article["title"],
                    article["slug"],
                    content_type,
                    locale,
                    article["date"],
                )
                for i, article in enumerate(articles)
            ]
            Page.objects.bulk_create(pages)
            if pages[0].pk is None:  # databases that do not return keys from bulk inserts
                by_path = dict(
                    Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk")
                )
                for page in pages:
                    page.pk = page.id = by_path[page.path]
            _insert_news_rows(
                [
                    (
                        page.pk,
                        article["date"],
                        article["summary"],
                        article["body"],
                        unit.short_name,
                        "",
                        index.pk,
                        unit.pk,
                        True,
                    )
                    for page, article in zip(pages, articles, strict=True)
                ]
            )
            NewsPageTag.objects.bulk_create(
                [
                    NewsPageTag(content_object_id=page.pk, tag=tags[topic])
                    for page, article in zip(pages, articles, strict=True)
                    for topic in article["topics"]
                ]
            )
            Page.objects.filter(pk=index.pk).update(numchild=start + batch_start + size)
            indexed = NewsPage.objects.filter(pk__in=[p.pk for p in pages]).prefetch_related("tags")
            search.add_bulk(NewsPage, list(indexed))
        if stdout is not None:
            stdout.write(f"  {index.get_parent().title}: {batch_start + size}/{count}")
    index.numchild = start + count


def seed_scale(units, news, documents=0, seed=2021, stdout=None, questions=0, weeks=0):
    rng = random.Random(seed)
    indexes = ensure_units(units, rng)
    tags = {name: NewsTag.objects.get_or_create(name=name)[0] for name in TOPICS}
    for index, count in zip(indexes, share_of_articles(indexes, news), strict=True):
        seed_index(index, count, rng, tags, stdout)
    seed_documents(documents, rng, stdout)
    seed_schedules(weeks, rng, stdout)
    seed_questions(questions, rng, stdout)
    if connection.vendor == "postgresql":
        # As after any bulk load: fresh statistics for the planner, and a visibility map
        # that lets counts and deep pages read the listing index alone.
        # (VACUUM cannot run inside a transaction, as in tests: statistics alone there.)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return indexes


DOCUMENT_SUMMARIES = [
    "Kế hoạch tổ chức {subject} năm {year}",
    "Quyết định thành lập Ban tổ chức {subject} năm {year}",
    "Thông báo kết quả {subject} năm {year}",
    "Báo cáo tổng kết {subject} năm {year}",
    "Công văn về việc phối hợp tổ chức {subject}",
]
DOCUMENT_KIND_OF = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "CV": "Công văn",
}


def _document_file(unit):
    """One PDF per unit, shared by its generated documents."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from home.demo.pdf import text_pdf

    Document = get_document_model()
    title = f"Văn bản mẫu {unit.short_name}"
    document = Document.objects.filter(title=title).first()
    if document is None:
        content = text_pdf([title])
        document = Document(title=title, collection=unit.resources.collection)
        document.file.save(
            f"van-ban-mau-{unit.short_name.lower()}.pdf", ContentFile(content), save=False
        )
        document.save()
    return document


def seed_documents(count, rng, stdout=None):
    """Add ``count`` live legal documents spread over the units' document lists (created
    where missing), written in batches as the news are."""
    from legal.models import (
        DocumentField,
        DocumentType,
        IssuingBody,
        LegalDocumentFile,
        LegalDocumentIndexPage,
        LegalDocumentPage,
    )
    from legal.numbers import lookup_key

    units = list(unit_pages().order_by("path"))
    if not units or count <= 0:
        return
    indexes = []
    for unit in units:
        index = LegalDocumentIndexPage.objects.child_of(unit).first()
        if index is None:
            index = LegalDocumentIndexPage(title="Văn bản")
            unit.add_child(instance=index)
            index.save_revision().publish()
        indexes.append((unit, index))
    kinds = {
        code: DocumentType.objects.get_or_create(name=name)[0]
        for code, name in DOCUMENT_KIND_OF.items()
    }
    fields = list(DocumentField.objects.all()) or [DocumentField.objects.create(name="Văn hóa")]
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    search = get_search_backend()
    today = timezone.localdate()
    for (unit, index), share in zip(indexes, share_of_articles(indexes, count), strict=True):
        body = IssuingBody.objects.get_or_create(name=unit.title)[0]
        file = _document_file(unit)
        locale = Locale.objects.get(pk=index.locale_id)
        start = index.numchild
        for batch_start in range(0, share, BATCH):
            size = min(BATCH, share - batch_start)
            with transaction.atomic():
                documents = []
                for i in range(size):
                    number = start + batch_start + i + 1
                    code = rng.choice(list(DOCUMENT_KIND_OF))
                    issued = today - datetime.timedelta(days=rng.randrange(YEARS * 365))
                    until = issued + datetime.timedelta(days=365) if code == "KH" else None
                    summary = rng.choice(DOCUMENT_SUMMARIES).format(
                        subject=rng.choice(SUBJECTS), year=issued.year
                    )
                    symbol = f"{number}/{code}-{unit.short_name}"
                    slug = f"{vietnamese_slugify(symbol)}-{number}"
                    documents.append((symbol, code, issued, until, summary, slug))
                now = timezone.now()
                pages = [
                    _live_page_row(
                        index, start + batch_start + i + 1, summary, slug, content_type, locale, now
                    )
                    for i, (_symbol, _code, _issued, _until, summary, slug) in enumerate(documents)
                ]
                Page.objects.bulk_create(pages)
                rows = [
                    (page.pk, symbol, lookup_key(symbol), kinds[code].pk, body.pk,
                     "Giám đốc đơn vị", "Giám đốc", issued, issued, until, summary)
                    for page, (symbol, code, issued, until, summary, _slug)
                    in zip(pages, documents, strict=True)
                ]  # fmt: skip
                with connection.cursor() as cursor:
                    execute_values(
                        cursor.cursor,
                        "INSERT INTO legal_legaldocumentpage (page_ptr_id, number, number_key,"
                        " document_type_id, issuing_body_id, signer_name, signer_position,"
                        " issued_on, effective_from, effective_until, summary) VALUES %s",
                        rows,
                        page_size=len(rows),
                    )
                LegalDocumentFile.objects.bulk_create(
                    [
                        LegalDocumentFile(page_id=page.pk, document=file, sort_order=0)
                        for page in pages
                    ]
                )
                LegalDocumentPage.fields.through.objects.bulk_create(
                    [
                        LegalDocumentPage.fields.through(
                            legaldocumentpage_id=page.pk, documentfield_id=rng.choice(fields).pk
                        )
                        for page in pages
                    ]
                )
                Page.objects.filter(pk=index.pk).update(numchild=start + batch_start + size)
                search.add_bulk(
                    LegalDocumentPage,
                    list(LegalDocumentPage.objects.filter(pk__in=[p.pk for p in pages])),
                )
            if stdout is not None:
                stdout.write(f"  {unit.title}: {batch_start + size}/{share} documents")


SCHEDULE_ITEMS = [
    ("Giao ban lãnh đạo", "Phòng họp đơn vị"),
    ("Họp triển khai {subject}", "Hội trường"),
    ("Kiểm tra công tác chuẩn bị {subject}", "{place}"),
    ("Dự hội nghị trực tuyến của Bộ", "Điểm cầu tỉnh"),
    ("Làm việc với đoàn công tác về {subject}", "Phòng khách đơn vị"),
    ("Tiếp công dân định kỳ", "Phòng tiếp công dân"),
]
SESSIONS = [("sang", datetime.time(8)), ("chieu", datetime.time(14)), ("sang", None)]


def _owners():
    """The department (the home page) and every unit, Vietnamese only."""
    home = HomePage.objects.filter(depth=2, locale__language_code=settings.LANGUAGE_CODE).first()
    return [home, *unit_pages().order_by("path")] if home else []


def _child_list(owner, model, title):
    page = model.objects.child_of(owner).first()
    if page is None:
        page = model(title=title)
        owner.add_child(instance=page)
        page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def _insert(table, columns, rows):
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            execute_values(
                cursor.cursor,
                f"INSERT INTO {table} ({columns}) VALUES %s",
                rows,
                page_size=len(rows),
            )
        else:
            marks = ", ".join(["%s"] * len(rows[0]))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _bulk_pages(parent, rows, content_type):
    """Insert live child pages of ``parent``: (title, slug, published_at) each."""
    locale = Locale.objects.get(pk=parent.locale_id)
    start = parent.numchild
    pages = [
        _live_page_row(parent, start + i + 1, title, slug, content_type, locale, published)
        for i, (title, slug, published) in enumerate(rows)
    ]
    Page.objects.bulk_create(pages)
    if pages and pages[0].pk is None:  # databases that do not return keys from bulk inserts
        by_path = dict(
            Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk")
        )
        for page in pages:
            page.pk = page.id = by_path[page.path]
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(pages))
    parent.numchild = start + len(pages)
    return pages


def seed_schedules(weeks, rng, stdout=None):
    """The last ``weeks`` weeks of work schedules (and next week's) for the department and
    every unit, about eight entries a week; weeks already there are left alone."""
    content_type = ContentType.objects.get_for_model(WeekSchedulePage)
    next_monday = this_monday() + datetime.timedelta(days=7)
    for owner in _owners():
        schedule = _child_list(owner, ScheduleIndexPage, "Lịch công tác")
        existing = set(
            WeekSchedulePage.objects.child_of(schedule).values_list("week_start", flat=True)
        )
        mondays = [
            next_monday - datetime.timedelta(days=7 * number)
            for number in range(weeks, -1, -1)
            if next_monday - datetime.timedelta(days=7 * number) not in existing
        ]
        with transaction.atomic():
            now = timezone.now()
            pages = _bulk_pages(
                schedule,
                [
                    (str(WeekSchedulePage.title_for(monday)), week_slug(monday), now)
                    for monday in mondays
                ],
                content_type,
            )
            _insert(
                "schedule_weekschedulepage",
                "page_ptr_id, week_start, note",
                [(page.pk, monday, "") for page, monday in zip(pages, mondays, strict=True)],
            )
            entries = []
            for page, monday in zip(pages, mondays, strict=True):
                for order in range(rng.randint(5, 10)):
                    title, place = rng.choice(SCHEDULE_ITEMS)
                    session, start = rng.choice(SESSIONS)
                    status = rng.choices(["planned", "moved", "cancelled"], [18, 1, 1])[0]
                    entries.append(
                        ScheduleEntry(
                            page_id=page.pk,
                            sort_order=order,
                            day=monday + datetime.timedelta(days=rng.randrange(5)),
                            session=session,
                            start_time=start,
                            title=title.format(subject=rng.choice(SUBJECTS)),
                            lead="Giám đốc" if order % 2 == 0 else "Phó Giám đốc",
                            attendees="Trưởng các phòng chuyên môn",
                            place=place.format(place=rng.choice(PLACES)),
                            status=status,
                            status_note="" if status == "planned" else "Theo thông báo mới",
                        )
                    )
            ScheduleEntry.objects.bulk_create(entries, batch_size=BATCH)
        if stdout is not None:
            stdout.write(f"  {owner.title}: {len(mondays)} weeks of schedule")


QUESTION_TEXTS = [
    ("Thủ tục đăng ký tham gia {subject}", "Tôi muốn đăng ký tham gia {subject}, cần làm gì?"),
    ("Thời gian tổ chức {subject}", "Xin cho biết {subject} năm nay tổ chức vào thời gian nào?"),
    ("Địa điểm {subject}", "{subject} được tổ chức ở đâu, có gửi xe được không?"),
    ("Chi phí tham dự {subject}", "Người dân tham dự {subject} có phải trả phí không?"),
]


def seed_questions(count, rng, stdout=None):
    """``count`` citizens' questions over the department and the units, over two years:
    most answered (each with its published answer page), some refused, some waiting."""
    owners = _owners()
    if not owners or count <= 0:
        return
    content_type = ContentType.objects.get_for_model(AnswerPage)
    search = get_search_backend()
    now = timezone.now()
    lists = [_child_list(owner, QuestionIndexPage, "Hỏi đáp") for owner in owners]
    number = Question.objects.count()
    for index, share in zip(lists, share_of_articles(lists, count), strict=True):
        for batch_start in range(0, share, BATCH):
            size = min(BATCH, share - batch_start)
            with transaction.atomic():
                questions = []
                for _i in range(size):
                    number += 1
                    subject, text = rng.choice(QUESTION_TEXTS)
                    topic = rng.choice(SUBJECTS)
                    asked = now - datetime.timedelta(
                        days=rng.randrange(730), hours=rng.randrange(24)
                    )
                    status = rng.choices(
                        [Status.ANSWERED, Status.REFUSED, Status.NEW, Status.ANSWERING],
                        [80, 5, 10, 5],
                    )[0]
                    closed = status in (Status.ANSWERED, Status.REFUSED)
                    questions.append(
                        Question(
                            index_id=index.pk,
                            reference=f"HD-{asked.year}-S{number:06d}",
                            name=f"Người hỏi {number}",
                            email=f"nguoi-hoi-{number}@example.com",
                            subject=subject.format(subject=topic)[:200],
                            body=text.format(subject=topic),
                            created_at=asked,
                            status=status,
                            refusal_reason="Không thuộc thẩm quyền."
                            if status == Status.REFUSED
                            else "",
                            closed_at=asked + datetime.timedelta(days=5) if closed else None,
                        )
                    )
                Question.objects.bulk_create(questions)
                answered = [q for q in questions if q.status == Status.ANSWERED]
                if answered and answered[0].pk is None:
                    by_reference = dict(
                        Question.objects.filter(
                            reference__in=[q.reference for q in answered]
                        ).values_list("reference", "pk")
                    )
                    for question in answered:
                        question.pk = question.id = by_reference[question.reference]
                pages = _bulk_pages(
                    index,
                    [
                        (
                            q.subject,
                            f"{vietnamese_slugify(q.subject)}-{q.reference.lower()}",
                            q.closed_at,
                        )
                        for q in answered
                    ],
                    content_type,
                )
                _insert(
                    "questions_answerpage",
                    "page_ptr_id, question_id, asked_on, question_text, answer, answered_by",
                    [
                        (page.pk, q.pk, timezone.localtime(q.created_at).date(), q.body,
                         "<p>Đơn vị xin trả lời: " + rng.choice(SENTENCES) + "</p>", "")
                        for page, q in zip(pages, answered, strict=True)
                    ],
                )  # fmt: skip
                search.add_bulk(
                    AnswerPage, list(AnswerPage.objects.filter(pk__in=[p.pk for p in pages]))
                )
        if stdout is not None:
            stdout.write(f"  {index.get_parent().title}: {share} questions")
