"""International co-operation: 24/7 point of contact, urgent requests, spontaneous information."""

from __future__ import annotations

from cybergap.rules.context import cite
from cybergap.rules.registry import rule


def first_element(ctx, *ids: str) -> str:
    for element_id in ids:
        if element_id in ctx.catalog.elements:
            return element_id
    raise KeyError(ids)


@rule("CP01", "no-24-7-contact-point", "critical", "Art. 35.1",
      """Article 35 requires each Party to designate a point of contact available 24 hours a day,
      seven days a week, to give immediate assistance: technical advice, preservation of data
      (Arts. 29-30), collection of evidence and locating suspects. Listing competent authorities is
      not designating a point of contact.""",
      """Designate a 24/7 point of contact with trained and equipped staff, able to act on preservation
      requests at once, and notify it to the Council of Europe.""", replaces_coverage=True, reform="Designate a 24/7 point of contact with the powers of Art. 35")
def no_contact_point(ctx):
    """No 24/7 point of contact is designated.

    Fails: `contact_point: {designated: false, authorities: [...]}` or no contact_point facts.
    Passes: `contact_point: {designated: true}`.
    """
    facts = ctx.facts("contact_point", law_only=False)
    if any(fact.get("designated") is True for _, fact in facts):
        return
    named = [a for _, fact in facts for a in fact.get("authorities", [])]
    extra = f"; the profile names only competent authorities ({', '.join(named)})" if named else ""
    element = first_element(ctx, "35.1", "35.1.a")
    yield no_contact_point.rule.finding(
        ctx, element, f"No 24/7 point of contact is designated{extra}", [pid for pid, _ in facts],
        elements=tuple(e for e in ("35.1.a", "35.1.b", "35.1.c", "35.2.a") if e in ctx.catalog.elements))


@rule("MLA01", "no-expedited-requests", "major", "Art. 25.3",
      """Article 25.3 requires a Party to accept and respond to urgent requests for mutual
      assistance made by expedited means such as fax or e-mail.""",
      """Provide that urgent requests by e-mail or fax are accepted and executed, with formal
      confirmation to follow where required.""", reform="Allow urgent mutual assistance requests by expedited means")
def no_expedited_requests(ctx):
    """No expedited channel for urgent requests is recorded.

    Fails: `mutual_assistance: {bases: [treaty]}` without `urgent_channels`.
    Passes: `mutual_assistance: {urgent_channels: [e-mail, fax]}`.
    """
    facts = ctx.facts("mutual_assistance")
    if any(fact.get("urgent_channels") for _, fact in facts):
        return
    yield no_expedited_requests.rule.finding(
        ctx, "25.3", "No expedited means (fax, e-mail) for urgent mutual assistance requests is cited",
        [pid for pid, _ in facts])


@rule("CP02", "no-spontaneous-information", "info", "Art. 26.1",
      """Article 26.1 lets a Party forward information obtained in its own investigations to another
      Party without a request, when it might help that Party; the Convention encourages a legal basis
      for it.""",
      """Provide a legal basis for forwarding information spontaneously, with conditions of
      confidentiality and use (Art. 26.2).""", replaces_coverage=True, reform="Provide for spontaneous information to other Parties")
def no_spontaneous_information(ctx):
    """Nothing cited allows information to be forwarded without a prior request.

    Fails: `{element: "26.1", provisions: [cpc-560], coverage: none}`.
    Passes: `{element: "26.1", provisions: [x], coverage: full}`.
    """
    element = first_element(ctx, "26.1")
    if ctx.coverage(element).covers:
        return
    mapping = ctx.mappings.get(element, {})
    yield no_spontaneous_information.rule.finding(
        ctx, element, "No provision cited allows information to be forwarded to another State without a prior request"
        + (f"; {cite(ctx, mapping.get('provisions', []))} concern requests" if mapping.get("provisions") else ""),
        mapping.get("provisions", []))
