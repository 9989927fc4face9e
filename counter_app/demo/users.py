"""Demo step: the accounts (admin, a supervisor, two clerks), and the lines that print their passwords."""

from __future__ import annotations

from counter_app.demo.run import DemoRun
from counter_app.services.users import NO_CLERK, ROLE_LABELS_VI, UserService

DEMO_USERS = [
    ("admin", "Quản Trị Hệ Thống", "admin", "quantri-2026"),
    ("hung.tv", "Trần Văn Hùng", "supervisor", "lanhdao-2026"),
    ("lan.nt", "Nguyễn Thị Lan", "clerk", "canbo1-2026"),
    ("minh.lq", "Lê Quang Minh", "clerk", "canbo2-2026"),
]


def add_users(run: DemoRun) -> None:
    """Admin, a supervisor and two clerks; an account that already exists keeps its password."""
    svc = UserService(run.ctx)
    existing = {u.username for u in svc.list()}
    run.at(run.back(15 * run.calendar.day_minutes))
    for username, full_name, role, password in DEMO_USERS:
        if username in existing:
            run.report.append(f"  {username:<10} đã có từ trước — giữ nguyên mật khẩu")
            run.users[username] = (full_name, role, "")
            continue
        svc.add(username, full_name, role, password, actor=NO_CLERK)
        run.users[username] = (full_name, role, password)


def user_lines(run: DemoRun) -> list[str]:
    out = ["Tài khoản mẫu (tên đăng nhập / mật khẩu):"]
    for username, (full_name, role, password) in run.users.items():
        if password:
            out.append(f"  {username:<10} {password:<14} {ROLE_LABELS_VI[role]} — {full_name}")
    return out
