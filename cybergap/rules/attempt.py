"""Attempt and aiding or abetting (Art. 11), derived from the general part's facts."""

from __future__ import annotations

from cybergap.rules.context import cite, cite_part, covering_penalty, gravity_of
from cybergap.rules.registry import rule

# The reform that answers this theme's findings: the title of their priority.
REFORM = "Make attempt and aiding or abetting punishable for the Convention's offences"

ATTEMPT_ARTICLES = {"3", "4", "5", "7", "8"}
ATTEMPT_ELEMENTS = {"9.1.a", "9.1.c"}

def attempt_elements(ctx) -> list[str]:
    """The offence elements Article 11.2 requires attempt for, in catalogue order."""
    return [e for e, element in ctx.catalog.elements.items()
            if element.get("kind") == "offence"
            and (element["article"] in ATTEMPT_ARTICLES or e in ATTEMPT_ELEMENTS)]


@rule("ATT01", "attempt-not-punishable", "major", "Art. 11.2",
      """Article 11.2 requires attempt to be punishable for the offences of Articles 3-5, 7, 8,
      9.1.a and 9.1.c (a reservation under Art. 11.3 may exclude it). Where domestic law punishes
      attempt only from a gravity class, a basic offence classed below it leaves attempt unpunished.""",
      """Make attempt punishable for these offences, e.g. by raising the basic offences' penalties into
      a class where attempt is punishable, or by an express attempt provision.""", reform=REFORM)
def attempt_not_punishable(ctx):
    """Attempt liability starts at a gravity class above that of every offence covering an element.

    Fails: `inchoate_liability: {attempt_from: average}` and Art. 4 mapped to an offence whose
    part 1 allows only a fine or arrest (a criminal offence).
    Passes: the same with part 1 punishable by imprisonment of up to 5 years (average gravity).
    The classes are the country's own (`gravity_classes`: name, order, imprisonment, bound):
    e.g. attempt punishable from `felony`, and the offence a `misdemeanour`.
    """
    if "11.3" in ctx.reservations or ctx.inchoate is None or not ctx.gravity_classes:
        return
    inchoate_pid, inchoate = ctx.inchoate
    threshold = inchoate.get("attempt_from")
    if threshold is None:
        return
    class_pids = [pid for pid, _ in ctx.facts("gravity_classes")]
    for element_id in attempt_elements(ctx):
        offences = [(p, covering_penalty(ctx, element_id, p)) for p in ctx.covering(element_id)]
        offences = [(p, penalty) for p, penalty in offences if penalty]
        if not offences:
            continue
        graded = [(p, penalty, gravity_of(penalty, ctx.gravity_classes)) for p, penalty in offences]
        if any(g and ctx.at_least(g, threshold) for _, _, g in graded):
            continue
        described = "; ".join(
            f"{cite_part(ctx, p['id'], penalty['part'])} is {ctx.gravity_name(g)}"
            for p, penalty, g in graded)
        yield attempt_not_punishable.rule.finding(
            ctx, "11.2",
            f"Attempt of {element_id} is not punishable: {described}, and {cite(ctx, [inchoate_pid])} "
            f"punishes attempt only from {ctx.gravity_name(threshold)} upwards",
            [p["id"] for p, _, _ in graded] + [inchoate_pid] + class_pids)


@rule("ATT02", "no-aiding-or-abetting", "major", "Art. 11.1",
      """Article 11.1 requires aiding or abetting the offences of Articles 2-10 to be criminal when
      committed intentionally.""",
      """Provide for the liability of instigators and accomplices (aiding and abetting) for all the
      Convention offences.""", reform=REFORM)
def no_aiding_or_abetting(ctx):
    """No provision of law makes instigators and accomplices liable.

    Fails: no `complicity` facts, or `complicity: {forms: [organizer]}`.
    Passes: `complicity: {forms: [organizer, instigator, accomplice]}`.
    """
    forms: set[str] = set()
    pids = []
    for pid, fact in ctx.facts("complicity"):
        forms |= set(fact.get("forms", []))
        pids.append(pid)
    missing = [f for f in ("instigator", "accomplice") if f not in forms]
    if missing:
        yield no_aiding_or_abetting.rule.finding(
            ctx, "11.1", f"No provision of law makes the {' or the '.join(missing)} liable (abetting and aiding)", pids)


@rule("ATT03", "attempt-not-assessable", "info", "Art. 11.2",
      """Article 11.2 attempt liability is derived from the profile's general-part facts (gravity classes and from
      which class attempt is punishable). Without them the profile has no evidence either way.""",
      """Record the general part's gravity classes and attempt liability in the profile.""", reform=REFORM)
def attempt_not_assessable(ctx):
    """The profile states no attempt liability or no gravity classes, so Art. 11.2 cannot be derived.

    Fails: no `inchoate_liability` facts.
    Passes: `inchoate_liability` and `gravity_classes` both recorded.
    """
    if "11.3" in ctx.reservations:
        return
    if ctx.inchoate is None or not ctx.gravity_classes:
        yield attempt_not_assessable.rule.finding(
            ctx, "11.2", "The profile records no attempt liability or no gravity classes: attempt cannot be assessed")
