"""The information pages (about/) of the department and of two units, written for the
demo. The other two units are left without them, so that the compliance panel shows
what a unit still owes."""

from about.models import (
    ContactPage,
    Division,
    FunctionsPage,
    IntroductionPage,
    Leader,
    LeadersPage,
    OrganisationPage,
)

MAP = "https://www.openstreetmap.org/search?query="

INFORMATION = {
    None: {
        "introduction": {
            "summary": (
                "Sở Văn hóa, Thể thao và Du lịch là cơ quan chuyên môn của Ủy ban nhân dân "
                "tỉnh, tham mưu về văn hóa, gia đình, thể dục thể thao và du lịch."
            ),
            "founded": "Quyết định số 1029/QĐ-UBND (dữ liệu mẫu)",
            "body": (
                "<p>Sở được thành lập năm 2008 trên cơ sở hợp nhất các cơ quan quản lý văn "
                "hóa, thể thao và du lịch của tỉnh.</p><p>Các đơn vị sự nghiệp trực thuộc "
                "Sở gồm trung tâm xúc tiến du lịch, thư viện, bảo tàng và trung tâm huấn "
                "luyện thể thao; mỗi đơn vị có chuyên mục riêng trên cổng.</p>"
            ),
        },
        "functions": {
            "legal_basis": "Quyết định quy định chức năng, nhiệm vụ của Sở (dữ liệu mẫu)",
            "position": (
                "<p>Sở chịu sự chỉ đạo, quản lý của Ủy ban nhân dân tỉnh và sự hướng dẫn "
                "chuyên môn của Bộ Văn hóa, Thể thao và Du lịch.</p>"
            ),
            "duties": (
                "<ul><li>Trình Ủy ban nhân dân tỉnh quy hoạch, kế hoạch phát triển văn hóa, "
                "thể thao và du lịch.</li><li>Hướng dẫn, kiểm tra các đơn vị trực thuộc."
                "</li><li>Quản lý di tích, lễ hội và hoạt động quảng cáo trên địa bàn."
                "</li></ul>"
            ),
        },
        "organisation": {
            "leadership": "Ban Giám đốc Sở",
            "divisions": [
                ("Văn phòng Sở", "Chánh Văn phòng", "Ngô Thị Hà", "0226 3852 701"),
                ("Phòng Quản lý Văn hóa", "Trưởng phòng", "Vũ Đức Long", "0226 3852 702"),
                ("Phòng Quản lý Thể dục Thể thao", "Trưởng phòng", "Hà Minh Khôi", ""),
                ("Phòng Quản lý Du lịch", "Trưởng phòng", "Lương Thu Trang", ""),
            ],
        },
        "leaders": [
            ("Trịnh Quang Vinh", "Giám đốc Sở", "Phụ trách chung."),
            ("Bùi Thị Ngọc", "Phó Giám đốc Sở", "Phụ trách lĩnh vực văn hóa và gia đình."),
        ],
        "contacts": {"working_hours": "Thứ Hai đến Thứ Sáu, 7 giờ 30 – 17 giờ"},
    },
    "TTXTDL": {
        "introduction": {
            "summary": (
                "Trung tâm giới thiệu hình ảnh du lịch của tỉnh tới du khách trong và ngoài nước."
            ),
            "founded": "",
            "body": (
                "<p>Trung tâm ra đời để đưa các điểm đến của tỉnh như chùa Tam Chúc, "
                "Ngũ Động Thi Sơn và làng nghề trống Đọi Tam tới gần du khách.</p>"
            ),
        },
        "functions": {
            "legal_basis": "",
            "position": "<p>Đơn vị sự nghiệp công lập trực thuộc Sở.</p>",
            "duties": (
                "<ul><li>Tổ chức hội chợ, hội thảo xúc tiến du lịch.</li><li>Vận hành quầy "
                "thông tin du lịch.</li><li>Sản xuất ấn phẩm quảng bá.</li></ul>"
            ),
        },
        "organisation": {
            "leadership": "Ban Giám đốc Trung tâm",
            "divisions": [
                ("Phòng Hành chính – Tổng hợp", "Trưởng phòng", "Đinh Thị Lan", "0226 3855 121"),
                ("Phòng Xúc tiến và Thông tin", "Trưởng phòng", "Cao Văn Đạt", "0226 3855 122"),
            ],
        },
        "leaders": [("Nguyễn Đức Nguyên", "Giám đốc", "Phụ trách chung.")],
        "contacts": {"working_hours": "Thứ Hai đến Thứ Sáu, 7 giờ 30 – 17 giờ"},
    },
    "TVT": {
        "introduction": {
            "summary": "Thư viện tỉnh là thư viện công cộng lớn nhất của tỉnh.",
            "founded": "",
            "body": (
                "<p>Thư viện giữ hơn hai trăm nghìn bản sách, báo và tài liệu địa chí, "
                "phục vụ bạn đọc tại chỗ và qua xe thư viện lưu động.</p>"
            ),
        },
        "functions": {
            "legal_basis": "",
            "position": "<p>Đơn vị sự nghiệp văn hóa trực thuộc Sở.</p>",
            "duties": (
                "<ul><li>Bổ sung và bảo quản vốn tài liệu.</li><li>Phục vụ bạn đọc, "
                "phát triển văn hóa đọc.</li><li>Hướng dẫn nghiệp vụ cho thư viện cơ sở."
                "</li></ul>"
            ),
        },
        "organisation": {
            "leadership": "Ban Giám đốc Thư viện",
            "divisions": [
                ("Phòng Phục vụ bạn đọc", "Trưởng phòng", "Mai Thị Hồng", "0226 3852 469"),
                ("Phòng Nghiệp vụ", "Trưởng phòng", "Tạ Quang Huy", ""),
            ],
        },
        "leaders": [
            ("Trần Thị Mai Anh", "Giám đốc", "Phụ trách chung."),
            ("Phạm Quốc Hưng", "Phó Giám đốc", "Phụ trách nghiệp vụ."),
        ],
        "contacts": {"working_hours": "Thứ Ba đến Chủ Nhật, 7 giờ 30 – 17 giờ"},
    },
}


def ensure_information(owner, data, contact, report, ensure_child):
    """The five information pages under ``owner`` (the home page or a unit)."""
    ensure_child(owner, IntroductionPage, report, title="Giới thiệu", **data["introduction"])
    ensure_child(owner, FunctionsPage, report, title="Chức năng, nhiệm vụ", **data["functions"])
    organisation = data["organisation"]
    ensure_child(
        owner,
        OrganisationPage,
        report,
        title="Cơ cấu tổ chức",
        leadership=organisation["leadership"],
        divisions=[
            Division(name=name, head_position=position, head_name=head, phone=phone)
            for name, position, head, phone in organisation["divisions"]
        ],
    )
    ensure_child(
        owner,
        LeadersPage,
        report,
        title="Lãnh đạo",
        leaders=[
            Leader(name=name, position=position, responsibilities=duties)
            for name, position, duties in data["leaders"]
        ],
    )
    ensure_child(
        owner,
        ContactPage,
        report,
        title="Liên hệ",
        address=contact["address"],
        phone=contact["phone"],
        email=contact["email"],
        working_hours=data["contacts"]["working_hours"],
        map_url=MAP + contact["address"].replace(" ", "+"),
    )


def ensure_leaders(unit, leaders, report, ensure_child):
    """A leaders page with ``leaders`` ((name, position) each), if the unit has none."""
    if not LeadersPage.objects.child_of(unit).exists():
        ensure_child(
            unit,
            LeadersPage,
            report,
            title="Lãnh đạo",
            leaders=[Leader(name=name, position=position) for name, position in leaders],
        )
