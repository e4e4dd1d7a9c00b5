"""One function per user action: permission → validation → one transaction → audit event.

The GUI and the CLI call these and nothing else to change data.
"""
