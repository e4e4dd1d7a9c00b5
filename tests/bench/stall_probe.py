"""Run as a child process: the longest GUI-thread stall during a scripted session at the desk,
while another process takes SQLite's write lock for 5 s at random moments.

The session: open the desk on the board, scroll every column to its end, move 20 cards, save 10
case edits, search, open statistics. A 10 ms QTimer ticks throughout; the figure is the largest
gap between two ticks (what the user feels as the window not answering). Prints it in ms.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LOCK_HOLDER = """
import random, sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
rng = random.Random(int(sys.argv[2]))
end = time.monotonic() + float(sys.argv[3])
while time.monotonic() < end:
    time.sleep(rng.uniform(0.5, 3.0))
    conn.execute("BEGIN IMMEDIATE")
    time.sleep(5)
    conn.execute("ROLLBACK")
"""
STEP_MS = 250  # a person's pace between actions
EDITED_STAGES = ("remedy", "implementing", "follow_up", "approval", "closed")


def main(db: str, seed: int = 1) -> int:
    from ui.app import prepare_app  # noqa: I001
    from PySide6.QtCore import QElapsedTimer, QTimer
    from studio_desk.models import User
    from studio_desk.opening import open_database
    from ui.case.window import open_case
    from PySide6.QtWidgets import QApplication, QMessageBox
    from ui.main_window import STATUS_FIRST_MS, MainWindow
    from ui.ops import runner
    from ui.session import Session

    app, _family = prepare_app("zh_CN")
    open_database(db)
    session = Session(db_path=db)
    session.sign_in(User.get(User.username == "manager"))
    locker = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, db, str(seed), "40"])
    clock, last, worst, at = QElapsedTimer(), [0], [0], ["start"]
    clock.start()

    def tick() -> None:
        now = clock.elapsed()
        if now - last[0] > 50:  # what the figure is made of, for whoever reads the run
            print(f"gap {now - last[0]} ms during step {current[0]}", file=sys.stderr)
        if now - last[0] > worst[0]:
            worst[0], at[0] = now - last[0], current[0]
        last[0] = now

    ticker = QTimer(interval=10, timeout=tick)
    window = MainWindow(session)
    board = window.show_page("board")
    window.resize(1500, 900)
    window.show()
    last[0] = clock.elapsed()  # from the desk on screen: start-up has its own figure
    ticker.start()
    rng = random.Random(seed)
    steps: list = []

    def scroll(column) -> None:
        bar = column.cards.verticalScrollBar()
        bar.setValue(bar.maximum())

    for column in board.columns.values():
        steps += [lambda c=column: scroll(c)] * 3

    def move(i: int) -> None:
        rows = board.model.rows("registered")
        if rows:
            board.actions.move(rows[min(i, len(rows) - 1)], "investigating")

    steps += [lambda i=i: move(i) for i in range(20)]

    def edit(i: int) -> None:
        # Cases the moves (受理 → 调查) never touch: an edit saved while a move of the same case
        # lands would be refused as stale, and its message box would wait for an answer.
        rows = next(rows for stage in EDITED_STAGES if (rows := board.model.rows(stage)))
        case_window = open_case(session, rows[i % len(rows)].id, window)

        def when_read() -> None:  # the window reads its case off the GUI thread, then is edited
            if case_window.view is None:
                QTimer.singleShot(10, when_read)
                return
            case_window.fields.inputs["customer_wish"].set(f"顾客希望尽快处理（第 {i} 次修改）")
            case_window.save()
            QTimer.singleShot(STEP_MS // 2, case_window.close)

        when_read()

    steps += [lambda i=i: edit(i) for i in range(10)]
    steps.append(lambda: window.search("王"))
    steps.append(lambda: window.show_page("stats"))
    interleaved = steps[len(board.columns) * 3 : -2]  # the moves and edits, in a random order
    rng.shuffle(interleaved)
    steps[len(board.columns) * 3 : -2] = interleaved

    current = ["open"]

    def run(i: int = 0) -> None:
        if i < len(steps):
            current[0] = str(i)
            steps[i]()
            QTimer.singleShot(STEP_MS, lambda: run(i + 1))
        else:
            runner().wait_idle(120_000)
            QTimer.singleShot(2000, finish)  # statistics computing meanwhile

    def finish() -> None:
        runner().wait_idle(120_000)
        ticker.stop()
        locker.kill()
        print(f"worst during step {at[0]} of {len(steps)}", file=sys.stderr)
        print(worst[0])
        sys.stdout.flush()
        os._exit(0)

    def answer_boxes() -> None:
        """A message box (a save refused as stale because the time rules changed the case
        meanwhile) is closed as a person would; it must not hold the session."""
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            print(f"message box during step {current[0]}: {box.text()}", file=sys.stderr)
            box.done(0)

    QTimer(app, interval=200, timeout=answer_boxes).start()
    # The user starts once the desk has opened and counted (the status bar's time rules, 500 ms
    # after the first paint, change cases the edits would otherwise find changed under them).
    QTimer.singleShot(STATUS_FIRST_MS + STEP_MS, lambda: runner().wait_idle(120_000) and run())
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1))
