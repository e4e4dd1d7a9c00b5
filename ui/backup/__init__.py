"""Backups in the desk (数据 menu): 立即备份, 从备份恢复, 完整性检查, and the checks at start-up.

Everything long runs as a progress op (:func:`ui.ops.progress_op`) and goes on in its callbacks; every rule and
every write is in :mod:`studio_desk.backup`, :mod:`studio_desk.restore` and
:mod:`studio_desk.integrity`. The menu entries are in :mod:`ui.backup.actions`, the start-up
checks in :mod:`ui.backup.recovery`, the backup as the desk closes in :mod:`ui.backup.exit_backup`;
the restore dialog loads only when a restore is chosen.
"""
