"""StudioDesk's Qt widgets. Qt only: every rule and every write goes through ``studio_desk``.

Importing the package prepares the start-up of the desk:

- The cyclic garbage collector is off until the event loop first runs (``ui.app.prepare_app``
  turns it on again). Start-up creates a few hundred thousand objects that live as long as the
  program, and the collector would scan them again and again on the way: 15–20 ms.
- The core the desk starts with is imported before PySide6. Once PySide6 is loaded, its import
  hook (shibokensupport's ``feature_imported``) reads the source of every module an import
  statement names, looking for "PySide6": about 150 files, 20–30 ms, when the core came later.
"""

import gc
from importlib import import_module

CORE_FIRST = (  # what the start-up checks, the sign-in and the board use
    "studio_desk.backup",
    "studio_desk.board_prefs",
    "studio_desk.changes",
    "studio_desk.deadlines",
    "studio_desk.integrity",
    "studio_desk.services.admin",
    "studio_desk.services.catalog",
    "studio_desk.services.escalation",
    "studio_desk.services.users",
    "studio_desk.workflow",
)

gc.disable()
for _name in CORE_FIRST:
    import_module(_name)
