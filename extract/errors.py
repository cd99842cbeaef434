"""The one exception family of the project. Messages name the file and the next step."""
from __future__ import annotations


class NoticesError(Exception):
    """Base class: a problem a user can act on, never shown as a traceback."""

    kind = "error"

    def __init__(self, message: str, *, path: str | None = None, kind: str | None = None):
        super().__init__(message)
        self.path = path
        if kind:
            self.kind = kind

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class ReadError(NoticesError):
    """A file that could not be read into a Document (the whole file fails)."""

    kind = "unreadable"


class UnsupportedFormat(ReadError):
    kind = "unsupported_format"


class TooBig(ReadError):
    kind = "too_big"


class EncryptedFile(ReadError):
    kind = "encrypted"


class NoText(ReadError):
    kind = "no_text"


class StoreError(NoticesError):
    kind = "store"
