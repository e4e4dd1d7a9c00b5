"""Languages of the desk: Simplified Chinese by default, English = the source strings.

Each UI area ships its own ``resources/i18n/<area>_zh_CN.qm`` (so helpers never edit the
same file); for Chinese every one of them is installed, plus Qt's own translation for
standard buttons and dialogs, and ``qtsupplement_zh_CN`` for the few texts Qt renamed since
its Chinese file was made (the file dialog's 查找范围/文件类型). Switching language takes effect at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studio_desk.resources import resources_dir

I18N_DIR = resources_dir() / "i18n"
# English is not offered: the core's messages, the board's time texts, the timeline and the
# PDFs and workbooks are Chinese by design (the studio's staff and customers read Chinese), so an
# English desk would always be half English. The source strings stay English for Qt's tools.
LANGUAGES = ("zh_CN",)
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []
_current = [DEFAULT_LANGUAGE]


def install(app: QCoreApplication, lang: str) -> list[Path]:
    """Install the translators for ``lang`` (replacing earlier ones); returns the .qm files loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _current[0] = lang
    loaded: list[Path] = []
    if lang == "zh_CN":
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        for qm in [qt_dir / "qtbase_zh_CN.qm", *sorted(I18N_DIR.glob("*_zh_CN.qm"))]:
            translator = QTranslator(app)
            if qm.exists() and translator.load(str(qm)):
                app.installTranslator(translator)
                _installed.append(translator)
                loaded.append(qm)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return loaded


def current() -> str:
    return _current[0]


def vocab_lang() -> str:
    """The ``lang`` argument for :func:`studio_desk.vocab.label` in the current language."""
    return "zh" if current() == "zh_CN" else "en"
