"""Every user-visible string in ui/ has a finished Simplified Chinese translation, the shipped
.qm files are compiled from the current .ts files, and the installed translators use them.

Strings are found the way Qt finds them: pyside6-lupdate runs over each UI area into a
temporary .ts, which is compared with the shipped resources/i18n/<area>_zh_CN.ts.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
I18N = ROOT / "resources" / "i18n"
BAD_CONTEXTS = ("", "QCoreApplication")


def _tool(name: str) -> str:
    path = shutil.which(f"pyside6-{name}")
    if path is None:
        pytest.fail(f"pyside6-{name} not found: it comes with the PySide6 package")
    return path


def areas() -> dict[str, list[Path]]:
    """Area name → its Python files: files directly in ui/ are 'desk', each folder is its own area."""
    found = {"desk": sorted(UI.glob("*.py"))}
    for folder in sorted(p for p in UI.iterdir() if p.is_dir() and not p.name.startswith("__")):
        files = sorted(folder.rglob("*.py"))
        if files:
            found[folder.name] = files
    return found


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation; '' when unfinished, vanished or obsolete."""
    messages: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") is None and (translation.text or "").strip()
            messages[(name, message.findtext("source") or "")] = translation.text if done else ""
    return messages


def _command(area: str) -> str:
    sources = "ui/*.py" if area == "desk" else f"-extensions py ui/{area}"
    ts = f"resources/i18n/{area}_zh_CN.ts"
    return (f"Run: pyside6-lupdate {sources} -ts {ts} -no-obsolete  (fill in the Chinese)  then  "
            f"pyside6-lrelease {ts} -qm {ts[:-3]}.qm")


@pytest.mark.parametrize("area", sorted(areas()))
def test_every_string_has_a_finished_chinese_translation(area, tmp_path):
    extracted = tmp_path / f"{area}.ts"
    files = [str(f) for f in areas()[area]]
    subprocess.run([_tool("lupdate"), "-silent", *files, "-ts", str(extracted), "-no-obsolete"], check=True)
    found = read_ts(extracted)
    if not found:
        return
    bad_contexts = sorted({src for (ctx, src) in found if ctx in BAD_CONTEXTS})
    assert not bad_contexts, (
        f"ui/{area}: these strings have no usable translation context (a module-level tr() helper?): "
        f"{bad_contexts[:10]}. lupdate cannot see the context a helper passes; call "
        "QCoreApplication.translate('Context', 'text') with literal strings, or self.tr() in a QObject."
    )
    shipped_path = I18N / f"{area}_zh_CN.ts"
    assert shipped_path.exists(), f"ui/{area} has {len(found)} strings but no {shipped_path.name}. {_command(area)}"
    shipped = read_ts(shipped_path)
    missing = [f"{ctx}: {src!r}" for (ctx, src) in found if not shipped.get((ctx, src))]
    assert not missing, (f"{len(missing)} string(s) in ui/{area} without a finished Chinese translation in "
                         f"{shipped_path.name}:\n  " + "\n  ".join(missing[:40]) + f"\n{_command(area)}")


@pytest.mark.parametrize("ts", sorted(I18N.glob("*_zh_CN.ts")), ids=lambda p: p.stem)
def test_qm_is_compiled_from_the_current_ts(ts, tmp_path):
    shipped = ts.with_suffix(".qm")
    assert shipped.exists(), f"{shipped.name} is missing: pyside6-lrelease {ts.name} -qm {shipped.name}"
    fresh = tmp_path / shipped.name
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == shipped.read_bytes(), (
        f"{shipped.name} is older than {ts.name}: pyside6-lrelease resources/i18n/{ts.name} "
        f"-qm resources/i18n/{shipped.name}")


def test_the_installed_translators_give_every_shipped_translation(qapp):
    loaded = i18n.install(qapp, "zh_CN")
    assert {p.name for p in loaded} >= {p.with_suffix(".qm").name for p in I18N.glob("*_zh_CN.ts")}
    wrong = []
    for ts in sorted(I18N.glob("*_zh_CN.ts")):
        for (context, source), translation in read_ts(ts).items():
            if translation and QCoreApplication.translate(context, source) != translation:
                wrong.append(f"{ts.name} {context}: {source!r}")
    assert not wrong, "translated differently at run time (same context and text in two .ts files?):\n" + "\n".join(
        wrong)


def test_a_stored_english_setting_still_gives_the_chinese_desk(qapp):
    """English was offered once; a desk that chose it starts in Chinese now, the only language."""
    assert i18n.LANGUAGES == ("zh_CN",)
    i18n.install(qapp, "en")
    assert i18n.current() == "zh_CN" and i18n.vocab_lang() == "zh"
    assert QCoreApplication.translate("MainWindow", "Board") == "看板"


def test_qt_own_dialogs_speak_chinese(qtbot):
    """Qt's own widgets (the file dialog's 查找范围/文件类型, standard buttons) come from qtbase_zh_CN,
    installed with ours."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

    assert any(path.name == "qtbase_zh_CN.qm" for path in i18n.install(QCoreApplication.instance(), "zh_CN"))
    dialog = QFileDialog(None, "保存", "", "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts, texts
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
