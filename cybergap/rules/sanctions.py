"""Sanctions (Art. 13.1) and extraditability (Art. 24.1.a) of the mapped offences."""

from __future__ import annotations

from cybergap.rules.context import (arrest_days, cite, cite_part, covering_penalty, custody_months, describe_penalty,
                                    max_deprivation_months, penalties)
from cybergap.rules.registry import rule

# The reform that answers this theme's findings: the title of their priority.
REFORM = "Raise the sanctions: deprivation of liberty for every offence, so that each is extraditable"

OFFENCE_ARTICLES = {str(n) for n in range(2, 11)}


def mapped_offences(ctx) -> dict[tuple[str, str], tuple[dict, list[str]]]:
    """(penal provision id, part) -> (that part's penalty, the offence elements of Arts. 2-10 it
    covers), in catalogue order. The part is the basic offence unless the mapping names the
    covering parts (see covering_penalty)."""
    found: dict[tuple[str, str], tuple[dict, list[str]]] = {}
    for element_id, element in ctx.catalog.elements.items():
        if element["article"] not in OFFENCE_ARTICLES or element.get("kind") != "offence":
            continue
        for provision in ctx.covering(element_id):
            penalty = covering_penalty(ctx, element_id, provision)
            if penalty is not None:
                found.setdefault((provision["id"], penalty.get("part", "")), (penalty, []))[1].append(element_id)
    return found


@rule("SAN01", "no-deprivation-of-liberty", "major", "Art. 13.1",
      """Article 13.1 requires that the offences of Articles 2-11 be punishable by effective,
      proportionate and dissuasive sanctions which include deprivation of liberty. A basic offence
      punishable only by fines, community service or a few weeks' arrest falls short; a sanction
      available only in aggravated parts leaves the basic conduct without it.""",
      """Make the basic offence punishable by imprisonment (not only in aggravated forms).""", reform=REFORM)
def no_deprivation_of_liberty(ctx):
    """The basic part of a mapped offence (or the part the mapping names as covering the element)
    allows no imprisonment (only fines, arrest and the like).

    Fails: `penalties: [{part: "1", fine: {max: 160, reference_unit: MCI}, arrest: {max_days: 40}}]`
    mapped to Art. 2.
    Passes: `penalties: [{part: "1", imprisonment: {max_months: 24}}]`; or the first with part "3"
    punishable by imprisonment and the mapping naming `parts: {pc-x: ["3"]}`.
    """
    for (pid, _), (penalty, elements) in mapped_offences(ctx).items():
        if custody_months(penalty):
            continue
        arrest = arrest_days(penalty)
        severity = "minor" if arrest else "major"
        what = "only short arrest" if arrest else "no deprivation of liberty"
        jailed = [p["part"] for p in penalties(ctx.provisions[pid]) if custody_months(p)]
        where = f"imprisonment only in aggravated part(s) {', '.join(jailed)}" if jailed else "no part provides imprisonment"
        yield no_deprivation_of_liberty.rule.finding(
            ctx, "13.1",
            f"{cite_part(ctx, pid, penalty['part'])}, mapped to {', '.join(elements)}, allows {what}: "
            f"{describe_penalty(penalty)}; {where}",
            [pid], severity=severity)


@rule("EXT01", "offence-not-extraditable", "info", "Art. 24.1.a",
      """Article 24.1.a makes the Convention offences extraditable when punishable under the laws of
      both Parties by deprivation of liberty for a maximum of at least one year. A basic offence
      punishable by less falls outside extradition under the Convention.""",
      """Raise the maximum penalty of the basic offence to at least one year's deprivation of liberty.""", reform=REFORM)
def not_extraditable(ctx):
    """The basic part of a mapped offence (or the covering part the mapping names) is punishable
    by less than a year's deprivation of liberty.

    Fails: `penalties: [{part: "1", arrest: {max_days: 40}}]` mapped to Art. 2.
    Passes: `penalties: [{part: "1", imprisonment: {max_months: 24}}]`.
    """
    minimum = ctx.catalog.threshold("extradition_min_deprivation_months")
    for (pid, _), (penalty, elements) in mapped_offences(ctx).items():
        if max_deprivation_months(penalty) >= minimum:
            continue
        yield not_extraditable.rule.finding(
            ctx, "24.1.a",
            f"{cite_part(ctx, pid, penalty['part'])}, mapped to {', '.join(elements)}, is punishable by "
            f"{describe_penalty(penalty)}: under {minimum} months' deprivation of liberty, so not extraditable under Art. 24.1.a",
            [pid])


@rule("EXT02", "extradition-threshold-stricter", "major", "Art. 24.1.a",
      """Article 24.1.a sets the extradition threshold at a maximum penalty of at least one year's
      deprivation of liberty. A domestic threshold above that refuses extradition for offences the
      Convention makes extraditable.""",
      """Lower the domestic extradition threshold to offences punishable by at least one year.""", reform=REFORM)
def stricter_threshold(ctx):
    """The domestic extradition threshold is higher than one year.

    Fails: `extradition: {min_imprisonment_months: 24}`.
    Passes: `extradition: {min_imprisonment_months: 12}`.
    """
    minimum = ctx.catalog.threshold("extradition_min_deprivation_months")
    for pid, fact in ctx.facts("extradition"):
        months = fact.get("min_imprisonment_months")
        if months is not None and months > minimum:
            yield stricter_threshold.rule.finding(
                ctx, "24.1.a", f"{cite(ctx, [pid])} requires imprisonment of at least {months} months, more than the {minimum} of Art. 24.1.a",
                [pid])
