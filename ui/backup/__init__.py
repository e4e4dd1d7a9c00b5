"""Backups in the desk (数据 menu): 立即备份, 从备份恢复, 完整性检查, and the checks at start-up.

Everything long runs through :func:`ui.progress_dialog.run_with_progress`; every rule and
every write is in :mod:`studio_desk.backup`, :mod:`studio_desk.restore` and
:mod:`studio_desk.integrity`.
"""

from ui.backup.actions import backup_actions
from ui.backup.recovery import backup_warning_text, startup_checks

__all__ = ["backup_actions", "backup_warning_text", "startup_checks"]
