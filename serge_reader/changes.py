"""What a write changed in the library, so that every view decides for itself what to reload.

One `Change` is announced after every write the window makes (see `operations`) and after
the library is found changed by another program (the CLI, a second window): views subscribe
to that one channel instead of being refreshed by hand from wherever the write happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """The parts of the library a write touched. `everything` when that is not known (a
    write by another program, an import, a restore): then every view reloads what it shows."""

    notes: frozenset[int] = field(default_factory=frozenset)  # written, added or deleted
    entries: frozenset[str] = field(default_factory=frozenset)  # slugs whose notes changed
    progress: frozenset[str] = field(default_factory=frozenset)  # works whose progress changed
    tags: bool = False  # the set of tags in use may have changed
    everything: bool = False

    @classmethod
    def all(cls) -> Change:
        return cls(everything=True)

    def touches_notes(self) -> bool:
        return self.everything or bool(self.notes)

    def touches_progress(self) -> bool:
        return self.everything or bool(self.progress)

    def touches_entry(self, slug: str) -> bool:
        """Whether the page of entry `slug` may show something else now: its notes, or its
        progress for a work."""
        return self.everything or slug in self.entries or slug in self.progress

    def __or__(self, other: Change) -> Change:
        return Change(
            notes=self.notes | other.notes,
            entries=self.entries | other.entries,
            progress=self.progress | other.progress,
            tags=self.tags or other.tags,
            everything=self.everything or other.everything,
        )
