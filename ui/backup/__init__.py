"""Backups in the desk (数据 menu): 立即备份, 从备份恢复, 完整性检查, and the checks at start-up.

Everything long runs through :func:`ui.progress_dialog.run_with_progress`; every rule and
every write is in :mod:`studio_desk.backup`, :mod:`studio_desk.restore` and
:mod:`studio_desk.integrity`. The menu entries are in :mod:`ui.backup.actions`, the start-up
checks in :mod:`ui.backup.recovery`; the restore dialog loads only when a restore is chosen.
"""
