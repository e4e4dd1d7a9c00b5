"""设置 → 通知 and the desk's sender: channels added and edited through the dialog (secrets never
shown again), a test message sent off the GUI thread to the local robot stand-in, and the status
bar's count of messages not yet delivered; the tables read, and channels saved and removed, off
the GUI thread."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from studio_desk.models import NotifyChannel
from studio_desk.notify import channels
from studio_desk.notify.channels import save_channel
from tests.board_factory import register
from tests.core.notifykit import robots_fixture  # noqa: F401 (the robots fixture)
from tests.robot_standin import DINGTALK_SECRET, WECOM_KEY
from tests.ui.intake_fixtures import answering_modal, press
from ui.notify.channel_dialog import ChannelDialog
from ui.notify.section import NotifySection
from ui.ops import runner


def _section(main_window) -> NotifySection:
    section = main_window.show_page("settings").show_section("notify")
    assert isinstance(section, NotifySection)
    assert runner().wait_idle()  # its tables are read off the GUI thread
    return section


def _fill_dingtalk(robots, secret=DINGTALK_SECRET):
    def answer(dialog: ChannelDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("dingtalk"))
        dialog.name.setText("店长群")
        dialog.url.setText(robots.url("dingtalk"))
        dialog.secret.setText(secret)
        dialog.events["daily"].setChecked(False)
        dialog.try_accept()

    return answer


def test_a_channel_is_added_tested_and_edited_without_its_secret_shown(qtbot, main_window, robots, frozen_now):
    section = _section(main_window)
    with answering_modal(_fill_dingtalk(robots), of=ChannelDialog):
        section.add_channel()
    assert runner().wait_idle()
    [channel] = section.model.rows
    assert section.table.currentIndex().row() == 0, "the new channel is selected"
    assert (channel.name, channel.kind, "daily" in channel.events) == ("店长群", "dingtalk", False)
    cells = [section.model.cell(channel, c) for c in range(4)]
    assert cells[1] == "钉钉自定义机器人" and cells[2].endswith("/robot/send?…") and "下班" not in cells[3]
    assert "d1ngtalk-token" not in "".join(cells)

    section.send_test()
    qtbot.waitUntil(lambda: not section.test_running, timeout=10_000)
    assert section.status.text() == "测试消息已送达“店长群”。" and len(robots.received) == 1

    seen = {}

    def look_and_rename(dialog: ChannelDialog) -> None:
        seen.update(
            url=dialog.url.text(),
            secret=dialog.secret.text(),
            kind=dialog.kind.isEnabled(),
            hint=dialog.secret.placeholderText(),
        )
        dialog.name.setText("执行经理群")
        dialog.try_accept()

    with answering_modal(look_and_rename, of=ChannelDialog):
        section.edit_channel()
    assert runner().wait_idle()
    assert seen == {"url": "", "secret": "", "kind": False, "hint": "已保存——留空则保持不变"}
    stored = NotifyChannel.get()
    assert stored.name == "执行经理群" and stored.secret["secret"] == DINGTALK_SECRET


def test_a_test_message_that_fails_says_why_next_to_the_table(qtbot, main_window, robots, frozen_now):
    section = _section(main_window)
    with answering_modal(_fill_dingtalk(robots, secret="SECwrong"), of=ChannelDialog):
        section.add_channel()
    assert runner().wait_idle()
    section.send_test()
    qtbot.waitUntil(lambda: not section.test_running, timeout=10_000)
    assert section.message.text().startswith("发给“店长群”的测试消息未能送达：") and "310000" in section.message.text()


def test_problems_show_next_to_their_field_and_nothing_is_saved(qtbot, main_window):
    dialog = ChannelDialog(main_window.session, None, main_window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("email"))
    dialog.smtp.setText("smtp.qq.com")
    dialog.to.setText("店长")
    dialog.try_accept()
    assert runner().wait_idle()
    assert "主机:端口" in dialog.errors.message("smtp") and "邮箱地址" in dialog.errors.message("to")
    assert "授权码" in dialog.errors.message("password") and not dialog.url.isVisible()
    assert NotifyChannel.select().count() == 0


def test_removing_a_channel_asks_first(qtbot, main_window, frozen_now):
    save_channel(
        main_window.session.user, None, {"kind": "wecom", "url": f"https://qyapi.weixin.qq.com/x?key={WECOM_KEY}"}
    )
    section = _section(main_window)
    section.reload()
    assert runner().wait_idle()
    section.table.selectRow(0)
    with answering_modal(press(QMessageBox.StandardButton.Yes), of=QMessageBox):
        section.remove_channel()
    assert runner().wait_idle()
    assert section.model.rows == [] and NotifyChannel.select().count() == 0


def test_the_status_bar_counts_undelivered_messages_until_the_robot_is_back(qtbot, main_window, robots, frozen_now):
    sender = main_window.notify_sender
    save_channel(main_window.session.user, None, {"kind": "wecom", "url": robots.url("wecom")})
    register(main_window.session.user, safety_issue=True)
    robots.down()
    sender.run()
    qtbot.waitUntil(lambda: sender.running is None and sender.label.isVisible(), timeout=10_000)
    assert sender.label.text() == "未送达的通知：1 条" and "连接被拒绝" in sender.label.toolTip()
    main_window.grab().save("/tmp/notify_status.png")
    robots.up()
    from datetime import timedelta

    from studio_desk import clock

    with clock.frozen(frozen_now + timedelta(minutes=1)):
        sender.run()
        qtbot.waitUntil(lambda: sender.running is None and not sender.label.isVisible(), timeout=10_000)
    assert len(robots.received) == 1


def test_a_change_at_the_desk_is_sent_within_seconds(qtbot, main_window, robots, frozen_now):
    sender = main_window.notify_sender
    section = _section(main_window)
    with answering_modal(_fill_dingtalk(robots), of=ChannelDialog):
        section.add_channel()  # the sender now knows there is somewhere to send to
    case = register(main_window.session.user, safety_issue=True)
    main_window.session.changed()
    qtbot.waitUntil(lambda: len(robots.received) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: sender.running is None)
    assert case.case_no in robots.texts()[0] and not sender.label.isVisible()


def test_the_latest_messages_say_how_each_went(qtbot, main_window, robots, frozen_now):
    save_channel(main_window.session.user, None, {"kind": "wecom", "name": "店长群", "url": robots.url("wecom")})
    case = register(main_window.session.user, safety_issue=True)
    robots.script.append(93000)
    from studio_desk.notify.sender import send_pending

    send_pending()
    section = _section(main_window)
    [row] = section.messages.rows
    cells = [section.messages.cell(row, c) for c in range(4)]
    assert cells[1] == "店长群" and case.case_no in cells[2]
    assert cells[3].startswith("发送失败：机器人拒绝了消息（错误码 93000")
    assert section.status.text() == "未送达的通知：1 条"


def test_the_tables_are_read_while_the_window_keeps_painting(qtbot, main_window, held, keeps_ticking, frozen_now):
    save_channel(
        main_window.session.user,
        None,
        {"kind": "wecom", "name": "店长群", "url": "https://qyapi.weixin.qq.com/x?key=" + WECOM_KEY},
    )
    section = _section(main_window)
    gate, calls = held(channels, "list_channels")
    section.reload()
    section.reload()  # shown again meanwhile: only the latest read is shown
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5_000)
    keeps_ticking()
    gate.set()
    assert runner().wait_idle()
    assert [c.name for c in section.model.rows] == ["店长群"] and section.status.text() == "所有通知均已送达。"


def test_a_removal_waits_off_the_gui_thread_with_the_buttons_disabled(
    qtbot, main_window, held, keeps_ticking, frozen_now
):
    save_channel(
        main_window.session.user, None, {"kind": "wecom", "url": "https://qyapi.weixin.qq.com/x?key=" + WECOM_KEY}
    )
    section = _section(main_window)
    section.table.selectRow(0)
    gate, calls = held(channels, "remove_channel")
    with answering_modal(press(QMessageBox.StandardButton.Yes), of=QMessageBox):
        section.remove_channel()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    assert not any(button.isEnabled() for button in section.buttons)
    section.resend()  # another change asked for meanwhile: refused until this one ends
    keeps_ticking()
    assert len(section.model.rows) == 1
    gate.set()
    assert runner().wait_idle()
    assert section.model.rows == [] and NotifyChannel.select().count() == 0
    assert all(button.isEnabled() for button in section.buttons)


def test_a_channel_is_saved_off_the_gui_thread_and_ok_twice_saves_once(qtbot, main_window, held, keeps_ticking):
    gate, calls = held(channels, "save_channel")
    dialog = ChannelDialog(main_window.session, None, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("店长群")
    dialog.url.setText("https://qyapi.weixin.qq.com/x?key=" + WECOM_KEY)
    dialog.try_accept()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    assert not dialog.ok_button.isEnabled()
    dialog.try_accept()
    dialog.reject()  # Esc meanwhile: the dialog waits for the answer
    keeps_ticking()
    assert dialog.isVisible() and NotifyChannel.select().count() == 0
    gate.set()
    assert runner().wait_idle()
    assert not dialog.isVisible() and dialog.result() == ChannelDialog.DialogCode.Accepted
    assert len(calls) == 1 and NotifyChannel.select().count() == 1
