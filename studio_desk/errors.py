"""Errors a user can cause. Each carries a Chinese message meant to be shown as it is.

Programming errors are ordinary Python exceptions and must fail loudly; only these
domain errors are caught by the UI and the CLI and shown to the user.
"""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the user can understand and act on."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(DomainError):
    """One or more fields are invalid; ``problems`` maps field name → message, in form order."""

    def __init__(self, problems: dict[str, str]) -> None:
        first_field, first_message = next(iter(problems.items()))
        super().__init__(first_message, first_field)
        self.problems = problems


class PermissionDenied(DomainError):
    pass


class NotFound(DomainError):
    pass


class StaleEdit(DomainError):
    """Someone else saved the case after it was loaded; nothing was written."""

    def __init__(self, case_no: str) -> None:
        super().__init__(f"案件 {case_no} 已被其他人修改，请重新打开后再编辑，本次修改未保存。")
        self.case_no = case_no


class TransitionRefused(DomainError):
    """A stage move the workflow does not allow; ``missing`` lists what is needed and
    ``problems`` gives each missing field its own message, so a dialog can show it there."""

    def __init__(self, message: str, missing: list[str] | None = None, problems: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.missing = missing or []
        self.problems = problems or {}


class AuthError(DomainError):
    pass


class SchemaError(DomainError):
    pass
