"""The state one validation run shares between rules: the document, the version, the issues."""

from __future__ import annotations

from typing import Any

from flowtui.flowjson import versions
from flowtui.flowjson.issues import Issue, Pointer
from flowtui.flowjson.parser import ParsedJson
from flowtui.flowjson.source_map import format_path

Path = tuple[str | int, ...]


class Context:
    """Collects issues for one document; every rule reports through :meth:`report`."""

    def __init__(self, document: ParsedJson, *, for_publishing: bool) -> None:
        self.document = document
        self.for_publishing = for_publishing
        # What the rules reported, positions still to find: error, message, path, key, related.
        self._reports: list[tuple[str, str, Path, bool, tuple[Path, ...]]] = []
        # The version rules are checked against. An unknown or missing version is reported once
        # and the remaining rules then use the newest version, so the rest still gets checked.
        self._version: str = versions.LATEST_VERSION
        self._at_least: dict[str, bool] = {}

    @property
    def version(self) -> str:
        return self._version

    @version.setter
    def version(self, value: str) -> None:
        self._version = value
        self._at_least.clear()

    @property
    def root(self) -> Any:
        return self.document.value

    def at_least(self, minimum: str) -> bool:
        """True when the document's version is ``minimum`` or newer (answers are cached)."""
        answer = self._at_least.get(minimum)
        if answer is None:
            answer = self._at_least[minimum] = versions.at_least(self.version, minimum)
        return answer

    def report(
        self,
        error: str,
        message: str,
        path: Path,
        *,
        key: bool = False,
        related: tuple[Path, ...] = (),
    ) -> None:
        """Record an issue at the value (or, with ``key``, the key) found at ``path``.

        ``related`` adds pointers to other places involved (e.g. the first of two duplicate ids).
        Positions are found later, all at once, by :meth:`issues`.
        """
        self._reports.append((error, message, path, key, related))

    def issues(self) -> list[Issue]:
        """Every issue reported, with its positions."""
        requests: list[tuple[Path, bool]] = []
        for _, _, path, key, related in self._reports:
            requests.append((path, key))
            requests.extend((other, False) for other in related)
        positions = iter(self.document.locate_all(requests))
        issues: list[Issue] = []
        for error, message, path, _, related in self._reports:
            position = next(positions)
            pointers = [Pointer(position, format_path(path))]
            pointers.extend(Pointer(next(positions), format_path(other)) for other in related)
            issues.append(Issue(error, message, position, tuple(pointers)))
        return issues
