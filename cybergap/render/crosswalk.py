"""`cybergap crosswalk`: a profile under Budapest and under the UN Convention, as a table (rich),
Markdown or JSON. Plain functions of a frameworks.Side; nothing is computed here."""

from __future__ import annotations

import json

from cybergap import __version__
from cybergap.render.markdown import cell
from cybergap.render.text import plain, score



def table(side):
    from rich.console import Group
    from rich.text import Text

    from cybergap.render.table import _Fitted, one_line

    pairs = [(plain(p.article), one_line(p.title), plain(", ".join(p.budapest)), plain(" ".join(p.budapest_ratings)),
              plain(p.rating), plain(score(p.score))) for p in side.pairs]
    vanished = [(plain(n.rule), plain(n.element), one_line(n.reason)) for n in side.vanished]
    return Group(
        Text(f"{side.budapest.country} ({side.budapest.iso2}): {side.summary}.", style="bold"),
        Text(f"Overall: Budapest {score(side.budapest.overall)}, {side.other.framework_title} {score(side.other.overall)}",
             style="dim"),
        _Fitted("Obligation by obligation (UN article beside the Budapest articles it relates to)",
                [("UN", 3, "right"), ("Title", 1.0, "left"), ("Budapest", 9, "left"), ("Ratings", 8, "left"),
                 ("UN", 3, "left"), ("Score", 5, "right")], pairs),
        _Fitted(f"Budapest gaps that do not carry over ({len(vanished)})",
                [("Rule", 6, "left"), ("Budapest", 8, "left"), ("Why", 1.0, "left")], vanished),
        Text("Obligations only the UN Convention has, not assessed yet: " + (", ".join(side.other_only) or "none"), style="dim"),
    )


def markdown(side) -> str:
    lines = [f"# cybergap crosswalk: {cell(side.budapest.country)} ({cell(side.budapest.iso2)})", "",
             f"**{cell(side.summary)}.** Overall: Budapest {score(side.budapest.overall)}, "
             f"{cell(side.other.framework_title)} {score(side.other.overall)}.", "",
             "## Obligation by obligation", "", "| UN | Title | Budapest | Budapest ratings | UN rating | UN score |",
             "|---:|---|---|---|---|---:|"]
    lines += [f"| {p.article} | {cell(p.title)} | {', '.join(p.budapest)} | {' '.join(p.budapest_ratings)} | {p.rating} "
              f"| {score(p.score)} |" for p in side.pairs]
    lines += ["", f"## Budapest gaps that do not carry over ({len(side.vanished)})", "", "| Rule | Budapest | Why |", "|---|---|---|"]
    lines += [f"| {n.rule} | {cell(n.element)} | {cell(n.reason)} |" for n in side.vanished]
    lines += ["", "## Obligations only the UN Convention has, not assessed yet", "", ", ".join(side.other_only) or "none", ""]
    return "\n".join(lines)


def to_dict(side) -> dict:
    return {
        "tool": {"name": "cybergap", "version": __version__},
        "profile": side.budapest.profile_path,
        "framework": side.other.framework,
        "summary": side.summary,
        "gaps": side.gaps, "remaining": side.remaining,
        "overall": {"budapest": side.budapest.overall, side.other.framework: side.other.overall},
        "pairs": [{"article": p.article, "title": p.title, "budapest": list(p.budapest),
                   "budapest_ratings": list(p.budapest_ratings), "rating": p.rating, "score": p.score} for p in side.pairs],
        "not_carried_over": [{"rule": n.rule, "severity": n.severity, "budapest_element": n.element, "reason": n.reason}
                             for n in side.vanished],
        "other_only_not_assessed": list(side.other_only),
    }


def render_json(side) -> str:
    return json.dumps(to_dict(side), indent=2, ensure_ascii=False) + "\n"
