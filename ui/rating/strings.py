"""The citizen screen's own words in Vietnamese and English (its VI/EN toggle is independent of the
clerk window's language, so these do not go through Qt's translation files)."""

from __future__ import annotations

from counter_app.storage_errors import OFFICE_DOWN

T: dict[str, tuple[str, str]] = {
    "lang_button": ("English", "Tiếng Việt"),
    "counter": ("Quầy số {n}", "Counter {n}"),
    "welcome": ("Xin kính chào quý khách!", "Welcome!"),
    "clerk": ("Cán bộ tiếp nhận: {name}", "Officer: {name}"),
    "serving": ("Đang phục vụ số: {number}", "Now serving: {number}"),
    "idle_hint": (
        "Sau khi được phục vụ, xin quý khách đánh giá mức độ hài lòng trên màn hình này.",
        "After you are served, please rate our service on this screen.",
    ),
    "feedback_button": ("Gửi phản ánh, kiến nghị", "Send feedback or a complaint"),
    # quick rating
    "rate_question": ("Quý khách có hài lòng với việc {what}?", "Are you satisfied with {what}?"),
    "rate_ref_dossier": ("Hồ sơ {ref}", "Application {ref}"),
    "rate_ref_ticket": ("Số thứ tự {ref}", "Ticket {ref}"),
    "rate_hint": ("Xin chạm vào một lựa chọn", "Please touch one answer"),
    "reasons_title": ("Xin lỗi quý khách! Điều gì chưa tốt?", "We are sorry! What went wrong?"),
    "reasons_hint": ("Chọn một hoặc nhiều lý do", "Choose one or more reasons"),
    "add_comment": ("Thêm ý kiến", "Add a comment"),
    "edit_comment": ("Sửa ý kiến", "Edit comment"),
    "send": ("Gửi", "Send"),
    "skip": ("Bỏ qua", "Skip"),
    "back": ("Quay lại", "Back"),
    "next": ("Tiếp", "Next"),
    "done": ("Xong", "Done"),
    "comment_title": ("Ý kiến của quý khách", "Your comment"),
    "comment_placeholder": ("Chạm vào các phím bên dưới để viết…", "Touch the keys below to write…"),
    # thanks / survey
    "thanks": ("Cảm ơn quý khách!", "Thank you!"),
    "thanks_recorded": ("Ý kiến của quý khách đã được ghi nhận.", "Your opinion has been recorded."),
    "survey_offer": (
        "Quý khách có thể dành một phút trả lời thêm vài câu hỏi?",
        "Could you spare a minute for a few more questions?",
    ),
    "survey_yes": ("Trả lời khảo sát", "Answer the survey"),
    "survey_no": ("Không, cảm ơn", "No, thank you"),
    "survey_title": ("Khảo sát ({i}/{n}): {group}", "Survey ({i}/{n}): {group}"),
    "survey_yes_answer": ("Hài lòng", "Satisfied"),
    "survey_no_answer": ("Chưa hài lòng", "Not satisfied"),
    "survey_skip_all": ("Dừng khảo sát", "Stop the survey"),
    "survey_finish": ("Hoàn thành", "Finish"),
    # feedback
    "fb_title": ("Gửi phản ánh, kiến nghị", "Feedback and complaints"),
    "fb_pick": ("Quý khách muốn phản ánh về:", "What is it about?"),
    "fb_text_title": ("Nội dung: {category}", "Your message: {category}"),
    "fb_text_placeholder": ("Chạm vào các phím bên dưới để viết nội dung…", "Touch the keys below to write…"),
    "fb_contact_title": ("Thông tin để trả lời (không bắt buộc)", "Contact for a reply (optional)"),
    "fb_name": ("Họ và tên", "Full name"),
    "fb_phone": ("Số điện thoại", "Phone number"),
    "fb_tap_field": ("Chạm vào ô để nhập", "Touch a box to type in it"),
    "fb_sent": ("Đã nhận phản ánh số {number}", "Feedback {number} received"),
    "fb_due": (
        "Chúng tôi sẽ trả lời chậm nhất vào {due}.",
        "We will answer by {due} at the latest.",
    ),
    "fb_no_contact": (
        "Quý khách có thể hỏi kết quả tại quầy bằng số phản ánh này.",
        "You can ask for the answer at the counter with this number.",
    ),
    # errors and notices
    "already_rated": (
        "Giao dịch này đã được đánh giá. Mỗi giao dịch chỉ được đánh giá một lần.",
        "This service has already been rated. Each one can be rated only once.",
    ),
    "not_saved": (
        "Xin lỗi, chưa ghi được. Xin quý khách báo cán bộ tại quầy.",
        "Sorry, this could not be saved. Please tell the officer at the counter.",
    ),
    "notice_title": ("Xin thông báo", "Please note"),
    # the office server is away (ui/office_link.py): the Vietnamese starts as every window's banner does
    "office_down": (
        f"{OFFICE_DOWN}: tạm thời chưa ghi nhận được đánh giá. Xin quý khách chờ trong giây lát.",
        "The connection to the office server is lost: ratings cannot be recorded just now. "
        "Please wait a moment.",
    ),
}

WHAT = {
    "intake": ("tiếp nhận hồ sơ", "how your application was received"),
    "return": ("trả kết quả hồ sơ", "how your result was returned"),
    "ticket": ("phục vụ tại quầy", "the service at this counter"),
}

# What the citizen sees when a feedback field is refused (the service's messages are Vietnamese).
FIELD_ERRORS_EN = {
    "text": "Please write at least a few words.",
    "name": "The name may contain only letters and spaces.",
    "phone": "The phone number needs 10 digits starting with 0.",
    "category": "Please choose what the feedback is about.",
}


def tr(key: str, lang: str, **values: object) -> str:
    vi, en = T[key]
    return (en if lang == "en" else vi).format(**values)
