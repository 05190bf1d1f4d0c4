"""Results of an assessment: frozen dataclasses, computed, never typed by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
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


STATUSES = tuple(Status)
RATINGS = tuple(Rating)


@dataclass(frozen=True)
class Finding:
    rule: str  # stable code, e.g. "LP01"
    name: str  # short name, e.g. "no-legal-person-liability"
    severity: Severity
    article: str
    element: str  # the element it rests on
    message: str
    convention: str  # the Convention paragraph(s), e.g. "Art. 16.1-16.2"
    evidence: tuple[str, ...] = ()  # provision ids
    remediation: str = ""
    elements: tuple[str, ...] = ()  # every element it affects (element first)
    fixed_by_coverage: bool = False  # covering its elements fully would remove it (scoring's impact)
    weight: str = ""  # the element's weight (core | ancillary), "" for an optional element
    reform: str = ""  # the reform that answers it (its rule's); "" for a generic coverage finding
    # Filled in by scoring: what fixing it would add, in points.
    article_gain: float = 0.0
    overall_gain: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "severity", Severity(self.severity))

    @property
    def affected(self) -> tuple[str, ...]:
        return self.elements or (self.element,)


@dataclass(frozen=True)
class ElementResult:
    id: str
    label: str
    obligation: str  # mandatory | optional
    coverage: Coverage
    provisions: tuple[str, ...]
    score: float | None  # 0..1; None when excluded or not scored
    weight: str = ""  # core | ancillary for a mandatory element
    verified: bool = True  # False: the catalogue could not check it against an official text
    excluded: str = ""  # why it is left out of the score
    note: str = ""


@dataclass(frozen=True)
class Override:
    status: Status
    justification: str
    approver: str = ""
    expires: str = ""
    expired: bool = False


@dataclass(frozen=True)
class ArticleResult:
    number: str
    title: str
    section: str
    status: Status  # the status shown: the override's when one applies, else computed
    computed_status: Status
    score: float | None  # 0..100; None when not scored
    scored_elements: int  # the denominator
    excluded_elements: int
    elements: tuple[ElementResult, ...]
    findings: tuple[Finding, ...]
    override: Override | None = None
    rating: Rating | None = None  # None: not assessed (no evidence either way)

    def __post_init__(self):
        object.__setattr__(self, "status", Status(self.status))
        object.__setattr__(self, "computed_status", Status(self.computed_status))
        if self.rating is not None:
            object.__setattr__(self, "rating", Rating(self.rating))


@dataclass(frozen=True)
class SectionResult:
    id: str
    title: str
    score: float | None
    articles_scored: int
    articles_total: int


@dataclass(frozen=True)
class NotCarried:
    """A Budapest finding that does not carry over to another framework, and why."""

    rule: str
    severity: Severity
    article: str  # Budapest's
    element: str  # Budapest's
    message: str
    reason: str


@dataclass(frozen=True)
class Priority:
    """One reform, and the findings it would answer together, ranked (see cybergap.priorities)."""

    rank: int
    title: str
    severity: Severity  # the worst of its findings
    core: bool  # it answers a finding on a core element
    articles: tuple[str, ...]
    elements: tuple[str, ...]
    rules: tuple[str, ...]
    provisions: tuple[str, ...]  # the evidence its findings cite
    remedies: tuple[str, ...]
    overall_gain: float  # points the overall score gains if every finding of it is fixed
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Assessment:
    profile_path: str
    country: str
    iso2: str
    profile_version: str
    source_title: str
    source_date: str
    overall: float | None
    sections: tuple[SectionResult, ...]
    articles: tuple[ArticleResult, ...]
    findings: tuple[Finding, ...]  # all findings, ranked by impact
    notes: tuple[str, ...] = field(default_factory=tuple)
    # provision id -> {"label": "PC Article 205", "title": ..., "excerpts": [...]}, for display
    provisions: dict = field(default_factory=dict)
    priorities: tuple[Priority, ...] = ()
    framework: str = "budapest"
    framework_title: str = "Convention on Cybercrime"
    not_carried: tuple[NotCarried, ...] = ()  # under another framework: Budapest gaps that vanish

    def rating_counts(self) -> dict[str, int]:
        """Articles per rating, and those not assessed."""
        counts = {rating.value: 0 for rating in RATINGS} | {"not_assessed": 0}
        for article in self.articles:
            counts[article.rating.value if article.rating else "not_assessed"] += 1
        return counts

    def counts(self, overrides: bool = False) -> dict[str, int]:
        """Articles per computed status, the headline; with `overrides`, per status shown
        (an applied override's status instead of the computed one)."""
        counts = {status: 0 for status in STATUSES}
        for article in self.articles:
            counts[article.status if overrides else article.computed_status] += 1
        return counts

    def applied_overrides(self) -> int:
        """How many articles an override (not expired) gives a status."""
        return sum(1 for article in self.articles if article.override is not None and not article.override.expired)
