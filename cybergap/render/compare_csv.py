"""A Comparison as CSV for spreadsheets: one header row, then one row per profile.

Columns: the profile's column heading, country, ISO code, file, revision, version, draft, the
overall score, each scored section's score, then for every article its rating, its status and
its score ("Art. 16 status"; "UN Art. 16 status" under the UN Convention). An empty cell is a
value that does not exist (an article not rated, a score not computed). Text a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with '.
"""

from __future__ import annotations

import csv
import io

from cybergap.compare import Comparison

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text(value: object) -> str:
    """A text cell that a spreadsheet shows as text, never evaluates (CSV injection)."""
    out = "" if value is None else str(value)
    return "'" + out if out.startswith(_FORMULA_START) else out


def number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def header(comparison: Comparison) -> list[str]:
    columns = ["column", "country", "iso2", "profile", "revision", "version", "draft", "overall"]
    columns += [section.title for section in comparison.sections if section.scored]
    prefix = "UN Art." if comparison.framework == "un-cybercrime" else "Art."  # Budapest's, as ever
    for article in comparison.articles:
        name = f"{prefix} {article.number}"
        columns += [f"{name} rating", f"{name} status", f"{name} score"]
    return columns


def render(comparison: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header(comparison))
    for heading, item in zip(comparison.headings, comparison.rows):
        values = [text(heading), text(item.country), text(item.iso2), text(item.label), text(item.revision),
                  text(item.version), "yes" if item.draft else "no", number(item.overall)]
        values += [number(item.sections.get(section.id)) for section in comparison.sections if section.scored]
        for article in comparison.articles:
            cell = item.cells.get(article.number)
            if cell is None:
                values += ["", "", ""]
                continue
            status = "pending" if cell.pending else cell.status
            values += [cell.rating or "", status, number(cell.score)]
        writer.writerow(values)
    return out.getvalue()
