"""The demo's legal documents, written for this project: the department's and two units',
one of them superseded by a newer one, one expired and one not yet in force."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from govcms.text import vietnamese_slugify
from legal.models import (
    DocumentField,
    DocumentType,
    IssuingBody,
    LegalDocumentFile,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentReplacement,
)

from .pdf import text_pdf

INDEX_TITLE = "Văn bản"
DEPARTMENT = "Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Nam"
PROVINCE = "Ủy ban nhân dân tỉnh Hà Nam"

INDEX_INTRODUCTIONS = {
    None: "Văn bản quy phạm pháp luật và văn bản chỉ đạo, điều hành do Sở ban hành.",
    "TTXTDL": "Kế hoạch, thông báo và báo cáo của Trung tâm Xúc tiến Du lịch.",
    "TVT": "Quyết định, nội quy và báo cáo của Thư viện tỉnh.",
}

# (unit short name or None for the department, number, type, issuing body, signer,
# position, issued, in force from, until, title, summary, fields, replaces)
DOCUMENTS = [
    {
        "unit": None,
        "number": "48/QĐ-SVHTTDL",
        "type": "Quyết định",
        "body": DEPARTMENT,
        "signer": ("Trần Minh Tuấn", "Giám đốc Sở"),
        "dates": (datetime.date(2021, 2, 1), datetime.date(2021, 2, 1), None),
        "title": "Quy chế quản lý Cổng thông tin điện tử của Sở (năm 2021)",
        "summary": "Ban hành Quy chế quản lý, vận hành và cung cấp thông tin trên Cổng thông tin "
        "điện tử của Sở Văn hóa, Thể thao và Du lịch.",
        "fields": ["Cải cách hành chính"],
    },
    {
        "unit": None,
        "number": "125/QĐ-SVHTTDL",
        "type": "Quyết định",
        "body": DEPARTMENT,
        "signer": ("Trần Minh Tuấn", "Giám đốc Sở"),
        "dates": (datetime.date(2024, 3, 15), datetime.date(2024, 4, 1), None),
        "title": "Quy chế quản lý Cổng thông tin điện tử của Sở",
        "summary": "Ban hành Quy chế quản lý Cổng thông tin điện tử dùng chung của Sở và các đơn "
        "vị sự nghiệp trực thuộc, thay thế quy chế ban hành năm 2021.",
        "fields": ["Cải cách hành chính"],
        "replaces": ["48/QĐ-SVHTTDL"],
    },
    {
        "unit": None,
        "number": "09/KH-SVHTTDL",
        "type": "Kế hoạch",
        "body": DEPARTMENT,
        "signer": ("Nguyễn Văn Trọng", "Phó Giám đốc Sở"),
        "dates": (
            datetime.date(2025, 1, 10),
            datetime.date(2025, 1, 10),
            datetime.date(2025, 12, 31),
        ),
        "title": "Kế hoạch tuyên truyền, quảng bá du lịch năm 2025",
        "summary": "Kế hoạch tuyên truyền, quảng bá hình ảnh du lịch Hà Nam trên báo chí, mạng xã "
        "hội và tại các hội chợ trong năm 2025.",
        "fields": ["Du lịch"],
    },
    {
        "unit": None,
        "number": "15/CT-UBND",
        "type": "Chỉ thị",
        "body": PROVINCE,
        "signer": ("Lê Thu Hà", "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
        "dates": (datetime.date(2026, 11, 20), datetime.date(2027, 1, 1), None),
        "title": "Chỉ thị về tổ chức lễ hội đầu xuân năm 2027",
        "summary": "Tăng cường quản lý, tổ chức lễ hội đầu xuân năm 2027 bảo đảm an toàn, tiết "
        "kiệm, giữ gìn bản sắc văn hóa.",
        "fields": ["Văn hóa", "Di sản văn hóa"],
    },
    {
        "unit": "TTXTDL",
        "number": "21/KH-TTXTDL",
        "type": "Kế hoạch",
        "body": "Trung tâm Xúc tiến Du lịch",
        "signer": ("Nguyễn Đức Nguyên", "Giám đốc Trung tâm"),
        "dates": (
            datetime.date(2026, 2, 20),
            datetime.date(2026, 2, 20),
            datetime.date(2026, 12, 31),
        ),
        "title": "Kế hoạch tham gia hội chợ du lịch năm 2026",
        "summary": "Kế hoạch tham gia ba hội chợ du lịch trong nước và một hội chợ trực tuyến, "
        "giới thiệu sản phẩm du lịch tâm linh và làng nghề của tỉnh.",
        "fields": ["Du lịch"],
    },
    {
        "unit": "TTXTDL",
        "number": "35/TB-TTXTDL",
        "type": "Thông báo",
        "body": "Trung tâm Xúc tiến Du lịch",
        "signer": ("Nguyễn Đức Nguyên", "Giám đốc Trung tâm"),
        "dates": (datetime.date(2026, 8, 25), datetime.date(2026, 8, 25), None),
        "title": "Giờ mở cửa điểm thông tin du lịch dịp Quốc khánh 2/9",
        "summary": "Điểm thông tin du lịch tại trung tâm thành phố mở cửa cả ngày nghỉ lễ Quốc "
        "khánh, từ 7 giờ 30 đến 20 giờ.",
        "fields": ["Du lịch"],
    },
    {
        "unit": "TVT",
        "number": "12/QĐ-TVT",
        "type": "Quyết định",
        "body": "Thư viện tỉnh",
        "signer": ("Phạm Thị Lan", "Giám đốc Thư viện"),
        "dates": (datetime.date(2025, 6, 1), datetime.date(2025, 6, 15), None),
        "title": "Nội quy phục vụ bạn đọc của Thư viện tỉnh",
        "summary": "Ban hành Nội quy phục vụ bạn đọc tại phòng đọc, phòng mượn và thư viện "
        "điện tử.",
        "fields": ["Thư viện"],
    },
    {
        "unit": "TVT",
        "number": "40/BC-TVT",
        "type": "Báo cáo",
        "body": "Thư viện tỉnh",
        "signer": ("Phạm Thị Lan", "Giám đốc Thư viện"),
        "dates": (datetime.date(2026, 7, 10), datetime.date(2026, 7, 10), None),
        "title": "Báo cáo kết quả phục vụ bạn đọc sáu tháng đầu năm 2026",
        "summary": "Số lượt bạn đọc, lượt sách luân chuyển và kết quả của xe thư viện lưu động "
        "trong sáu tháng đầu năm 2026.",
        "fields": ["Thư viện"],
    },
]


def _ensure_file(number, title, collection, report):
    Document = get_document_model()
    name = f"{number} – {title}"
    document = Document.objects.filter(title=name).first()
    if document is None:
        content = text_pdf([number, title, "Van ban mau cua cong thong tin (du lieu mau)."])
        document = Document(title=name, collection=collection)
        document.file.save(f"{vietnamese_slugify(number)}.pdf", ContentFile(content), save=False)
        document.file_size = len(content)
        document.save()
        report.add("document file", name)
    return document


def ensure_documents(home, units, collections, report, ensure_child):
    """The department's document list under ``home``, one for each unit named in
    DOCUMENTS (``units`` by short name), and the documents themselves."""
    indexes = {}
    for short_name, introduction in INDEX_INTRODUCTIONS.items():
        parent = home if short_name is None else units[short_name]
        indexes[short_name] = ensure_child(
            parent, LegalDocumentIndexPage, report, title=INDEX_TITLE, introduction=introduction
        )
    by_number = {}
    for data in DOCUMENTS:
        slug = vietnamese_slugify(data["title"])
        index = indexes[data["unit"]]
        existing = LegalDocumentPage.objects.child_of(index).filter(slug=slug).first()
        if existing is not None:
            by_number[data["number"]] = existing
            continue
        issued, start, end = data["dates"]
        page = LegalDocumentPage(
            title=data["title"],
            slug=slug,
            number=data["number"],
            document_type=DocumentType.objects.get_or_create(name=data["type"])[0],
            issuing_body=IssuingBody.objects.get_or_create(name=data["body"])[0],
            signer_name=data["signer"][0],
            signer_position=data["signer"][1],
            issued_on=issued,
            effective_from=start,
            effective_until=end,
            summary=data["summary"],
        )
        page.fields.set(
            [DocumentField.objects.get_or_create(name=name)[0] for name in data["fields"]]
        )
        for number in data.get("replaces", ()):
            page.replacements.add(LegalDocumentReplacement(replaced=by_number[number]))
        file = _ensure_file(data["number"], data["title"], collections[data["unit"]], report)
        page.files.add(LegalDocumentFile(document=file))
        index.add_child(instance=page)
        page.save_revision().publish()
        by_number[data["number"]] = page
        report.add("legal document", data["number"])
    return indexes
