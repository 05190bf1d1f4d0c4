"""Offences related to child sexual abuse material (Art. 9)."""

from __future__ import annotations

from cybergap.rules.context import cite
from cybergap.rules.registry import rule

# The reform that answers this theme's findings: the title of their priority.
REFORM = "Complete the child sexual abuse material offences (conduct, material, age)"

CONDUCT = {"9.1.d": "procuring child abuse material for oneself or another", "9.1.e": "simple possession of child abuse material"}
MATERIAL = {"9.2.b": "material depicting a person appearing to be a minor", "9.2.c": "realistic images representing a minor"}


def _gaps(ctx, wanted: dict[str, str], finding_rule):
    for element_id, what in wanted.items():
        if element_id not in ctx.catalog.elements or ctx.excluded(element_id):
            continue
        coverage = ctx.coverage(element_id)
        if coverage in ("full", "not_applicable", "unmapped"):  # unmapped: no evidence (COV03)
            continue
        mapping = ctx.mappings.get(element_id, {})
        cited = mapping.get("provisions", [])
        reach = f"; {cite(ctx, cited)}: {mapping.get('note', '')}" if cited else ""
        state = "only partly criminalised" if coverage == "partial" else "not criminalised"
        yield finding_rule.finding(
            ctx, element_id,
            f"{what.capitalize()} is {state}{reach}; reservation 9.4 could exclude it but is not declared",
            cited, severity="minor" if coverage == "partial" else None, convention=f"Art. {element_id}, 9.4")


@rule("CAM01", "cam-possession-or-procuring", "major", "Art. 9.1.d-e",
      """Article 9.1.d and e require procuring child abuse material through a computer system and its
      simple possession to be criminal, unless the State reserves the right not to apply them under
      Art. 9.4. Offences limited to production or possession 'for the purpose of distribution' miss
      the consumer side of the market.""",
      """Criminalise procuring and simple possession of child abuse material in a computer system or
      on a storage medium, or declare reservation 9.4.""", replaces_coverage=True, reform=REFORM)
def possession_or_procuring(ctx):
    """Procuring (9.1.d) or simple possession (9.1.e) is not covered and reservation 9.4 is not declared.

    Fails: `{element: "9.1.e", provisions: [pc-312], coverage: none}`.
    Passes: coverage `full`, or reservation 9.4 declared.
    """
    yield from _gaps(ctx, CONDUCT, possession_or_procuring.rule)


@rule("CAM02", "cam-material-types", "major", "Art. 9.2.b-c",
      """Article 9.2 defines child pornography to include material depicting a person appearing to
      be a minor and realistic images of a non-existent minor; a Party may exclude 9.2.b and c only by
      reservation under Art. 9.4.""",
      """Extend the offence to material depicting persons appearing to be minors and realistic images,
      or declare reservation 9.4.""", replaces_coverage=True, reform=REFORM)
def material_types(ctx):
    """Material of 9.2.b or 9.2.c is not covered and reservation 9.4 is not declared.

    Fails: `{element: "9.2.c", provisions: [], coverage: none}`.
    Passes: coverage `full`, or reservation 9.4 declared.
    """
    yield from _gaps(ctx, MATERIAL, material_types.rule)


@rule("CAM03", "cam-age-of-minor", "major", "Art. 9.3",
      """Article 9.3: a minor is every person under 18; a Party may require a lower age limit, by a
      declaration, never below 16.""",
      """Protect every person under 18, or declare a lower limit of at least 16 under Art. 9.3.""", reform=REFORM)
def age_of_minor(ctx):
    """The age below which a person is a minor is under 18 without a valid declaration, or unknown.

    Fails: `age_limits: {minor_under: 16}` with no declaration "9.3".
    Passes: `age_limits: {minor_under: 18}`.
    """
    full = ctx.catalog.threshold("minor_age")
    floor = ctx.catalog.threshold("minor_age_floor")
    ages = [(pid, fact["minor_under"]) for pid, fact in ctx.facts("age_limits") if fact.get("minor_under")]
    if not ages:
        yield age_of_minor.rule.finding(
            ctx, "9.3", "The profile records no age below which a person is a minor: the age threshold cannot be assessed",
            severity="info")
        return
    pid, age = min(ages, key=lambda item: item[1])
    if age >= full:
        return
    declared = ctx.declarations.get("9.3", {}).get("value")
    if isinstance(declared, int) and floor <= declared <= age:
        return
    yield age_of_minor.rule.finding(
        ctx, "9.3", f"{cite(ctx, [pid])} treats persons under {age} as minors: below {full} "
        f"without a declaration under Art. 9.3 of a limit of at least {floor}", [pid])
