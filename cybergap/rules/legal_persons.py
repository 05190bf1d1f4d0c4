"""Liability of legal persons (Art. 12) and their sanctions (Art. 13.2)."""

from __future__ import annotations

from cybergap.rules.context import cite
from cybergap.rules.registry import rule

# The reform that answers this theme's findings: the title of their priority.
REFORM = "Establish the liability of legal persons, with effective sanctions"

KINDS = ("criminal", "administrative", "civil")


def _standing(ctx, key: str, law_only: bool) -> dict[str, list[str]]:
    """standing value -> provision ids stating it, for one aspect of legal-person liability."""
    found: dict[str, list[str]] = {}
    for pid, fact in ctx.facts("legal_person_liability", law_only=law_only):
        value = fact.get(key)
        if value:
            found.setdefault(value, []).append(pid)
    return found


def _provided(ctx, key: str) -> list[str]:
    return _standing(ctx, key, law_only=True).get("provided", [])


def _all_statements(ctx) -> list[str]:
    return [pid for pid, _ in ctx.facts("legal_person_liability", law_only=False)]


@rule("LP01", "no-legal-person-liability", "critical", "Art. 12.1 and 12.3",
      """Article 12.1 requires that legal persons can be held liable for Convention offences
      committed for their benefit by a person in a leading position. Article 12.3 leaves the kind
      of liability open (criminal, civil or administrative), but some liability must exist and be
      established by law (Explanatory Report paras. 123-127).""",
      """Establish the liability of legal persons for the offences of Articles 2-11 (criminal,
      administrative or civil), in a provision that names the leading-person links of Art. 12.1.a-c.""", replaces_coverage=True, reform=REFORM)
def no_liability(ctx):
    """No provision of law establishes liability of legal persons of any kind.

    Fails: only commentary stating `criminal: excluded, administrative: asserted`.
    Passes: a provision of law with `legal_person_liability: {administrative: provided}`.
    """
    if any(_provided(ctx, kind) for kind in KINDS):
        return
    said = []
    for kind in KINDS:
        said += [f"{kind}: {value}" for value in _standing(ctx, kind, law_only=False)]
    stated = "; the profile records " + ", ".join(said) if said else "; the profile records nothing on it"
    yield no_liability.rule.finding(
        ctx, "12.1.a", "No provision of law makes legal persons liable, criminally, administratively or civilly"
        + stated + " (asserted = claimed by the source without any cited provision)",
        _all_statements(ctx), elements=("12.1.b", "12.1.c", "12.3"))


@rule("LP02", "no-lack-of-supervision-liability", "major", "Art. 12.2",
      """Article 12.2 requires liability of the legal person also where a lack of supervision or
      control by a leading person made the offence possible.""",
      """Extend the liability of legal persons to offences made possible by a lack of supervision or
      control by a person in a leading position.""", replaces_coverage=True, reform=REFORM)
def no_supervision_liability(ctx):
    """No provision of law establishes lack-of-supervision liability (Art. 12.2).

    Fails: `legal_person_liability: {criminal: excluded, lack_of_supervision: unknown}`.
    Passes: a provision of law with `lack_of_supervision: provided`.
    """
    if _provided(ctx, "lack_of_supervision"):
        return
    yield no_supervision_liability.rule.finding(
        ctx, "12.2", "No provision makes a legal person liable where a lack of supervision or control made the offence possible",
        _all_statements(ctx))


@rule("LP03", "liability-asserted-without-provision", "minor", "Art. 12.3",
      """A liability the source asserts but does not cite cannot be verified: Article 12 asks for
      legislative measures, and an assessment rests on the provisions themselves.""",
      """Cite the administrative or civil provisions that make legal persons liable for the
      Convention offences, with their sanctions.""", reform=REFORM)
def asserted_without_provision(ctx):
    """The source asserts a kind of legal-person liability without citing any provision.

    Fails: commentary with `legal_person_liability: {civil: asserted}`.
    Passes: no `asserted` value anywhere.
    """
    asserted = []
    pids = []
    for kind in KINDS:
        found = _standing(ctx, kind, law_only=False).get("asserted", [])
        if found:
            asserted.append(kind)
            pids += found
    if asserted:
        yield asserted_without_provision.rule.finding(
            ctx, "12.3", f"{' and '.join(asserted).capitalize()} liability of legal persons is asserted by "
            f"{cite(ctx, dict.fromkeys(pids))} without any cited provision", pids)


@rule("LP04", "no-monetary-sanctions-for-legal-persons", "major", "Art. 13.2",
      """Article 13.2 requires that legal persons held liable under Article 12 be subject to
      effective, proportionate and dissuasive criminal or non-criminal sanctions, including
      monetary sanctions.""",
      """Provide monetary sanctions (fines) for legal persons liable for the Convention offences.""", replaces_coverage=True, reform=REFORM)
def no_monetary_sanctions(ctx):
    """No provision of law gives monetary sanctions for liable legal persons.

    Fails: no `monetary_sanctions: provided` in any provision of law.
    Passes: a provision of law with `legal_person_liability: {administrative: provided, monetary_sanctions: provided}`.
    """
    if _provided(ctx, "monetary_sanctions"):
        return
    yield no_monetary_sanctions.rule.finding(
        ctx, "13.2", "No provision of law subjects legal persons to sanctions, monetary or other",
        _all_statements(ctx))
