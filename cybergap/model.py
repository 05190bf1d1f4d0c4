"""Results of an assessment: frozen dataclasses, computed, never typed by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

from cybergap.vocabulary import Coverage, Rating, Severity, Status, Weight  # noqa: F401 (re-exported)

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
    draft: bool = False  # profile.status is draft: its coverage is not judged yet (said in every output)
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
