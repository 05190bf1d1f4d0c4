"""The assessment for a terminal, with rich. Status reads without colour (symbol + word)."""

from __future__ import annotations

from cybergap.model import ArticleResult, Assessment, Finding, Rating, Status
from cybergap.render.text import clean, plain, score

SEVERITY_STYLE = {"critical": "bold red", "major": "red", "minor": "yellow", "info": "cyan"}
TOP_PRIORITIES = 10


def status_text(status: str):
    from rich.text import Text

    status = Status(status)
    return Text(f"{status.symbol} {status.short}", style=status.style)


def article_status(article: ArticleResult, stacked: bool = False):
    """The status shown and, under an applied override, the computed one beside it.

    `stacked` puts them on lines no wider than the widest status ("? not assessed"), so an
    override never widens a table's Status column (at 80 columns it took all the room of the
    Title and Main finding columns)."""
    text = status_text(article.status)
    if article.override is not None and not article.override.expired:
        text.append("\nby override;\ncomputed:\n" if stacked else " (override; computed: ", style="dim")
        text.append_text(status_text(article.computed_status))
        if not stacked:
            text.append(")", style="dim")
    return text


def score_bar(score: float | None, width: int = 10):
    from rich.text import Text

    if score is None:
        return Text("—", style="dim")
    filled = round(score / 100 * width)
    style = "green" if score >= 100 else "yellow" if score > 0 else "red"
    text = Text("█" * filled, style=style)
    text.append("░" * (width - filled), style="dim")
    text.append(f" {score:5.1f}")
    return text


def _source_line(a: Assessment) -> str:
    """The source and its date, the date only when the title does not already say it."""
    title, date = clean(a.source_title), clean(a.source_date)
    return f"Source: {title}" + (f" ({date})" if date and date[:4] not in title else "")


def rating_text(article: ArticleResult):
    from rich.text import Text

    if article.rating is None:
        return Text("?", style="dim")
    return Text(article.rating.value, style=article.rating.style)


def _header(a: Assessment):
    from rich.text import Text

    from cybergap.render.grid import Box

    counts = a.counts()
    body = Text()
    body.append(clean(a.country), style="bold")
    body.append(f" ({clean(a.iso2)}) · profile {clean(a.profile_version)}")
    if a.draft:
        body.append(" · DRAFT: coverage not judged yet, draft mappings count as not assessed", style="yellow")
    body.append("\n")
    body.append(_source_line(a) + "\n", style="dim")
    body.append("Overall score: ")
    body.append_text(score_bar(a.overall, 20))
    body.append("\nRatings: ")
    ratings = a.rating_counts()
    for rating in Rating:
        body.append(rating.value, style=rating.style)
        body.append(f" {ratings[rating.value]}   ")
    body.append(f"not assessed {ratings['not_assessed']}\nStatuses: ")
    for status in Status:
        body.append_text(status_text(status))
        body.append(f" {counts[status]}   ")
    if a.applied_overrides():
        # The computed counts stay the headline; what the overrides make of them comes beside.
        shown = a.counts(overrides=True)
        body.append(f"\nWith overrides ({a.applied_overrides()} applied): ")
        changed = [s for s in Status if shown[s] != counts[s]]
        for status in changed:
            body.append_text(status_text(status))
            body.append(f" {shown[status]}   ")
        if not changed:
            body.append("the same counts")
    return Box(body, f"cybergap assessment · {clean(a.framework_title)}")


def _sections(a: Assessment):
    rows = [(one_line(section.title), score_bar(section.score), plain(f"{section.articles_scored}/{section.articles_total}"))
            for section in a.sections]
    title_width = max(len("Section"), *(len(section.title) for section in a.sections))
    return _Fitted("Sections", [("Section", title_width, "left"), ("Score", 16, "left"),
                                ("Articles scored", 15, "right")], rows)


def main_finding(article: ArticleResult) -> Finding | None:
    if not article.findings:
        return None
    return min(article.findings, key=lambda f: (-f.severity.rank, -f.article_gain))



def one_line(value: object):
    """Text kept on one line, cut with an ellipsis where the column ends. Its column must not be
    no_wrap: rich shrinks wrappable columns first, and no_wrap ones all alike, down to nothing."""
    from rich.text import Text

    return Text(clean(value), no_wrap=True, overflow="ellipsis")


class _Fitted:
    """A table whose wide text columns share what the fixed ones leave of the width, each cell
    cut with an ellipsis (see cybergap.render.grid). `columns`: (header, width or share, justify)."""

    def __init__(self, title: str, columns: list[tuple[str, int | float, str]], rows: list[tuple]):
        self.title, self.columns, self.rows = title, columns, rows

    def __rich_console__(self, console, options):
        from cybergap.render.grid import draw

        yield draw(self.title, self.columns, self.rows, options.max_width)


def _articles(articles):
    """One line per article: the title and the main gap are cut with an ellipsis, never wrapped."""
    rows = []
    for article in articles:
        finding = main_finding(article)
        rows.append((plain(article.number), one_line(article.title), rating_text(article),
                     article_status(article, stacked=True), plain(score(article.score)),
                     one_line(f"{finding.rule}: {finding.message}" if finding else "")))
    return _Fitted("Articles", [("Art.", 4, "right"), ("Title", 0.4, "left"), ("Rating", 6, "left"),
                                ("Status", 14, "left"), ("Score", 5, "right"), ("Main gap", 0.6, "left")], rows)


def _finding_lines(a: Assessment, finding: Finding):
    from rich.text import Text

    text = Text()
    text.append(f"{finding.rule} ", style="bold")
    text.append(f"{finding.severity}", style=SEVERITY_STYLE[finding.severity])
    text.append(f" · {clean(finding.element)} · {clean(finding.convention)}\n")
    text.append(clean(finding.message) + "\n")
    if finding.evidence:
        refs = ", ".join(clean(a.provisions.get(pid, {}).get("label", pid)) for pid in finding.evidence)
        text.append("Evidence: ", style="dim")
        text.append(refs + "\n")
    text.append("Remedy: ", style="dim")
    text.append(clean(finding.remediation))
    if finding.overall_gain or finding.article_gain:
        text.append(f"\nFixing it adds {finding.article_gain:+.1f} to the article, {finding.overall_gain:+.2f} overall", style="dim")
    return text


def _findings_by_article(a: Assessment, articles):
    from rich.console import Group
    from rich.panel import Panel

    panels = []
    for article in articles:
        if not article.findings:
            continue
        body = Group(*[_finding_lines(a, f) for f in article.findings])
        panels.append(Panel(body, title=plain(f"Article {article.number} – {article.title}"), title_align="left"))
    return panels


def _priorities(a: Assessment):
    from rich.text import Text

    rows = [(plain(p.rank), Text(p.severity.value, style=SEVERITY_STYLE[p.severity]), one_line(p.title),
             one_line(", ".join(p.articles)), plain(f"{p.overall_gain:+.1f}")) for p in a.priorities[:TOP_PRIORITIES]]
    title = f"Top {len(rows)} of {len(a.priorities)} priorities ({len(a.findings)} findings)"
    return _Fitted(title, [("#", 2, "right"), ("Severity", 8, "left"), ("Reform", 0.75, "left"),
                           ("Articles", 0.25, "left"), ("+Overall", 8, "right")], rows)


def _not_carried(a: Assessment):
    rows = [(plain(n.rule), plain(n.element), one_line(n.reason)) for n in a.not_carried]
    return _Fitted(f"Budapest gaps that do not carry over to the {a.framework_title} ({len(rows)})",
                   [("Rule", 6, "left"), ("Budapest", 8, "left"), ("Why", 1.0, "left")], rows)


def render(a: Assessment, articles: list[str] | None = None, sections: list[str] | None = None,
           details: bool = False):
    """A rich renderable of the assessment, summary first: header, sections, one line per
    article, the top priorities; the findings article by article with `details`."""
    from rich.console import Group
    from rich.text import Text

    shown = [x for x in a.articles if (not articles or x.number in articles) and (not sections or x.section in sections)]
    parts = [_header(a), _sections(a), _articles(shown)]
    if details:
        parts += _findings_by_article(a, shown)
    if not articles and a.priorities:
        parts.append(_priorities(a))
    if a.not_carried:
        parts.append(_not_carried(a))
    for note in a.notes:
        parts.append(Text(clean(note), style="yellow"))
    if not details:
        parts.append(Text("Every finding: --details · one article in depth: --article N · everything: "
                          "--format markdown or json", style="dim"))
    return Group(*parts)


def render_article(a: Assessment, number: str, convention_text: str):
    """One article in depth: Convention text beside the domestic excerpts, elements, findings."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    article = next(x for x in a.articles if x.number == number)
    head = Text()
    head.append(f"Article {article.number} – {clean(article.title)}  ", style="bold")
    head.append_text(article_status(article))
    head.append("  ")
    head.append_text(rating_text(article))
    if article.rating is not None:
        head.append(f" {article.rating.word}", style=article.rating.style)
    head.append("  ")
    head.append_text(score_bar(article.score))
    head.append(f"  ({article.scored_elements} scored elements, {article.excluded_elements} excluded)", style="dim")
    if article.override is not None:
        o = article.override
        state = "expired, not applied" if o.expired else "applied"
        head.append(f"\nOverride to {o.status} ({state}): {clean(o.justification)}", style="yellow")

    cited = []
    for element in article.elements:
        cited += [p for p in element.provisions if p not in cited]
    domestic = Text()
    for pid in cited:
        info = a.provisions.get(pid, {})
        domestic.append(clean(info.get("label", pid)), style="bold")
        if info.get("title"):
            domestic.append(f". {clean(info['title'])}", style="bold")
        if info.get("commentary"):
            domestic.append(" (commentary, not law)", style="dim")
        domestic.append("\n")
        for excerpt in info.get("excerpts", []):
            domestic.append(clean(excerpt) + "\n")
        domestic.append("\n")
    side = Table.grid(expand=True, padding=(0, 1))
    side.add_column(ratio=1)
    side.add_column(ratio=1)
    side.add_row(Panel(plain(convention_text.strip()), title="Convention"),
                 Panel(domestic if cited else Text("The profile cites no provision.", style="dim"), title="Domestic law"))

    elements = Table(title="Elements", title_justify="left")
    elements.add_column("Id", no_wrap=True)
    elements.add_column("Requirement")
    elements.add_column("Coverage", no_wrap=True)
    elements.add_column("Provisions")
    elements.add_column("Score", justify="right", no_wrap=True)
    for element in article.elements:
        score = "—" if element.score is None else f"{element.score:.2f}"
        if element.excluded:
            score = f"excluded: {element.excluded}"
        elif element.obligation != "mandatory":
            score = "optional"
        refs = ", ".join(a.provisions.get(p, {}).get("label", p) for p in element.provisions)
        label = element.label + ("" if element.verified else " (UNVERIFIED: not checked against an official text)")
        elements.add_row(plain(element.id), plain(label), plain(element.coverage), plain(refs), plain(score))
    parts = [head, side, elements]
    parts += _findings_by_article(a, [article])
    return Group(*parts)
