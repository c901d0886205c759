"""The demo portal's content, written for this project.

The first article retells the facts of a real conference held by the department's units
(Nguồn: TTXTDL); the other articles are invented examples of what each unit publishes.
"""

import datetime

PORTAL = {
    "home_title": "Trang chủ",
    "home_introduction": (
        "Tin tức, hoạt động và thông tin liên hệ của các đơn vị sự nghiệp trực thuộc "
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Nam."
    ),
    "owner_name": "Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Nam",
    "address": "Đường Lê Hoàn, phường Quang Trung, thành phố Phủ Lý, tỉnh Hà Nam",
    "phone": "0226 3852 701",
    "email": "svhttdl@hanam.gov.vn",
    "licence": (
        "<p>Cổng thông tin điện tử dùng chung của các đơn vị sự nghiệp thuộc Sở. "
        "Ghi rõ nguồn khi phát hành lại thông tin từ cổng này.</p>"
    ),
    # The identity lines below are sample data for the demo, not a real licence.
    "governing_agency": "Ủy ban nhân dân tỉnh Hà Nam",
    "english_owner_name": "Department of Culture, Sports and Tourism of Ha Nam Province",
    "english_governing_agency": "Ha Nam Provincial People's Committee",
    "english_address": "Le Hoan Street, Quang Trung Ward, Phu Ly City, Ha Nam Province",
    "responsible_person": "Trưởng Ban biên tập cổng thông tin (dữ liệu mẫu)",
    "licence_number": "Giấy phép thiết lập trang thông tin điện tử số 00/GP-MẪU (dữ liệu mẫu)",
    "emblem_title": "Biểu trưng của Sở (mẫu)",
    "icon_title": "Biểu tượng cổng thông tin (mẫu)",
    "news_index_title": "Tin tức",
    "news_index_introduction": "Tin chung của Sở và của Ban biên tập cổng thông tin.",
    "about_title": "Giới thiệu chung",
    "about_introduction": (
        "Cổng thông tin là nơi các đơn vị sự nghiệp của Sở đăng tin hoạt động, "
        "sau khi lãnh đạo đơn vị duyệt."
    ),
    "about_paragraphs": [
        "Mỗi đơn vị có chuyên mục tin riêng do biên tập viên của đơn vị soạn thảo. "
        "Không tin bài nào được đăng khi chưa có người thứ hai trong đơn vị phê duyệt.",
        "Người dân có thể đọc tin mới của tất cả các đơn vị ngay trên trang chủ, "
        "hoặc vào chuyên mục của từng đơn vị để xem chức năng, nhiệm vụ, lãnh đạo "
        "và thông tin liên hệ.",
    ],
}

UNITS = [
    {
        "title": "Trung tâm Xúc tiến Du lịch",
        "full_name": "Trung tâm Xúc tiến Du lịch tỉnh Hà Nam",
        "short_name": "TTXTDL",
        "introduction": (
            "<p>Trung tâm là đơn vị sự nghiệp thuộc Sở, có nhiệm vụ quảng bá hình ảnh "
            "du lịch của tỉnh, tổ chức và tham gia các hội chợ, sự kiện xúc tiến du lịch, "
            "cung cấp thông tin cho du khách và hỗ trợ doanh nghiệp lữ hành.</p>"
        ),
        "address": "Số 2 đường Trường Chinh, thành phố Phủ Lý, tỉnh Hà Nam",
        "phone": "0226 3855 120",
        "email": "ttxtdl@hanam.gov.vn",
        "working_hours": "Thứ Hai đến Thứ Sáu, 7 giờ 30 – 17 giờ",
        "leaders": [("Nguyễn Đức Nguyên", "Giám đốc")],
    },
    {
        "title": "Thư viện tỉnh",
        "full_name": "Thư viện tỉnh Hà Nam",
        "short_name": "TVT",
        "introduction": (
            "<p>Thư viện tỉnh xây dựng và bảo quản vốn tài liệu của địa phương, phục vụ "
            "bạn đọc tại chỗ và lưu động, phát triển văn hóa đọc và hướng dẫn nghiệp vụ "
            "cho thư viện cấp huyện, xã.</p>"
        ),
        "address": "Đường Biên Hòa, thành phố Phủ Lý, tỉnh Hà Nam",
        "phone": "0226 3852 468",
        "email": "thuvien@hanam.gov.vn",
        "working_hours": "Thứ Ba đến Chủ Nhật, 7 giờ 30 – 17 giờ",
        "leaders": [("Trần Thị Mai Anh", "Giám đốc"), ("Phạm Quốc Hưng", "Phó Giám đốc")],
    },
    {
        "title": "Bảo tàng tỉnh",
        "full_name": "Bảo tàng tỉnh Hà Nam",
        "short_name": "BTT",
        "introduction": (
            "<p>Bảo tàng tỉnh sưu tầm, kiểm kê, bảo quản và trưng bày hiện vật về lịch sử, "
            "văn hóa của vùng đất Hà Nam; tổ chức triển lãm chuyên đề và hoạt động giáo dục "
            "di sản cho học sinh.</p>"
        ),
        "address": "Đường Trần Phú, thành phố Phủ Lý, tỉnh Hà Nam",
        "phone": "0226 3853 305",
        "email": "baotang@hanam.gov.vn",
        "working_hours": "Tất cả các ngày trong tuần, 8 giờ – 17 giờ",
        "leaders": [("Lê Văn Thành", "Giám đốc")],
    },
    {
        "title": "Trung tâm Huấn luyện và Thi đấu Thể dục Thể thao",
        "full_name": "Trung tâm Huấn luyện và Thi đấu Thể dục Thể thao tỉnh Hà Nam",
        "short_name": "TTHLTĐ",
        "introduction": (
            "<p>Trung tâm tuyển chọn và đào tạo vận động viên, tổ chức các giải thi đấu "
            "thể thao của tỉnh, quản lý và khai thác các công trình thể thao được giao.</p>"
        ),
        "address": "Đường Lý Thường Kiệt, thành phố Phủ Lý, tỉnh Hà Nam",
        "phone": "0226 3854 219",
        "email": "tthltd@hanam.gov.vn",
        "working_hours": "Thứ Hai đến Thứ Sáu, 7 giờ 30 – 17 giờ",
        "leaders": [("Đỗ Minh Tuấn", "Giám đốc")],
    },
]

TZ_OFFSET = datetime.timezone(datetime.timedelta(hours=7))


def at(year, month, day, hour=8):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=TZ_OFFSET)


# The conference article: the facts of the seed article, told anew.
SEED_ARTICLE = {
    "unit": "TTXTDL",
    "title": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2021 của Khối các đơn vị sự nghiệp",
    "date": at(2021, 11, 25),
    "source": "TTXTDL",
    "summary": (
        "Sáng 25/11/2021, Khối các đơn vị sự nghiệp thuộc Sở họp tổng kết công tác "
        "thi đua, khen thưởng năm 2021 và bàn nhiệm vụ trọng tâm năm 2022 tại phòng họp "
        "tầng II của Trung tâm Huấn luyện và Thi đấu Thể dục Thể thao."
    ),
    "tags": ["Thi đua khen thưởng", "Hội nghị"],
    "body": [
        (
            "paragraph",
            (
                "Dự hội nghị có đồng chí Nguyễn Văn Trọng, Phó Giám đốc Sở, Ủy viên Hội đồng "
                "Thi đua - Khen thưởng (TĐKT) Sở; đồng chí Lê Thị Hòa, Phó Trưởng phòng Tổ chức "
                "Pháp chế, Thư ký Hội đồng TĐKT Sở, cùng lãnh đạo và cán bộ phụ trách thi đua "
                "của các đơn vị trong Khối."
            ),
        ),
        (
            "image",
            {
                "image": "Trưởng Khối thi đua trình bày dự thảo báo cáo",
                "caption": (
                    "Đồng chí Nguyễn Đức Nguyên, Trưởng Khối thi đua, thông qua dự thảo báo cáo "
                    "tại Hội nghị"
                ),
                "credit": "TTXTDL",
            },
        ),
        (
            "paragraph",
            (
                "Thay mặt Khối, đồng chí Nguyễn Đức Nguyên, Giám đốc Trung tâm Xúc tiến Du lịch, "
                "Trưởng Khối, trình bày dự thảo báo cáo. Trong năm 2021, các đơn vị đã phát động "
                "các đợt thi đua đúng thời điểm, đăng ký danh hiệu thi đua và hình thức khen "
                "thưởng cho tập thể, cá nhân theo quy định, thực hiện nghiêm hướng dẫn của cấp "
                "trên và phối hợp với nhau để hoàn thành chương trình công tác năm."
            ),
        ),
        (
            "image",
            {
                "image": "Phó Giám đốc Sở phát biểu tại Hội nghị",
                "caption": (
                    "Đồng chí Nguyễn Văn Trọng, Phó Giám đốc Sở, Ủy viên Hội đồng TĐKT Sở, "
                    "phát biểu tại Hội nghị"
                ),
                "credit": "TTXTDL",
            },
        ),
        (
            "paragraph",
            (
                "Phát biểu chỉ đạo, đồng chí Phó Giám đốc Sở ghi nhận kết quả của các đơn vị. "
                "Các phong trào thi đua của Khối có chủ đề sát với nhiệm vụ chính trị, gắn với "
                "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Dù dịch "
                "bệnh diễn biến phức tạp, nhiều đơn vị đã linh hoạt đổi mới cách tổ chức hoạt động, "
                "hoàn thành kế hoạch năm và các nhiệm vụ đột xuất được giao."
            ),
        ),
        (
            "paragraph",
            (
                "Về nhiệm vụ năm 2022, Hội nghị thống nhất tiếp tục tuyên truyền chủ trương của Đảng, "
                "chính sách, pháp luật của Nhà nước về thi đua, khen thưởng; xây dựng kế hoạch và "
                "phát động phong trào thi đua gắn với nhiệm vụ trọng tâm của từng đơn vị; kiểm tra, "
                "đôn đốc các đơn vị trong Khối; sơ kết, tổng kết để nhân rộng điển hình tiên tiến "
                "và đề nghị cấp trên khen thưởng những tập thể đủ tiêu chuẩn."
            ),
        ),
        (
            "paragraph",
            (
                "Các đơn vị cũng đã bình xét danh hiệu thi đua, hình thức khen thưởng năm 2021 và "
                "bầu Thư viện tỉnh làm Trưởng Khối năm 2022, Bảo tàng tỉnh làm Phó Trưởng Khối."
            ),
        ),
    ],
}

# Further demo articles: (unit short name or None for the portal, date, title, summary,
# paragraphs, tags, source, with a picture).
ARTICLES = [
    {
        "unit": "TTXTDL",
        "date": at(2021, 9, 14),
        "title": "Giới thiệu du lịch Hà Nam tại hội chợ du lịch trực tuyến",
        "summary": "Trung tâm dựng gian hàng ảo giới thiệu các điểm đến tâm linh và làng nghề của tỉnh.",
        "paragraphs": [
            "Gian hàng trực tuyến của tỉnh giới thiệu chùa Tam Chúc, đền Trần Thương và các "
            "làng nghề như trống Đọi Tam, dệt Nha Xá, kèm bản đồ số và video ngắn.",
            "Trong ba ngày diễn ra hội chợ, gian hàng nhận hơn một nghìn lượt truy cập và "
            "nhiều đề nghị hợp tác của các doanh nghiệp lữ hành.",
        ],
        "tags": ["Du lịch", "Hội chợ"],
        "image": "Gian hàng du lịch Hà Nam",
    },
    {
        "unit": "TTXTDL",
        "date": at(2022, 1, 10),
        "title": "Ra mắt bộ ấn phẩm quảng bá du lịch năm 2022",
        "summary": "Bộ ấn phẩm gồm cẩm nang, bản đồ và tờ gấp bằng tiếng Việt và tiếng Anh.",
        "paragraphs": [
            "Ấn phẩm được phát miễn phí tại các điểm thông tin du lịch, khách sạn và nhà ga "
            "trên địa bàn tỉnh.",
            "Bản điện tử của cẩm nang có thể tải về từ chuyên mục tin của Trung tâm.",
        ],
        "tags": ["Du lịch", "Ấn phẩm"],
    },
    {
        "unit": "TTXTDL",
        "date": at(2022, 3, 22),
        "title": "Khảo sát tuyến du lịch sinh thái ven sông Đáy",
        "summary": "Đoàn công tác khảo sát khả năng khai thác tuyến du lịch bằng thuyền trên sông Đáy.",
        "paragraphs": [
            "Đoàn gồm cán bộ Trung tâm, đại diện chính quyền địa phương và một số doanh nghiệp "
            "lữ hành, đi thuyền qua các xã ven sông.",
            "Kết quả khảo sát sẽ được tổng hợp để đề xuất sản phẩm du lịch mới trong năm.",
        ],
        "tags": ["Du lịch", "Khảo sát"],
    },
    {
        "unit": "TVT",
        "date": at(2021, 10, 5),
        "title": "Thư viện tỉnh phát động Ngày hội đọc sách cho thiếu nhi",
        "summary": "Chuỗi hoạt động khuyến đọc dành cho học sinh tiểu học diễn ra trong tháng Mười.",
        "paragraphs": [
            "Các em được nghe kể chuyện, đọc sách theo nhóm và tham gia cuộc thi vẽ tranh "
            "về cuốn sách yêu thích.",
            "Thư viện bổ sung hơn 500 đầu sách thiếu nhi mới cho phòng đọc dành cho các em.",
        ],
        "tags": ["Văn hóa đọc", "Thiếu nhi"],
        "image": "Thiếu nhi đọc sách tại thư viện",
    },
    {
        "unit": "TVT",
        "date": at(2021, 12, 8),
        "title": "Xe thư viện lưu động phục vụ bạn đọc vùng nông thôn",
        "summary": "Xe thư viện mang sách và máy tính đến các trường học và nhà văn hóa thôn.",
        "paragraphs": [
            "Mỗi chuyến, xe chở theo khoảng ba nghìn cuốn sách và một số máy tính bảng để "
            "bạn đọc tra cứu tài liệu điện tử.",
            "Lịch xe đến từng xã được thông báo trước trên chuyên mục tin của Thư viện.",
        ],
        "tags": ["Văn hóa đọc", "Thư viện lưu động"],
    },
    {
        "unit": "TVT",
        "date": at(2022, 2, 16),
        "title": "Số hóa tài liệu địa chí Hà Nam",
        "summary": "Thư viện tỉnh tiếp tục số hóa sách, báo cũ viết về vùng đất và con người Hà Nam.",
        "paragraphs": [
            "Tài liệu sau khi số hóa được đưa lên thư viện điện tử để bạn đọc tra cứu từ xa.",
            "Thư viện mong nhận thêm tài liệu quý do người dân lưu giữ để sao chụp và bảo quản.",
        ],
        "tags": ["Chuyển đổi số", "Địa chí"],
    },
    {
        "unit": "BTT",
        "date": at(2021, 8, 19),
        "title": "Trưng bày chuyên đề cổ vật thời Trần",
        "summary": "Bảo tàng tỉnh giới thiệu hơn 100 hiện vật gốm và kiến trúc thời Trần tìm thấy tại địa phương.",
        "paragraphs": [
            "Nhiều hiện vật lần đầu được đưa ra trưng bày sau đợt khai quật khảo cổ gần đây.",
            "Trưng bày mở cửa miễn phí cho khách tham quan đến hết năm.",
        ],
        "tags": ["Di sản", "Trưng bày"],
        "image": "Hiện vật gốm thời Trần",
    },
    {
        "unit": "BTT",
        "date": at(2021, 11, 2),
        "title": "Chương trình giáo dục di sản cho học sinh trung học",
        "summary": "Học sinh tìm hiểu lịch sử địa phương qua hiện vật và trò chơi tại Bảo tàng.",
        "paragraphs": [
            "Các nhóm học sinh giải câu đố, ghép mảnh hiện vật và trình bày câu chuyện về "
            "một di tích quê hương.",
            "Bảo tàng tiếp nhận đăng ký của các trường theo lịch hằng tuần.",
        ],
        "tags": ["Di sản", "Giáo dục"],
    },
    {
        "unit": "BTT",
        "date": at(2022, 3, 3),
        "title": "Tiếp nhận hiện vật do nhân dân hiến tặng",
        "summary": "Bảo tàng tiếp nhận bộ sưu tập công cụ nông nghiệp truyền thống do một gia đình hiến tặng.",
        "paragraphs": [
            "Bộ sưu tập gồm cày, bừa, cối xay và nhiều vật dụng gắn với nghề trồng lúa.",
            "Các hiện vật sẽ được kiểm kê, bảo quản và đưa vào trưng bày thường xuyên.",
        ],
        "tags": ["Di sản", "Hiện vật"],
    },
    {
        "unit": "TTHLTĐ",
        "date": at(2021, 10, 20),
        "title": "Khai mạc giải vô địch cờ tướng tỉnh",
        "summary": "Gần 80 kỳ thủ của các huyện, thị xã, thành phố tranh tài trong ba ngày.",
        "paragraphs": [
            "Giải thi đấu theo hệ Thụy Sĩ chín ván ở các nội dung nam, nữ và trẻ.",
            "Kết quả giải là căn cứ tuyển chọn vận động viên cho đội tuyển của tỉnh.",
        ],
        "tags": ["Thể thao", "Giải đấu"],
        "image": "Kỳ thủ thi đấu cờ tướng",
    },
    {
        "unit": "TTHLTĐ",
        "date": at(2021, 12, 15),
        "title": "Tổng kết công tác huấn luyện vận động viên năm 2021",
        "summary": "Các đội tuyển của tỉnh giành nhiều huy chương tại các giải khu vực và toàn quốc.",
        "paragraphs": [
            "Trung tâm duy trì huấn luyện thường xuyên dù phải điều chỉnh lịch tập vì dịch bệnh.",
            "Năm 2022, Trung tâm tập trung vào các môn có thế mạnh như vật, điền kinh và bóng chuyền.",
        ],
        "tags": ["Thể thao", "Huấn luyện"],
    },
    {
        "unit": "TTHLTĐ",
        "date": at(2022, 2, 25),
        "title": "Tuyển sinh năng khiếu thể thao năm 2022",
        "summary": "Trung tâm tuyển học sinh có năng khiếu ở các môn điền kinh, vật và bóng chuyền.",
        "paragraphs": [
            "Hồ sơ gồm đơn đăng ký, giấy khám sức khỏe và bản sao giấy khai sinh.",
            "Các em trúng tuyển được tập luyện và học văn hóa theo chế độ của Nhà nước.",
        ],
        "tags": ["Thể thao", "Tuyển sinh"],
    },
    {
        "unit": None,
        "date": at(2022, 1, 5),
        "title": "Cổng thông tin các đơn vị sự nghiệp chính thức hoạt động",
        "summary": "Từ nay, tin hoạt động của bốn đơn vị sự nghiệp được đăng trên một cổng thông tin chung.",
        "paragraphs": [
            "Mỗi đơn vị tự quản lý chuyên mục tin của mình; mọi tin bài đều được lãnh đạo đơn vị "
            "duyệt trước khi đăng.",
            "Ban biên tập cổng mong nhận được ý kiến góp ý của bạn đọc qua địa chỉ thư điện tử "
            "ghi ở cuối trang.",
        ],
        "tags": ["Cổng thông tin"],
    },
]
