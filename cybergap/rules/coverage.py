"""Generic coverage rules: every mandatory element must be answered by domestic law."""

from __future__ import annotations

from cybergap.model import Coverage
from cybergap.rules.registry import rule


def _assessed_articles(ctx) -> set[str]:
    return {ctx.catalog.elements[e]["article"] for e in ctx.mappings if e in ctx.catalog.elements}


def _mandatory(ctx):
    for element_id, element in ctx.catalog.elements.items():
        if element["obligation"] == "mandatory" and not ctx.excluded(element_id):
            yield element_id, element


@rule("COV01", "element-not-covered", "major", "Arts. 2-35, the element's paragraph",
      """A Party "shall adopt such legislative and other measures as may be necessary" for every
      mandatory element of Articles 2-35; an element that no cited provision covers is a gap in
      implementation. Its severity follows the element's weight in the catalogue: major for a core
      element (the obligation itself), minor for an ancillary one (a formality, a notification).""",
      """Adopt a provision that covers the element as the Convention words it, or cite the existing
      provision that does so and map it in the profile.""", generic=True)
def not_covered(ctx):
    """A mandatory element mapped with coverage `none` (major when the element is core, minor
    when it is ancillary).

    Fails: `{element: "16.1", provisions: [], coverage: none}`.
    Passes: `{element: "16.1", provisions: [cpc-x], coverage: full}`.
    """
    for element_id, element in _mandatory(ctx):
        if ctx.coverage(element_id) != "none":
            continue
        mapping = ctx.mappings[element_id]
        reason = mapping.get("note", "")
        yield not_covered.rule.finding(
            ctx, element_id, f"{element_id} ({element['label']}) is not covered: {reason}",
            mapping.get("provisions", []), convention=f"Art. {element_id}",
            severity="major" if element.get("weight") == "core" else "minor")


@rule("COV02", "element-partially-covered", "minor", "Arts. 2-35, the element's paragraph",
      """Partial coverage of a mandatory element (Arts. 2-35) means the domestic provision reaches only part of what the Convention
      requires (narrower conduct or objects, added conditions), so some conduct the Convention
      requires to be criminalised or some power it requires stays out of reach.""",
      """Widen the provision to the Convention's wording, or cite a further provision that covers
      the rest.""", generic=True)
def partially_covered(ctx):
    """A mandatory element mapped with coverage `partial`.

    Fails: `{element: "3", provisions: [pc-147], coverage: partial}`.
    Passes: the same mapping with `coverage: full`.
    """
    for element_id, element in _mandatory(ctx):
        if ctx.coverage(element_id) != "partial":
            continue
        mapping = ctx.mappings[element_id]
        yield partially_covered.rule.finding(
            ctx, element_id, f"{element_id} ({element['label']}) is only partly covered: {mapping.get('note', '')}",
            mapping.get("provisions", []), convention=f"Art. {element_id}")


@rule("COV03", "element-not-mapped", "minor", "Arts. 2-35, the element's paragraph",
      """An assessment must rest on evidence. When a profile maps some elements of an Article but
      says nothing of another mandatory element, the profile has no evidence for it, and the
      element counts as uncovered until the profile says otherwise.""",
      """Map the element in the profile: cite the provision that covers it, or record coverage
      `none` with a note that the source cites no provision.""", generic=True)
def not_mapped(ctx):
    """A mandatory element of an article the profile assesses, with no mapping at all.

    Fails: a profile mapping "9.1.a" but not "9.1.e".
    Passes: a profile mapping every mandatory element of Article 9.
    """
    assessed = _assessed_articles(ctx)
    for element_id, element in _mandatory(ctx):
        if element["article"] in assessed and element_id not in ctx.mappings:
            yield not_mapped.rule.finding(
                ctx, element_id, f"{element_id} ({element['label']}) is not mapped: the profile has no evidence for it",
                convention=f"Art. {element_id}")


@rule("COV04", "coverage-rests-on-commentary", "major", "Arts. 2-35, the element's paragraph",
      """Articles 2-35 require legislative and other measures; an explanation or assertion in a
      country profile is not a legal provision. Coverage that cites no provision of law is unproven.""",
      """Cite the provision of law that covers the element, or lower the coverage to `none`.""", generic=True)
def rests_on_commentary(ctx):
    """An element mapped as covered (full or partial) only to commentary, not to law.

    Fails: `{element: "12.3", provisions: [commentary-12], coverage: partial}`.
    Passes: the same element mapped to a provision of law.
    """
    for element_id, mapping in ctx.mappings.items():
        if not Coverage(mapping["coverage"]).covers or element_id not in ctx.catalog.elements:
            continue
        if mapping["provisions"] and not ctx.mapped(element_id):
            yield rests_on_commentary.rule.finding(
                ctx, element_id,
                f"{element_id} is marked {mapping['coverage']} but cites no provision of law, only commentary",
                mapping["provisions"], convention=f"Art. {element_id}")
