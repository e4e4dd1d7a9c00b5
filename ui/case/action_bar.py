"""The actions a case offers in its stage to the signed-in role (转入调查, 评估, 提交方案 …),
each a small dialog around one core service. Which buttons show is a convenience; the
core checks the role again on every call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from studio_desk import workflow
from studio_desk.models import Complaint
from studio_desk.permissions import allowed
from studio_desk.services import actions
from studio_desk.services.case_view import CaseView
from studio_desk.vocab import OPEN_STAGES
from ui.case.action_dialog import ask
from ui.case.dialog_draft import DialogDraft
from ui.case.field_inputs import case_values
from ui.case.inputs import translate
from ui.case.transitions import ask_and_move
from ui.session import Session


@dataclass(frozen=True)
class CaseAction:
    key: str
    text: str
    right: str
    stages: tuple[str, ...]
    run: Callable[[Session, CaseView, QWidget], Any]  # returns None when nothing happened


def _back_target(stage: str) -> str | None:
    return next((t.target for t in workflow.TRANSITIONS.values() if t.source == stage and t.kind == "back"), None)


def _dialog(session: Session, view: CaseView, parent: QWidget, key: str, title: str, fields: list[str],
            submit: Callable[[dict[str, Any]], Any], required: tuple[str, ...] = (), **values: Any) -> Any:
    case = view.case
    result = ask(title, fields, submit, form=view, values={**case_values(view), **values}, required=required,
                 intro=translate("CaseActions", "Case %1").replace("%1", case.case_no), parent=parent,
                 draft=DialogDraft(session, case.id, key))
    if result is not None:
        session.changed()
    return result


def _assess(session: Session, view: CaseView, parent: QWidget) -> Any:
    case = view.case

    def submit(v: dict[str, Any]) -> Complaint:
        return actions.assess(session.user, case.id, case.version, **v)
    return _dialog(session, view, parent, "assess", translate("CaseActions", "Assess the complaint"),
                   ["validity", "solvability", "cause", "department", "responsible_staff", "invalid_explanation"],
                   submit, ("validity",), validity=case.validity or "valid")


def _propose(session: Session, view: CaseView, parent: QWidget) -> Any:
    case = view.case

    def submit(v: dict[str, Any]) -> Complaint:
        return actions.propose_remedy(session.user, case.id, case.version, **v)
    return _dialog(session, view, parent, "propose", translate("CaseActions", "Propose the remedy"),
                   ["remedy_type", "remedy_plan", "compensation_lines"], submit, ("remedy_type", "remedy_plan"))


def _follow_up(session: Session, view: CaseView, parent: QWidget) -> Any:
    case = view.case

    def submit(v: dict[str, Any]) -> tuple[Complaint, Complaint | None]:
        """Off the GUI thread: the follow-up, and the repeat complaint it opened (if it did)."""
        done = actions.record_follow_up(session.user, case.id, case.version, **v)
        return done, actions.linked_repeat(case.id) if done.follow_up_result == "repeat_opened" else None
    result = _dialog(session, view, parent, "follow_up", translate("CaseActions", "Record the follow-up call"),
                     ["reached", "satisfied", "satisfaction", "comments", "then"], submit, reached=True)
    if result is None:
        return None
    done, repeat = result
    if repeat is not None:
        _tell_repeat(session, case, repeat, parent)
    return done


def _tell_repeat(session: Session, case: Complaint, repeat: Complaint, parent: QWidget) -> None:
    """The new case's number, to tell the customer, and a way to go straight to it."""
    box = QMessageBox(QMessageBox.Icon.Information, translate("CaseActions", "Repeat complaint opened"),
                      translate("CaseActions", "Case %1 is closed; the customer's repeat complaint is case %2.")
                      .replace("%1", case.case_no).replace("%2", repeat.case_no), QMessageBox.StandardButton.Close,
                      parent)
    open_button = box.addButton(translate("CaseActions", "Open %1").replace("%1", repeat.case_no),
                                QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(open_button)
    box.exec()
    if box.clickedButton() is open_button:
        parent.open_related(repeat.id)  # the case window (ui.case.window.CaseWindow), which owns opening cases


def _severity(session: Session, view: CaseView, parent: QWidget) -> Any:
    case = view.case

    def submit(v: dict[str, Any]) -> Complaint:
        return actions.set_severity(session.user, case.id, case.version, v["severity"], v["reason"])
    return _dialog(session, view, parent, "severity", translate("CaseActions", "Change the severity"),
                   ["severity", "reason"], submit, ("severity", "reason"))


def _penalty(session: Session, view: CaseView, parent: QWidget) -> Any:
    case = view.case
    if not any(s.active for s in view.staff):
        QMessageBox.information(parent, translate("CaseActions", "Staff penalty"), translate(
            "CaseActions", "There are no employees yet: add them in Settings → Departments and staff first."))
        return None

    def submit(v: dict[str, Any]) -> Any:
        return actions.record_penalty(session.user, case.id, staff_id=v["staff"] or 0, points=v["points"],
                                      fine=v["fine"], reason=v["reason"])
    return _dialog(session, view, parent, "penalty", translate("CaseActions", "Staff penalty"),
                   ["staff", "points", "fine", "reason"], submit, ("staff", "reason"),
                   staff=case.responsible_staff_id, points=5)


def _delete(session: Session, view: CaseView, parent: QWidget) -> Any:
    case = view.case

    def submit(v: dict[str, Any]) -> bool:
        actions.delete_case(session.user, case.id, case.version, v["reason"])
        return True
    return _dialog(session, view, parent, "delete", translate("CaseActions", "Delete a case registered by mistake"),
                   ["reason"], submit, ("reason",))


def _move(target: str) -> Callable[[Session, CaseView, QWidget], Any]:
    return lambda session, view, parent: ask_and_move(session, view.case, target, parent)


def _move_back(session: Session, view: CaseView, parent: QWidget) -> Any:
    target = _back_target(view.case.stage)
    return ask_and_move(session, view.case, target, parent) if target else None


def case_actions() -> list[CaseAction]:
    """Every action of the case view, in the order of the buttons."""
    back_stages = tuple(t.source for t in workflow.TRANSITIONS.values() if t.kind == "back")
    return [
        CaseAction("start", translate("CaseActions", "Start investigation"),
                   "start_investigation", ("registered",), _move("investigating")),
        CaseAction("assess", translate("CaseActions", "Assess…"), "assess", ("investigating",), _assess),
        CaseAction("propose", translate("CaseActions", "Propose remedy…"), "propose_remedy", ("remedy",), _propose),
        CaseAction("submit_approval", translate("CaseActions", "Submit for approval…"),
                   "propose_remedy", ("remedy",), _move("approval")),
        CaseAction("approve", translate("CaseActions", "Approve…"), "approve", ("approval",), _move("implementing")),
        CaseAction("send_back", translate("CaseActions", "Send back…"), "approve", ("approval",), _move("remedy")),
        CaseAction("implement", translate("CaseActions", "Record implementation…"),
                   "implement", ("implementing",), _move("follow_up")),
        CaseAction("follow_up", translate("CaseActions", "Record follow-up…"), "follow_up", ("follow_up",), _follow_up),
        CaseAction("close", translate("CaseActions", "Close case…"), "close", ("follow_up",), _move("closed")),
        CaseAction("back", translate("CaseActions", "Back to previous stage…"), "move_back", back_stages, _move_back),
        CaseAction("reopen", translate("CaseActions", "Reopen…"), "reopen", ("closed",), _move("follow_up")),
        CaseAction("severity", translate("CaseActions", "Change severity…"), "set_severity", OPEN_STAGES, _severity),
        CaseAction("penalty", translate("CaseActions", "Staff penalty…"),
                   "penalties", (*OPEN_STAGES, "closed"), _penalty),
        CaseAction("delete", translate("CaseActions", "Delete…"), "delete", OPEN_STAGES, _delete),
    ]


def available_actions(role: str, stage: str) -> list[CaseAction]:
    """The actions to offer ``role`` on a case in ``stage``."""
    return [a for a in case_actions() if stage in a.stages and allowed(role, a.right)]
