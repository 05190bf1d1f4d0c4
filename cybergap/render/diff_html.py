"""A Delta as one self-contained HTML page: the old and new heatmaps side by side with the changed
cells marked, the regressions, every article old -> new, override changes, findings resolved and
introduced, provisions and facts changed (templates/diff.html.j2; safety as in assess_html)."""

from __future__ import annotations

from cybergap.diff import Delta
from cybergap.model import Assessment
from cybergap.render.assess_html import environment, page_head, section_groups

MARKS = {"better": ("▲", "better"), "worse": ("▼", "worse"), "changed": ("•", "changed")}


def _delta(old: float | None, new: float | None) -> str:
    return "" if old is None or new is None or old == new else f" ({new - old:+.1f})"


def _override(o) -> str:
    """An override in a line: status, expiry, justification and approver."""
    if o is None:
        return "—"
    text = f"{o.status.replace('_', ' ')}: {o.justification}"
    if o.approver:
        text += f" (approver: {o.approver})"
    if o.expires:
        text += f"; expires {o.expires}" + (" (expired, not applied)" if o.expired else "")
    return text


def render(delta: Delta, old: Assessment, new: Assessment, catalog) -> str:
    """`old` and `new` are the two assessments `delta` compares (the heatmaps show every article)."""
    from cybergap import __version__

    directions = {change.number: change.direction for change in delta.articles}
    marks = {number: MARKS[direction] for number, direction in directions.items()}
    verdict = "regression" if delta.regressions else ("no change" if not delta.changed else "no regression")
    old_articles = {a.number: a for a in old.articles}
    template = environment().get_template("diff.html.j2")
    return template.render(
        delta=delta, old=old, new=new, verdict=verdict, marks=marks, directions=directions,
        old_groups=section_groups(old.articles, catalog.sections), new_groups=section_groups(new.articles, catalog.sections),
        rows=[(old_articles[a.number], a) for a in new.articles], delta_text=_delta, override_text=_override,
        version=__version__,
        **page_head(f"cybergap diff · {new.country} ({new.iso2}) · {delta.old} → {delta.new}"),
    )
