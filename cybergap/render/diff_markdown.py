"""A Delta as Markdown, compact enough for a pull-request comment: a summary line first."""

from __future__ import annotations

from cybergap.diff import Delta, OverrideChange
from cybergap.render.markdown import cell, code, status
from cybergap.render.text import rating_code, score, under

ARROW = {"better": "▲ better", "worse": "▼ worse", "changed": "• changed"}


def _delta(old, new) -> str:
    if old is None or new is None or old == new:
        return ""
    return f" ({new - old:+.1f})"



def summary(delta: Delta) -> str:
    verdict = "**regression**" if delta.regressions else ("no change" if not delta.changed else "no regression")
    overrides = f"{len(delta.overrides)} override(s) changed · " if delta.overrides else ""
    framework = under(delta)
    return (f"cybergap diff{framework}: overall {score(delta.old_overall)} → {score(delta.new_overall)}"
            f"{_delta(delta.old_overall, delta.new_overall)} · {len(delta.articles)} article(s) changed · "
            f"{len(delta.resolved)} finding(s) resolved · {len(delta.introduced)} introduced · {overrides}{verdict}")


def override_cells(change: OverrideChange) -> tuple[str, str, str]:
    """(status, expires, justification) of an override change, each 'old → new' where it changed."""
    def field(show) -> str:
        old = show(change.old) if change.old is not None else None
        new = show(change.new) if change.new is not None else None
        if old is None or new is None or old == new:
            return new if new is not None else old
        return f"{old} → {new}"

    return (
        field(lambda o: o.status.replace("_", " ")),
        field(lambda o: (o.expires or "never") + (" (expired, not applied)" if o.expired else "")),
        field(lambda o: o.justification + (f" (approver: {o.approver})" if o.approver else "")),
    )


def render(delta: Delta) -> str:
    lines = [summary(delta), "", f"{code(delta.old)} → {code(delta.new)}", ""]
    if delta.regressions:
        lines += [f"- ▼ {cell(r)}" for r in delta.regressions] + [""]
    changed_sections = [s for s in delta.sections if s.old_score != s.new_score]
    if changed_sections:
        lines += ["| Section | Old | New |", "|---|---:|---:|"]
        lines += [f"| {cell(s.title)} | {score(s.old_score)} | {score(s.new_score)}{_delta(s.old_score, s.new_score)} |"
                  for s in changed_sections]
        lines.append("")
    if delta.articles:
        lines += ["| Art. | Title | Status | Rating | Score | |", "|---:|---|---|---|---:|---|"]
        lines += [f"| {a.number} | {cell(a.title)} | {status(a.old)} → {status(a.new)} | "
                  f"{rating_code(a.old)} → {rating_code(a.new)} | "
                  f"{score(a.old_score)} → {score(a.new_score)} | {ARROW[a.direction]} |" for a in delta.articles]
        lines.append("")
    lines.append(f"{delta.unchanged_articles} article(s) unchanged.")
    lines.append("")
    if delta.overrides:
        lines += ["| Override of Art. | Change | Status | Expires | Justification | Line |", "|---:|---|---|---|---|---:|"]
        lines += [f"| {o.article} | {o.kind} | " + " | ".join(cell(c) for c in override_cells(o)) + f" | {o.line or ''} |"
                  for o in delta.overrides]
        lines.append("")
    for title, findings in (("Resolved findings", delta.resolved), ("Introduced findings", delta.introduced)):
        if findings:
            lines += [f"<details><summary>{title} ({len(findings)})</summary>", "",
                      "| Rule | Art. | Element | Message |", "|---|---:|---|---|"]
            lines += [f"| {f.rule} | {f.article} | {cell(f.element)} | {cell(f.message)} |" for f in findings]
            lines += ["", "</details>", ""]
    if delta.provisions:
        lines += ["| Provision | Change | Line | Wording |", "|---|---|---:|---|"]
        lines += [f"| {cell(p.id)} ({cell(p.label)}) | {p.kind} | {p.line or ''} | {cell(' / '.join(p.wording))} |"
                  for p in delta.provisions]
        lines.append("")
    if delta.facts:
        lines += ["| Fact | Old | New | Line |", "|---|---|---|---:|"]
        lines += [f"| {cell(f.where)} | {cell(f.old)} | {cell(f.new)} | {f.line or ''} |" for f in delta.facts]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
