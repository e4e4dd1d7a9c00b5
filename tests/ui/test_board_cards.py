"""Card painting for each state — severity edge, 二次投诉 mark, time left (overdue / soon / ok /
none / closed), unassigned, nasty text — rendered to PNG and checked pixel by pixel; and
painting a full board never queries the database."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QListView

from studio_desk.search import CaseRow
from tests.board_factory import advance, register
from tests.ui.boardkit import make_page
from ui.board.card_delegate import EDGE, MARGIN_X, MARGIN_Y, PAD, SEVERITY_COLORS, TIME_COLORS, CardDelegate
from ui.board.model import BoardModel
from ui.style import MUTED_COLOR

NOW = datetime(2026, 11, 23, 10, 0)
BASE = CaseRow(
    id=1, case_no="KS-20261123-001", stage="investigating", severity="ordinary", is_repeat=False,
    customer_name="林小满", phone="138****5678", category="修图质量", chain_step="retouch", department="数码后期",
    staff="许文静", channel="walk_in", next_due=NOW + timedelta(days=2), received_at=NOW - timedelta(hours=3),
    closed_at=None, version=1,
)
STATES = {
    "ordinary_ok": BASE,
    "important_soon_repeat": BASE._replace(id=2, severity="important", is_repeat=True,
                                     next_due=NOW + timedelta(hours=3)),
    "major_overdue_unassigned": BASE._replace(id=3, severity="major", department="", staff="",
                                        next_due=NOW - timedelta(days=2)),
    "no_due": BASE._replace(id=4, next_due=None),
    "closed": BASE._replace(id=5, stage="closed", next_due=None, closed_at=NOW - timedelta(days=1)),
    "nasty_text": BASE._replace(id=6, customer_name="𠀀😀" + "欧阳" * 60, phone="",
                          category="审美差异/专业认识差异" * 3, staff="\u200b" * 3 + "小" * 40),
    "history": BASE._replace(id=7, case_no="KS-20260305-001", stage="closed", next_due=None, closed_at=None,
                             history=True),
    "approval": BASE._replace(id=8, stage="approval", compensation_fen=118050),
    "approval_nothing_to_pay": BASE._replace(id=9, stage="approval"),
}


@pytest.fixture
def rendered(qtbot, tmp_path):
    """Each state's card as an image (saved as PNG in tmp_path)."""
    model = BoardModel(lang="zh")
    model.set_rows(list(STATES.values()), NOW)
    delegate = CardDelegate(lang="zh")
    images = {}
    for name, row in STATES.items():
        view = QListView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.setItemDelegate(delegate)
        view.setRootIndex(model.stage_index(row.stage))
        view.resize(260, 400)
        view.show()
        qtbot.waitExposed(view)
        index = model.case_index(row.id)
        view.scrollTo(index)
        pixmap = view.viewport().grab(view.visualRect(index))
        path = tmp_path / f"card_{name}.png"
        assert pixmap.save(str(path))
        images[name] = QImage(str(path))
    return images


def close_to(color: QColor, wanted: QColor, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(color.getRgb()[:3], wanted.getRgb()[:3], strict=True))


def count_like(image: QImage, wanted: QColor, top: int, bottom: int, left: int = 0, tolerance: int = 40) -> int:
    return sum(1 for y in range(top, bottom) for x in range(left, image.width())
               if close_to(image.pixelColor(x, y), wanted, tolerance))


def test_every_card_is_painted(rendered):
    for name, image in rendered.items():
        assert not image.isNull() and image.height() > 60, name
        colours = {image.pixel(x, y) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)}
        assert len(colours) > 20, f"{name} looks empty"


@pytest.mark.parametrize("name", list(STATES))
def test_severity_edge(rendered, name):
    image = rendered[name]
    edge = image.pixelColor(MARGIN_X + EDGE // 2, image.height() // 2)
    assert close_to(edge, SEVERITY_COLORS[STATES[name].severity], 12), edge.name()


def last_line(image: QImage) -> tuple[int, int]:
    """Rows of the card's last line (the time left)."""
    line = (image.height() - 2 * MARGIN_Y - 2 * PAD) // 5
    bottom = image.height() - MARGIN_Y - PAD
    return bottom - line, bottom


def test_time_left_colours(rendered):
    for name, state in (("ordinary_ok", "ok"), ("important_soon_repeat", "soon"),
                        ("major_overdue_unassigned", "overdue")):
        top, bottom = last_line(rendered[name])
        # The left half of the last line holds the time text; the severity word sits at the right.
        half = rendered[name].copy(0, 0, rendered[name].width() // 2, rendered[name].height())
        assert count_like(half, TIME_COLORS[state], top, bottom, left=MARGIN_X + EDGE + 2) > 15, name
    top, bottom = last_line(rendered["no_due"])
    half = rendered["no_due"].copy(0, 0, rendered["no_due"].width() // 2, rendered["no_due"].height())
    assert count_like(half, TIME_COLORS["overdue"], top, bottom, left=MARGIN_X + EDGE + 2, tolerance=30) == 0


def test_repeat_mark(rendered):
    for name in STATES:
        image = rendered[name]
        right = image.copy(image.width() // 2, 0, image.width() // 2, image.height() // 2)  # by the customer
        reds = count_like(right, QColor("#c0392b"), 0, right.height(), tolerance=35)
        assert (reds > 20) == STATES[name].is_repeat, name


def test_history_mark(rendered):
    """历史导入, grey at the right of the case number, only on a case brought in from an old register."""
    for name in STATES:
        image = rendered[name]
        corner = image.copy(image.width() * 3 // 5, 0, image.width() * 2 // 5, image.height() // 5)
        grey = count_like(corner, QColor(MUTED_COLOR), 0, corner.height(), tolerance=25)
        assert (grey > 10) == STATES[name].history, name


def test_the_amount_to_approve_on_an_approval_card(rendered):
    """补偿 1,180.50 元 in bold at the right of the fourth line, only on a card awaiting approval with
    money to approve (the manager decides from the board, before opening the case)."""

    def ink_right_of_fourth_line(name: str) -> int:
        image = rendered[name]
        top = image.height() // 2 + image.height() // 10
        right = image.copy(image.width() * 3 // 5, top, image.width() * 2 // 5 - MARGIN_X - 2, image.height() // 6)
        return count_like(right, QColor("#000000"), 0, right.height(), tolerance=90)

    plain = ink_right_of_fourth_line("ordinary_ok")  # the same card in 调查
    assert ink_right_of_fourth_line("approval") > plain + 40
    assert abs(ink_right_of_fourth_line("approval_nothing_to_pay") - plain) <= 5


def test_model_texts_for_each_state():
    model = BoardModel(lang="zh")
    model.set_rows(list(STATES.values()), NOW)
    from ui.board.model import Role

    def time(name):
        index = model.case_index(STATES[name].id)
        return index.data(Role.TIME_LEFT), index.data(Role.TIME_STATE)

    assert time("ordinary_ok") == ("还剩 2 天", "ok")
    assert time("important_soon_repeat") == ("还剩 3 小时", "soon")
    assert time("major_overdue_unassigned") == ("已超时 2 天", "overdue")
    assert time("no_due") == ("", "none")
    assert time("closed") == ("11-22", "closed")


def test_painting_the_board_never_queries(qtbot, sign_in, sqlite_studio, caplog, tmp_path):
    front = sqlite_studio["front"]
    for i in range(25):
        register(front, customer_name=f"顾客{i}")
    advance(register(front, customer_name="已结案"), "closed", sqlite_studio)
    page = make_page(qtbot, sign_in("manager"), size=(1500, 700))
    page.poll_timer.stop()
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        page.grab().save(str(tmp_path / "board.png"))
        cards = page.columns["registered"].cards
        for value in range(0, cards.verticalScrollBar().maximum() + 1, 40):
            cards.verticalScrollBar().setValue(value)
            cards.viewport().repaint()
    assert [r for r in caplog.records if r.name == "peewee"] == []
    assert QImage(str(tmp_path / "board.png")).width() == 1500


def test_a_card_shows_when_it_is_selected_hovered_or_current(qtbot):
    """The delegate reads these from the view (not option.state); each looks different."""
    from PySide6.QtCore import QItemSelectionModel

    from ui.board.column import CardList

    model = BoardModel(lang="zh")
    model.set_rows([BASE, BASE._replace(id=2, case_no="KS-20261123-002")], NOW)
    view = CardList("investigating")
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(CardDelegate(lang="zh"))
    view.setRootIndex(model.stage_index("investigating"))
    view.resize(260, 400)
    view.show()
    qtbot.waitExposed(view)
    index = model.case_index(BASE.id)

    def card() -> QImage:
        return view.viewport().grab(view.visualRect(index)).toImage()

    def background(image: QImage) -> QColor:  # inside the card, above and right of its text
        return image.pixelColor(image.width() - MARGIN_X - 8, MARGIN_Y + 6)

    plain = background(card())
    qtbot.mouseMove(view.viewport(), view.visualRect(index).center())
    qtbot.waitUntil(lambda: background(card()).lightness() < plain.lightness())
    hovered = background(card())
    qtbot.mouseMove(view.viewport(), view.visualRect(model.case_index(2)).center())
    qtbot.waitUntil(lambda: background(card()) == plain)
    view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selected = background(card())
    assert selected != plain and selected != hovered
    view.selectionModel().clearSelection()
    view.setFocus()
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
    qtbot.waitUntil(view.hasFocus)
    def focus_dots(image: QImage) -> int:  # the dotted rectangle 3 px inside the card, in the highlight's blue
        return sum(1 for y in range(MARGIN_Y + 1, MARGIN_Y + 6) for x in range(MARGIN_X + 8, image.width() - 20)
                   if image.pixelColor(x, y).blue() - image.pixelColor(x, y).red() > 40)

    assert focus_dots(card()) > 10
    assert focus_dots(view.viewport().grab(view.visualRect(model.case_index(2))).toImage()) == 0
