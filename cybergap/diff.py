"""What changed between two versions of a profile, and what that did to the assessment.

Plain data in (two Documents and their Assessments), a frozen Delta out; rendering is elsewhere.
Findings are matched by rule, article, element and evidence, never by line numbers.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from cybergap.loader import Document
from cybergap.model import ArticleResult, Assessment, Finding, Override, Rating, Status



@dataclass(frozen=True)
class ArticleChange:
    """An article whose status, computed status, score or override changed.

    The direction is judged on the computed status, the rating and the score, never on an override:
    an override is an analyst's opinion beside the computation, and must not hide a loss.
    """

    old: ArticleResult
    new: ArticleResult
    direction: str  # better | worse | changed

    @property
    def number(self) -> str:
        return self.new.number

    @property
    def title(self) -> str:
        return self.new.title

    @property
    def old_status(self) -> str:  # as shown: the override's when one applies
        return self.old.status

    @property
    def new_status(self) -> str:
        return self.new.status

    @property
    def old_score(self) -> float | None:
        return self.old.score

    @property
    def new_score(self) -> float | None:
        return self.new.score

    @property
    def worse(self) -> str:
        """What got worse: 'status partial -> missing (score 50.0 -> 0.0)' or 'score 37.5 -> 25.0'."""
        old, new = self.old, self.new
        scores = f"score {old.score:.1f} -> {new.score:.1f}" if None not in (old.score, new.score) and old.score != new.score else ""
        ratings = f"rating {_rating(old)} -> {_rating(new)}" if old.rating != new.rating else ""
        if old.computed_status != new.computed_status:
            text = f"status {_word(old.computed_status)} -> {_word(new.computed_status)}" + (f" ({scores})" if scores else "")
        else:
            text = scores
        text = "; ".join(part for part in (ratings, text) if part)
        if new.status != new.computed_status:
            text += f"; an override shows it as {_word(new.status)}"
        return text


def _word(status: str) -> str:
    return status.replace("_", " ")


def _rating(article: ArticleResult) -> str:
    return article.rating.value if article.rating else "not rated"


@dataclass(frozen=True)
class OverrideChange:
    article: str
    kind: str  # added | removed | changed
    old: Override | None
    new: Override | None
    line: int | None  # on the new side (old side for removed)


@dataclass(frozen=True)
class SectionChange:
    id: str
    title: str
    old_score: float | None
    new_score: float | None


@dataclass(frozen=True)
class ProvisionChange:
    id: str
    kind: str  # added | removed | reworded
    label: str
    line: int | None  # on the new side (old side for removed)
    wording: tuple[str, ...] = ()  # word-level diff of each changed excerpt


@dataclass(frozen=True)
class FactChange:
    where: str  # e.g. "provision pc-205: facts.penalties[0].arrest_days_max" or "mapping 16.1: coverage"
    old: object
    new: object
    line: int | None  # on the new side


@dataclass(frozen=True)
class Delta:
    old: str
    new: str
    old_overall: float | None
    new_overall: float | None
    sections: tuple[SectionChange, ...]
    articles: tuple[ArticleChange, ...]  # only those whose status or score changed
    unchanged_articles: int
    resolved: tuple[Finding, ...]
    introduced: tuple[Finding, ...]
    provisions: tuple[ProvisionChange, ...]
    facts: tuple[FactChange, ...]
    overrides: tuple[OverrideChange, ...]  # added, removed or changed, applied or expired
    framework: str = "budapest"  # the framework both sides were assessed against
    framework_title: str = "Convention on Cybercrime"

    @property
    def regressions(self) -> list[str]:
        """Why this change is worse, one reason a line (empty when it is not)."""
        reasons = []
        if (self.new_overall or 0) < (self.old_overall or 0):
            reasons.append(f"overall score dropped from {self.old_overall} to {self.new_overall}")
        reasons += [f"Article {a.number} got worse: {a.worse}" for a in self.articles if a.direction == "worse"]
        return reasons

    @property
    def changed(self) -> bool:
        return bool(self.articles or self.resolved or self.introduced or self.provisions or self.facts
                    or self.overrides or self.old_overall != self.new_overall)


def direction(old_status: Status, new_status: Status, old_score, new_score, old_rating=None, new_rating=None) -> str:
    """better | worse | changed: by the computed status, then the rating (an article that drops
    from LC to PC is worse), then the score."""
    for old_rank, new_rank in ((Status(old_status).rank, Status(new_status).rank),
                               (_rating_rank(old_rating), _rating_rank(new_rating))):
        if old_rank is not None and new_rank is not None and old_rank != new_rank:
            return "better" if new_rank > old_rank else "worse"
    if old_score is not None and new_score is not None and old_score != new_score:
        return "better" if new_score > old_score else "worse"
    return "changed"


def _rating_rank(rating) -> int | None:
    return Rating(rating).rank if rating else None


def finding_key(finding: Finding) -> tuple:
    return (finding.rule, finding.article, finding.element, finding.evidence)


def _unmatched(findings, others) -> tuple[Finding, ...]:
    remaining = Counter(finding_key(f) for f in others)
    result = []
    for finding in findings:
        key = finding_key(finding)
        if remaining[key]:
            remaining[key] -= 1
        else:
            result.append(finding)
    return tuple(result)


# Above this many word pairs (middle of old x middle of new) the changed middle is shown as replaced
# whole: difflib's matching is quadratic or worse on long repetitive text, and 500 x 500 words of it
# take a few hundredths of a second. Real excerpts are a few dozen to a few hundred words.
EXACT_PAIRS = 250_000


def word_diff(old: str, new: str) -> str:
    """'[-old words-]{+new words+}' marks over the words that changed.

    The words both sides start and end with are set aside first, so one change in a long
    excerpt costs only its own length; what is left is matched word by word while it is small
    enough, else marked as replaced whole.
    """
    a, b = old.split(), new.split()
    shortest = min(len(a), len(b))
    start = 0
    while start < shortest and a[start] == b[start]:
        start += 1
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle_a, middle_b = a[start:len(a) - end], b[start:len(b) - end]
    out = [" ".join(a[:start])] if start else []
    if len(middle_a) * len(middle_b) <= EXACT_PAIRS:
        opcodes = difflib.SequenceMatcher(a=middle_a, b=middle_b, autojunk=False).get_opcodes()
    else:
        opcodes = [("replace", 0, len(middle_a), 0, len(middle_b))]
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            out.append(" ".join(middle_a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + " ".join(middle_a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(middle_b[j1:j2]) + "+}")
    if end:
        out.append(" ".join(a[len(a) - end:]))
    return " ".join(out)


def provision_changes(old: Document, new: Document, old_labels: dict, new_labels: dict) -> list[ProvisionChange]:
    """Provisions added, removed or re-worded; labels as the assessments give them ('PC Article 205')."""
    old_by_id = {p["id"]: (i, p) for i, p in enumerate(old.data.get("provisions", []))}
    new_by_id = {p["id"]: (i, p) for i, p in enumerate(new.data.get("provisions", []))}
    changes = []
    for pid, (index, provision) in new_by_id.items():
        line = new.mark(("provisions", index)).line
        if pid not in old_by_id:
            changes.append(ProvisionChange(pid, "added", new_labels[pid]["label"], line))
            continue
        before = [" ".join(e["text"].split()) for e in old_by_id[pid][1].get("excerpts", [])]
        after = [" ".join(e["text"].split()) for e in provision.get("excerpts", [])]
        gone = [t for t in before if t not in after]
        came = [t for t in after if t not in before]
        if gone or came:  # excerpts only reordered are not a re-wording
            pairs = list(zip(gone, came)) + [(t, "") for t in gone[len(came):]] + [("", t) for t in came[len(gone):]]
            wording = tuple(word_diff(a, b) for a, b in pairs)
            changes.append(ProvisionChange(pid, "reworded", new_labels[pid]["label"], line, wording))
    for pid, (index, _) in old_by_id.items():
        if pid not in new_by_id:
            changes.append(ProvisionChange(pid, "removed", old_labels[pid]["label"], old.mark(("provisions", index)).line))
    return changes


def _flatten(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, path + (key,))
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for index, item in enumerate(value):
            yield from _flatten(item, path + (index,))
    else:
        yield path, value


def _dotted(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _version_2(data: dict) -> dict:
    """The profile's data as schema version 2, where facts are compared: `cybergap migrate`
    rewrites penalty and gravity-class keys, and that is not a change of facts."""
    from cybergap.migrate import upgrade

    return upgrade(data) if data.get("schema_version") == 1 else data


def fact_changes(old: Document, new: Document) -> list[FactChange]:
    """Changed facts of provisions present on both sides, and changed mappings, with new-side lines;
    a change of schema version is one row, and then facts are compared in version 2's form."""
    changes = []
    old_data, new_data = old.data, new.data
    old_version, new_version = old_data.get("schema_version"), new_data.get("schema_version")
    if old_version != new_version:  # compared as version 2 only then: same-version paths stay the file's own
        changes.append(FactChange("schema_version", old_version, new_version, new.mark(("schema_version",)).line))
        old_data, new_data = _version_2(old_data), _version_2(new_data)
    old_provisions = {p["id"]: p for p in old_data.get("provisions", [])}
    for index, provision in enumerate(new_data.get("provisions", [])):
        before = old_provisions.get(provision["id"])
        if before is None:
            continue
        a = dict(_flatten(before.get("facts", {})))
        b = dict(_flatten(provision.get("facts", {})))
        for path in sorted(set(a) | set(b), key=str):
            if a.get(path) != b.get(path):
                where = ("provisions", index, "facts") + path
                changes.append(FactChange(f"provision {provision['id']}: facts.{_dotted(path)}", a.get(path), b.get(path),
                                          new.mark(where).line))
    old_mappings = {m["element"]: m for m in old.data.get("mappings", [])}
    new_mappings = {m["element"]: (i, m) for i, m in enumerate(new.data.get("mappings", []))}
    for element, (index, mapping) in new_mappings.items():
        before = old_mappings.get(element, {})
        for key in ("coverage", "provisions", "parts"):
            if before.get(key) != mapping.get(key):
                changes.append(FactChange(f"mapping {element}: {key}", before.get(key), mapping.get(key),
                                          new.mark(("mappings", index, key)).line))
    for element, mapping in old_mappings.items():
        if element not in new_mappings:
            changes.append(FactChange(f"mapping {element}", mapping.get("coverage"), None, None))
    return changes


def _override_line(document: Document, number: str) -> int | None:
    """The line of the override that applies to an article (the first one naming it, as scoring reads them)."""
    for index, item in enumerate(document.data.get("overrides", [])):
        if item.get("article") == number:
            return document.mark(("overrides", index)).line
    return None


def override_changes(old_doc: Document, old: Assessment, new_doc: Document, new: Assessment) -> list[OverrideChange]:
    old_articles = {a.number: a for a in old.articles}
    changes = []
    for article in new.articles:
        before, after = old_articles[article.number].override, article.override
        if before == after:
            continue
        if before is None:
            changes.append(OverrideChange(article.number, "added", None, after, _override_line(new_doc, article.number)))
        elif after is None:
            changes.append(OverrideChange(article.number, "removed", before, None, _override_line(old_doc, article.number)))
        else:
            changes.append(OverrideChange(article.number, "changed", before, after, _override_line(new_doc, article.number)))
    return changes


def compare(old_doc: Document, old: Assessment, new_doc: Document, new: Assessment,
            old_name: str, new_name: str) -> Delta:
    old_articles = {a.number: a for a in old.articles}
    articles, unchanged = [], 0
    for article in new.articles:
        before = old_articles[article.number]
        if (before.status, before.computed_status, before.rating, before.score) == \
                (article.status, article.computed_status, article.rating, article.score):
            unchanged += 1
            continue
        articles.append(ArticleChange(before, article, direction(before.computed_status, article.computed_status,
                                                                 before.score, article.score, before.rating, article.rating)))
    old_sections = {s.id: s for s in old.sections}
    sections = tuple(SectionChange(s.id, s.title, old_sections[s.id].score, s.score) for s in new.sections)
    return Delta(
        old=old_name, new=new_name, old_overall=old.overall, new_overall=new.overall, sections=sections,
        articles=tuple(articles), unchanged_articles=unchanged,
        resolved=_unmatched(old.findings, new.findings), introduced=_unmatched(new.findings, old.findings),
        provisions=tuple(provision_changes(old_doc, new_doc, old.provisions, new.provisions)), facts=tuple(fact_changes(old_doc, new_doc)),
        overrides=tuple(override_changes(old_doc, old, new_doc, new)),
        framework=new.framework, framework_title=new.framework_title,
    )
