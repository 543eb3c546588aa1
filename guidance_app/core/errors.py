"""One family of errors for the whole core, and the `Problem` record that content errors carry."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Position(Protocol):
    """A place in a file: 1-based line and column."""

    @property
    def line(self) -> int: ...

    @property
    def col(self) -> int: ...


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, pointing at a file, line and column (1-based)."""

    path: Path
    line: int
    col: int
    message: str

    @classmethod
    def at(cls, path: Path, where: Position, message: str) -> Problem:
        """A problem at `where`: anything with a 1-based line and column (a YAML mark)."""
        return cls(path, where.line, where.col, message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def format(self) -> str:
        """`file:line:col: message`, the path shown relative to the current folder when it is
        inside it (how the command line and the problems dialog show it)."""
        path = self.path
        with contextlib.suppress(ValueError, OSError):
            path = path.relative_to(Path.cwd())
        return f"{path}:{self.line}:{self.col}: {self.message}"


class GuidanceError(Exception):
    """Base class of every error the core raises on purpose."""


class ContentFileError(GuidanceError):
    """A content file cannot be used at all; carries the problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class ContentNotFoundError(GuidanceError):
    """The content folder does not exist or holds no schools."""


class WizardError(GuidanceError):
    """A wizard was asked something it cannot do (an unknown answer, a finished wizard...)."""


class SearchIndexError(GuidanceError):
    """The search index could not be built or opened."""


class UnknownNameError(GuidanceError):
    """Something was asked for by a name (a school, a guided answer, a deck, a situation) that the
    library does not have; the message lists what there is."""


class SettingValueError(GuidanceError):
    """A deployment setting's value cannot be used; the message says what would be right."""


class DocumentImportError(GuidanceError):
    """A document cannot be imported as a policy (a scan, a password, an old .doc, a damaged or
    oversized file, a file that is not what its name says); the message says what to do instead.
    Nothing is written when this is raised."""


class ContentWriteError(GuidanceError):
    """A content file cannot be changed (not a regular file, not writable, or the change would
    leave it unloadable); the message says why in plain words. The file is left as it was."""
