"""The assessment as Markdown, for reports and pull-request comments."""

from __future__ import annotations

from cybergap.model import Assessment
from cybergap.render.text import clean

SYMBOL = {"compliant": "✔", "partial": "◐", "missing": "✘", "not_applicable": "–", "not_assessed": "?"}


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no pipes, newlines or raw HTML."""
    text = clean(value).replace("\n", " ").replace("|", "\\|")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def status(article) -> str:
    text = f"{SYMBOL[article.status]} {article.status.replace('_', ' ')}"
    if article.override is not None and not article.override.expired:
        text += f" (override; computed: {article.computed_status.replace('_', ' ')})"
    return text


def overridden_counts(a: Assessment, counts: dict[str, int]) -> list[str]:
    """The counts the applied overrides change, beside the computed ones (no lines without overrides)."""
    if not a.applied_overrides():
        return []
    shown = a.counts(overrides=True)
    changed = " · ".join(f"{SYMBOL[s]} {s.replace('_', ' ')} {n}" for s, n in shown.items() if n != counts[s])
    return [f"With overrides ({a.applied_overrides()} applied): {changed or 'the same counts'}", ""]


def render(a: Assessment, articles: list[str] | None = None, sections: list[str] | None = None) -> str:
    shown = [x for x in a.articles if (not articles or x.number in articles) and (not sections or x.section in sections)]
    counts = a.counts()
    lines = [
        f"# cybergap assessment: {cell(a.country)} ({cell(a.iso2)})",
        "",
        f"**Overall score {score(a.overall)} / 100** · profile {cell(a.profile_version)} · "
        + " · ".join(f"{SYMBOL[s]} {s.replace('_', ' ')} {n}" for s, n in counts.items()),
        "",
        *overridden_counts(a, counts),
        f"Source: {cell(a.source_title)} ({cell(a.source_date)})",
        "",
        "## Sections",
        "",
        "| Section | Score | Articles scored |",
        "|---|---:|---:|",
    ]
    lines += [f"| {cell(s.title)} | {score(s.score)} | {s.articles_scored}/{s.articles_total} |" for s in a.sections]
    lines += ["", "## Articles", "", "| Art. | Title | Status | Score | Findings |", "|---:|---|---|---:|---:|"]
    lines += [f"| {x.number} | {cell(x.title)} | {status(x)} | {score(x.score)} | {len(x.findings)} |" for x in shown]
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
    if not articles and not sections:
        top = [f for f in a.findings if f.overall_gain > 0][:10]
        lines += ["## Top gaps by impact", "", "| # | Rule | Art. | Gap | +Overall |", "|---:|---|---:|---|---:|"]
        lines += [f"| {i} | {f.rule} | {f.article} | {cell(f.message)} | {f.overall_gain:+.2f} |" for i, f in enumerate(top, 1)]
        lines.append("")
    lines += [f"> {cell(note)}" for note in a.notes]
    return "\n".join(lines).rstrip() + "\n"
