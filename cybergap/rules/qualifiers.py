"""Qualifiers: conditions domestic law adds to an offence that the Convention does not allow,
or allows only by a reservation or declaration the State has not made."""

from __future__ import annotations

from cybergap.rules.context import base_penalty, cite
from cybergap.rules.registry import rule

# The reform that answers this theme's findings: the title of their priority.
REFORM = "Remove the conditions the Convention does not permit from the offence definitions"

# The profile's word for a condition -> the catalogue's word for the qualifier it amounts to.
SAME_AS = {"harm_threshold": "serious_harm"}

LABELS = {
    "harm_threshold": "a harm threshold",
    "protected_information": "protection of the information 'by the Law'",
    "security_measures": "infringement of security measures",
    "dishonest_intent": "a dishonest intent",
    "connected_system": "a connected system",
    "intent_to_defraud": "an intent to defraud",
    "commercial_scale": "a commercial scale",
    "number_of_items": "a number of items",
    "purpose": "a special purpose",
    "large_scale": "a large scale",
    "other": "a further condition",
}


def _imposed(ctx, element_id: str) -> dict[str, list[tuple[str, str]]]:
    """Qualifier kind -> [(provision id, words)] when EVERY covering penal provision imposes it on
    its basic offence (a qualifier listed for other parts only is left aside)."""
    provisions = [p for p in ctx.covering(element_id) if p.get("facts", {}).get("offence")]
    if not provisions:
        return {}
    per_provision = []
    for provision in provisions:
        kinds: dict[str, str] = {}
        base = (base_penalty(provision) or {}).get("part", "1")
        for qualifier in provision["facts"]["offence"].get("qualifiers", []):
            if qualifier.get("parts") and base not in qualifier["parts"]:
                continue  # a condition of other parts only does not narrow the basic offence
            kinds.setdefault(qualifier["kind"], qualifier["text"])
        per_provision.append((provision["id"], kinds))
    common = set(per_provision[0][1])
    for _, kinds in per_provision[1:]:
        common &= set(kinds)
    return {kind: [(pid, kinds[kind]) for pid, kinds in per_provision] for kind in sorted(common)}


def _offence_elements(ctx):
    for element_id, element in ctx.catalog.elements.items():
        if element.get("kind") == "offence" and not ctx.excluded(element_id):
            yield element_id, element


def _permission(ctx, element: dict, kind: str) -> dict | None:
    article = ctx.catalog.article(element["article"]) or {}
    wanted = SAME_AS.get(kind, kind)
    for qualifier in article.get("qualifiers", []):
        if qualifier["kind"] == wanted:
            return qualifier
    return None


def _describe(ctx, kind: str, imposed: list[tuple[str, str]]) -> str:
    words = imposed[0][1]
    return f"{cite(ctx, [pid for pid, _ in imposed])} require{'s' if len(imposed) == 1 else ''} {LABELS[kind]} (\u201c{words}\u201d)"


@rule("QUA01", "qualifier-not-permitted", "major", "Arts. 2-10, the offence definitions",
      """The offences of Articles 2-10 are minimum definitions. A Party may add only the conditions
      the article itself names (e.g. Art. 2: infringing security measures, dishonest intent, a
      connected system). Any other condition, such as a harm threshold on illegal access or a
      restriction to information 'protected by the law', leaves conduct the Convention requires to
      be criminalised unpunished (Explanatory Report paras. 44-50).""",
      """Remove the condition from the offence, or create a separate offence without it for the
      conduct the Convention describes.""", reform=REFORM, portable=True)
def not_permitted(ctx):
    """A covering penal provision imposes a condition the article does not allow.

    Fails: Art. 2 mapped to an offence with qualifier `harm_threshold`.
    Passes: Art. 2 mapped to an offence with qualifier `security_measures` only.
    """
    for element_id, element in _offence_elements(ctx):
        for kind, imposed in _imposed(ctx, element_id).items():
            if _permission(ctx, element, kind) is None:
                yield not_permitted.rule.finding(
                    ctx, element_id,
                    f"{_describe(ctx, kind, imposed)}; Article {element['article']} permits no such condition",
                    [pid for pid, _ in imposed], convention=f"Art. {element['article']}")


@rule("QUA02", "qualifier-needs-reservation", "major", "Art. 42 with the article's reservation paragraph",
      """Some conditions are allowed only by a reservation declared under Article 42 (e.g. a
      serious-harm requirement on data interference, Art. 4.2). Without the reservation, the
      condition narrows the offence below the Convention's standard.""",
      """Remove the condition, or, on accession, declare the reservation the article provides for.""", reform=REFORM, portable=True)
def needs_reservation(ctx):
    """A covering offence imposes a condition allowed only by a reservation not declared.

    Fails: Art. 4.1 mapped to an offence with a `harm_threshold`, no reservation 4.2 declared.
    Passes: the same profile with reservation 4.2 in `treaty_status.reservations`.
    """
    for element_id, element in _offence_elements(ctx):
        for kind, imposed in _imposed(ctx, element_id).items():
            permission = _permission(ctx, element, kind)
            if permission is None or permission["permitted"] != "by_reservation":
                continue
            if permission.get("reservation") in ctx.reservations:
                continue
            yield needs_reservation.rule.finding(
                ctx, element_id,
                f"{_describe(ctx, kind, imposed)}; Article {element['article']} allows it only by reservation "
                f"{permission.get('reservation')}, which is not declared",
                [pid for pid, _ in imposed], convention=f"Art. {permission.get('reservation')}")


@rule("QUA03", "qualifier-needs-declaration", "minor", "Art. 40 with the article's qualifier sentence",
      """Article 40 lets a State require the additional elements named in Articles 2, 3, 6.1.b, 7,
      9.3 and 27.9.e only by a declaration to the Secretary General. A condition of that kind that
      is not declared is permitted in substance but must be declared on accession.""",
      """Declare the condition under Article 40 on accession, or drop it.""", reform=REFORM, portable=True)
def needs_declaration(ctx):
    """A covering offence imposes a permitted condition that requires an Art. 40 declaration not made.

    Fails: Art. 2 mapped to an offence with `security_measures`, no declaration "2".
    Passes: the same profile with declaration "2" in `treaty_status.declarations`.
    """
    for element_id, element in _offence_elements(ctx):
        article = ctx.catalog.article(element["article"]) or {}
        declarable = {d["id"] for d in article.get("declarations", []) if d.get("element") == element_id}
        for kind, imposed in _imposed(ctx, element_id).items():
            permission = _permission(ctx, element, kind)
            if permission is None or permission["permitted"] == "by_reservation":
                continue
            needed = permission.get("declaration") if permission["permitted"] == "by_declaration" else None
            needed = needed or next(iter(sorted(declarable)), None)
            if needed is None or needed in ctx.declarations:
                continue
            yield needs_declaration.rule.finding(
                ctx, element_id,
                f"{_describe(ctx, kind, imposed)}; Article 40 requires a declaration ({needed}) for it, none is declared",
                [pid for pid, _ in imposed], convention="Art. 40")
