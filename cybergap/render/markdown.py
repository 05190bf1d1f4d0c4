"""The assessment as Markdown, for reports and pull-request comments."""

from __future__ import annotations

import re

from cybergap.model import Assessment, Rating, Status
from cybergap.render.text import clean, rating_code, score

_INLINE = re.compile(r"([\\`*_\[\]~|])")  # code, emphasis, links and images, strike-through, cells
_LINE_START = re.compile(r"^(\s*)(#|[+-](?=\s)|\d+(?=[.)]\s))")  # a heading or list item if it began a line
_MENTION = re.compile(r"(?<![\w@])@(?=\w)")  # @user, @org/team
_REFERENCE = re.compile(r"#(?=\d)")  # #123, owner/repo#123: a cross-reference shown on that issue


def cell(value: object) -> str:
    """Untrusted text shown as written in Markdown (a table cell, a list item, a quote, a heading):
    one line; no raw HTML or entities, links, images, emphasis or code made of its characters; no
    heading or list when it starts a line; and no GitHub @mention or #123 reference, which a
    backslash does not stop (github/markup#1168): an empty HTML comment after the @ or # shows as
    nothing and breaks them."""
    text = clean(value).replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + (r"\#" if m.group(2) == "#" else
                                                    rf"\{m.group(2)}" if m.group(2) in "+-" else m.group(2) + "\\"), text)
    return _REFERENCE.sub("#<!-- -->", _MENTION.sub("@<!-- -->", text))


def code(value: object) -> str:
    """Untrusted text as a Markdown code span, shown exactly: fenced by more backticks than it holds."""
    text = clean(value).replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"



def status(article) -> str:
    text = f"{article.status.symbol} {article.status.word}"
    if article.override is not None and not article.override.expired:
        text += f" (override; computed: {article.computed_status.word})"
    return text


def counted(counts: dict[str, int], only=None) -> str:
    return " · ".join(f"{Status(s).symbol} {Status(s).word} {n}" for s, n in counts.items() if only is None or s in only)


def overridden_counts(a: Assessment, counts: dict[str, int]) -> list[str]:
    """The counts the applied overrides change, beside the computed ones (no lines without overrides)."""
    if not a.applied_overrides():
        return []
    shown = a.counts(overrides=True)
    changed = counted(shown, {s for s, n in shown.items() if n != counts[s]})
    return [f"With overrides ({a.applied_overrides()} applied): {changed or 'the same counts'}", ""]


def render(a: Assessment, articles: list[str] | None = None, sections: list[str] | None = None) -> str:
    shown = [x for x in a.articles if (not articles or x.number in articles) and (not sections or x.section in sections)]
    counts = a.counts()
    ratings = a.rating_counts()
    date = f" ({cell(a.source_date)})" if a.source_date and a.source_date[:4] not in a.source_title else ""
    lines = [
        f"# cybergap assessment: {cell(a.country)} ({cell(a.iso2)}) · {cell(a.framework_title)}",
        "",
        f"**Overall score {score(a.overall)} / 100** · profile {cell(a.profile_version)} · " + counted(counts),
        "",
        *(["**Draft**: coverage not judged yet; draft mappings count as not assessed.", ""] if a.draft else []),
        *overridden_counts(a, counts),
        "Ratings: " + " · ".join(f"{r.value} {ratings[r.value]}" for r in Rating)
        + f" · not assessed {ratings['not_assessed']} (`cybergap explain rating`)",
        "",
        f"Source: {cell(a.source_title)}{date}",
        "",
        "## Sections",
        "",
        "| Section | Score | Articles scored |",
        "|---|---:|---:|",
    ]
    lines += [f"| {cell(s.title)} | {score(s.score)} | {s.articles_scored}/{s.articles_total} |" for s in a.sections]
    lines += ["", "## Articles", "", "| Art. | Title | Rating | Status | Score | Findings |", "|---:|---|---|---|---:|---:|"]
    lines += [f"| {x.number} | {cell(x.title)} | {rating_code(x)} | {status(x)} | {score(x.score)} "
              f"| {len(x.findings)} |" for x in shown]
    lines += ["", "## Findings", ""]
    for article in shown:
        if not article.findings:
            continue
        lines += [f"### Article {article.number} – {cell(article.title)}", ""]
        for f in article.findings:
            refs = ", ".join(cell(a.provisions.get(p, {}).get("label", p)) for p in f.evidence) or "none cited"
            lines += [
                f"- **{f.rule}** ({f.severity}, {cell(f.element)}, {cell(f.convention)}): {cell(f.message)}",
                f"  - Evidence: {refs}",
                f"  - Remedy: {cell(f.remediation)}",
                f"  - Impact if fixed: {f.article_gain:+.1f} article, {f.overall_gain:+.2f} overall",
            ]
        lines.append("")
    if not articles and not sections and a.priorities:
        lines += ["## Priorities", "", "| # | Severity | Reform | Articles | Rules | +Overall |", "|---:|---|---|---|---|---:|"]
        lines += [f"| {p.rank} | {p.severity} | {cell(p.title)} | {', '.join(p.articles)} | {', '.join(p.rules)} "
                  f"| {p.overall_gain:+.1f} |" for p in a.priorities]
        lines.append("")
    if a.not_carried:
        lines += [f"## Budapest gaps that do not carry over ({len(a.not_carried)})", "", "| Rule | Budapest | Why |", "|---|---|---|"]
        lines += [f"| {n.rule} | {cell(n.element)} | {cell(n.reason)} |" for n in a.not_carried]
        lines.append("")
    lines += [f"> {cell(note)}" for note in a.notes]
    return "\n".join(lines).rstrip() + "\n"
