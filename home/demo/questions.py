"""Citizens' questions for the demo: a question list for the department and two units,
answered questions with their published answers, one waiting and one refused. The askers
are invented; their addresses use the reserved example.com domain."""

import datetime

from django.utils import timezone

from questions.models import AnswerPage, Question, QuestionIndexPage, Status

LIST_TITLE = "Hỏi đáp"
LIST_INTRODUCTION = (
    "Người dân, doanh nghiệp gửi câu hỏi tới đơn vị; câu trả lời được lãnh đạo đơn vị "
    "duyệt trước khi đăng."
)

# (unit or None, days ago, name, subject, question, answer or None, refusal or None)
QUESTIONS = [
    (
        None,
        40,
        "Nguyễn Văn Bình",
        "Thủ tục công nhận danh hiệu gia đình văn hóa",
        "Gia đình tôi cần chuẩn bị hồ sơ gì để được xét danh hiệu gia đình văn hóa năm nay?",
        "<p>Danh hiệu do Ủy ban nhân dân cấp xã xét theo đề nghị của thôn, tổ dân phố; gia "
        "đình không phải nộp hồ sơ riêng. Ông có thể liên hệ cán bộ văn hóa xã để biết lịch "
        "bình xét.</p>",
        None,
    ),
    (
        "TTXTDL",
        25,
        "Trần Thu Hà",
        "Tài liệu giới thiệu điểm du lịch cho đoàn học sinh",
        "Trường chúng tôi muốn xin tờ gấp giới thiệu chùa Tam Chúc cho đoàn 200 học sinh. "
        "Trung tâm có cấp miễn phí không?",
        "<p>Trung tâm cấp miễn phí ấn phẩm quảng bá cho các đoàn tham quan. Nhà trường gửi "
        "công văn đề nghị, nêu số lượng, trước ngày đi ít nhất một tuần.</p>",
        None,
    ),
    (
        "TVT",
        12,
        "Lê Minh Quân",
        "Làm thẻ thư viện cho học sinh tiểu học",
        "Con tôi học lớp 3 có làm được thẻ thư viện không, cần giấy tờ gì?",
        "<p>Thư viện cấp thẻ cho bạn đọc từ 6 tuổi. Phụ huynh mang giấy khai sinh của cháu "
        "và căn cước của mình; thẻ thiếu nhi được miễn phí.</p>",
        None,
    ),
    (
        "TVT",
        3,
        "Phạm Thị Thoa",
        "Giờ mở cửa ngày lễ",
        "Thư viện có mở cửa vào ngày Quốc khánh không?",
        None,
        None,
    ),
    (
        "TTXTDL",
        6,
        "Khách ẩn danh",
        "Quảng cáo dịch vụ",
        "Chúng tôi chuyên cung cấp dịch vụ quảng cáo trực tuyến giá rẻ.",
        None,
        "Nội dung là quảng cáo, không phải câu hỏi về hoạt động của Trung tâm.",
    ),
]


def ensure_questions(home, units, report, ensure_child):
    lists = {
        short_name: ensure_child(
            units[short_name] if short_name else home,
            QuestionIndexPage,
            report,
            title=LIST_TITLE,
            introduction=LIST_INTRODUCTION,
        )
        for short_name in (None, "TTXTDL", "TVT")
    }
    for short_name, days_ago, name, subject, text, answer, refusal in QUESTIONS:
        index = lists[short_name]
        if Question.objects.filter(index=index, subject=subject).exists():
            continue
        asked = timezone.now() - datetime.timedelta(days=days_ago)
        question = Question.objects.create(
            index=index,
            name=name,
            email="nguoi-hoi@example.com",
            subject=subject,
            body=text,
            created_at=asked,
        )
        report.add(Question._meta.verbose_name, subject)
        if refusal:
            question.status, question.refusal_reason = Status.REFUSED, refusal
            question.closed_at = asked + datetime.timedelta(days=1)
            question.save()
        if answer:
            # Closed here, so that loading the demo sends no e-mail to the invented askers.
            question.status, question.closed_at = Status.ANSWERED, asked + datetime.timedelta(7)
            question.save()
            page = AnswerPage(
                title=subject,
                question=question,
                question_text=text,
                asked_on=timezone.localtime(asked).date(),
                answer=answer,
            )
            index.add_child(instance=page)
            page.save_revision().publish()
