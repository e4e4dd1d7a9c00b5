"""Cases for the export tests, made through the real services: one still at 受理, and one
taken all the way to 结案 with compensation, approval, a follow-up, a note and a photo."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from studio_desk import clock
from studio_desk.attachments import attach_file
from studio_desk.models import Complaint, Department, Staff
from studio_desk.services import actions
from studio_desk.services.intake import register_complaint

T0 = datetime(2026, 11, 23, 10, 0)
PHONE = "13812345678"
LINES = [{"kind": "reretouch", "description": "重新修图 30 张", "amount": "300"},
         {"kind": "add_prints", "description": "24 寸放大照片两张", "amount": "500.50"}]


def intake(user, category_id: int, **overrides) -> dict:
    data = {
        "channel": "walk_in", "phone": PHONE, "customer_name": "张小姐", "order_no": "DD-2026-0815",
        "order_stage": "selected", "chain_step": "retouch", "category_id": category_id,
        "description": "婚纱照修图过度，脸型被修得不像本人，眼睛也被放大太多。顾客要求重新修图。",
        "customer_wish": "希望重新修图，并加送两张放大照片。", "mood": "unhappy",
        "evidence_note": "顾客带来样片 3 张", "received_at": T0 - timedelta(hours=2),
    }
    data.update(overrides)
    return data


def registered_case(people, category_id: int, **overrides) -> Complaint:
    with clock.frozen(T0):
        return register_complaint(people["front"], intake(people["front"], category_id, **overrides))


def closed_case(people, category_id: int, photo: Path | None = None, **overrides) -> Complaint:
    """A case through every stage: assessed, 800 元 compensation approved by the executive,
    carried out, followed up (satisfied) and closed."""
    manager, exec_, service = people["manager"], people["exec"], people["service"]
    dept = Department.get(Department.name == "数码后期")
    staff = Staff.create(name="周修图", department=dept)
    case = registered_case(people, category_id, **overrides)
    steps = [
        lambda c: actions.start_investigation(manager, c.id, c.version),
        lambda c: actions.assess(manager, c.id, c.version, validity="valid", solvability="soon",
                                 cause="修图师未按顾客选片时的要求处理，液化过度。", department=dept.id,
                                 responsible_staff=staff.id),
        lambda c: actions.propose_remedy(manager, c.id, c.version, remedy_type="reretouch",
                                         remedy_plan="由资深修图师重新修图，三个工作日内交付；加送两张 24 寸放大照片。",
                                         compensation_lines=LINES),
        lambda c: actions.approve(exec_, c.id, c.version, "同意，注意交付时间。"),
        lambda c: actions.record_implementation(service, c.id, c.version, customer_accepted=True,
                                                note="顾客已签字确认新修图片。"),
    ]
    for hour, step in enumerate(steps, start=1):
        with clock.frozen(T0 + timedelta(hours=hour)):
            case = step(case)
    with clock.frozen(T0 + timedelta(days=6)):
        actions.add_note(manager, case.id, "顾客表示以后还会来拍全家福。")
        if photo is not None:
            attach_file(people["front"], case.id, photo)
        case = Complaint.get_by_id(case.id)
        case = actions.record_follow_up(service, case.id, case.version, reached=True, satisfied=True,
                                        satisfaction=5, comments="顾客很满意新的照片。", then="close")
    return case


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, as a PDF viewer's copy-and-paste would give it."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def rendered_pages(path: Path, out_dir: Path, dpi: int = 50) -> list[Path]:
    """Render every page with poppler's pdftoppm (as a Linux PDF viewer would) to PNG files."""
    import subprocess

    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(out_dir / "page")], check=True)
    return sorted(out_dir.glob("page-*.png"))


def ink_variance(png: Path) -> float:
    """Pixel variance of a rendered page: a blank page (or one whose font failed) is ~0."""
    from PIL import Image, ImageStat

    with Image.open(png) as image:
        return ImageStat.Stat(image.convert("L")).var[0]


def cancelling_progress(after: int = 0):
    """A Progress whose user presses Cancel after ``after`` updates."""
    from studio_desk.progress import Progress

    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > after

    return Progress(cancelled=cancelled)
