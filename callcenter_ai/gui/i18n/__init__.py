"""Qt translations of the window: ``callcenter_<lang>.ts`` sources and compiled ``.qm`` files.

UI strings are written in English inside ``tr()``; Russian is the default
language.  After changing strings run ``python -m callcenter_ai.gui.i18n``
(pyside6-lupdate, then pyside6-lrelease), translate the new entries in the
``.ts`` files (Qt Linguist: ``pyside6-linguist``) and run it again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent
LANGUAGES = ("ru", "en")


def qm_path(language: str) -> Path:
    return I18N_DIR / f"callcenter_{language}.qm"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's own (buttons of standard dialogs) for ``language``."""
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(qm_path(language))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation for %r at %s; showing English", language, qm_path(language))
    qt_base = QTranslator(app)
    if qt_base.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    QLocale.setDefault(QLocale(QLocale.Language.Russian if language == "ru" else QLocale.Language.English))
    return installed
