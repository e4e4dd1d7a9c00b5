"""The case view (案件): every field of a case, its timeline, attachments, notes and actions."""
