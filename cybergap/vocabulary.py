"""The vocabulary of results: severities, statuses, coverage, weights and ratings, as enums
(plain strings in JSON). Kept apart from the result records so the command line can name
them without building those."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is; its cap on the element's score (see cybergap.scoring)."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def cap(self) -> float:
        return {"critical": 0.0, "major": 0.5, "minor": 0.75, "info": 1.0}[self.value]

    @property
    def rank(self) -> int:
        """Higher is worse: info 0 … critical 3."""
        return ("info", "minor", "major", "critical").index(self.value)


class Status(StrEnum):
    """An article's status: its symbol and words read without colour."""

    COMPLIANT = "compliant"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"

    @property
    def symbol(self) -> str:
        return {"compliant": "✔", "partial": "◐", "missing": "✘", "not_applicable": "–", "not_assessed": "?"}[self.value]

    @property
    def word(self) -> str:
        return self.value.replace("_", " ")

    @property
    def short(self) -> str:
        """The word in tight table cells ("n/a")."""
        return "n/a" if self is Status.NOT_APPLICABLE else self.word

    @property
    def style(self) -> str:
        return {"compliant": "green", "partial": "yellow", "missing": "red"}.get(self.value, "dim")

    @property
    def rank(self) -> int | None:
        """Better is higher; losing an assessment is worse than any assessed status. None for n/a."""
        return {"not_assessed": 0, "missing": 1, "partial": 2, "compliant": 3}.get(self.value)


class Coverage(StrEnum):
    """How far the cited provisions cover an element (as the profile maps it)."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"
    NOT_APPLICABLE = "not_applicable"
    UNMAPPED = "unmapped"
    DRAFT = "draft"  # in a draft profile: not judged yet; the rules and scores read it as unmapped

    @property
    def score(self) -> float:
        return {"full": 1.0, "partial": 0.5}.get(self.value, 0.0)

    @property
    def covers(self) -> bool:
        """Some cited provision reaches the element (full or partial)."""
        return self in (Coverage.FULL, Coverage.PARTIAL)


class Weight(StrEnum):
    """How much a mandatory element weighs (the catalogue says which, and why)."""

    CORE = "core"  # the obligation itself: the offence, the power, the channel, the basic duty
    ANCILLARY = "ancillary"  # a safeguard formality, a notification, a duty to explain, a scope clause


class Rating(StrEnum):
    """An article's rating on the four-level scale of assessment practice (the FATF
    technical-compliance scale); `cybergap explain rating` gives the rule."""

    C = "C"
    LC = "LC"
    PC = "PC"
    NC = "NC"
    NA = "NA"

    @property
    def word(self) -> str:
        return {"C": "compliant", "LC": "largely compliant", "PC": "partially compliant",
                "NC": "non-compliant", "NA": "not applicable"}[self.value]

    @property
    def style(self) -> str:
        return {"C": "green", "LC": "cyan", "PC": "yellow", "NC": "red"}.get(self.value, "dim")

    @property
    def rank(self) -> int | None:
        """Better is higher: NC 0 … C 3; None for NA."""
        return {"NC": 0, "PC": 1, "LC": 2, "C": 3}.get(self.value)
