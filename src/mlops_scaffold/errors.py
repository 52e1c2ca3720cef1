"""Typed errors. The CLI turns each into one red line plus a hint, never a traceback."""

from __future__ import annotations


class MlopsError(Exception):
    """Base class: a problem the user can fix. `hint` says how."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(MlopsError):
    """Bad arguments or answers (exit code 2)."""


class DestinationError(MlopsError):
    """The destination folder cannot be used as asked."""


class TemplateError(MlopsError):
    """The template could not be found or rendered."""


class AnswerError(UsageError):
    """An answer to a template question is invalid; `question` names it, when known."""

    def __init__(self, message: str, hint: str | None = None, question: str | None = None) -> None:
        super().__init__(message, hint)
        self.question = question


class ToolMissingError(MlopsError):
    """An external program (git, dvc, python) the step needs is not installed."""


class StepFailedError(MlopsError):
    """An external command failed; `output` holds the tail of what it printed."""

    exit_code = 1

    def __init__(self, message: str, output: str = "", hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.output = output


class RepoReadError(MlopsError):
    """A path to audit or modify does not exist or cannot be read."""
