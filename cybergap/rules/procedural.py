"""Procedural powers and safeguards (Arts. 15, 18, 19) read from the powers' facts."""

from __future__ import annotations

from cybergap.rules.context import cite
from cybergap.rules.registry import rule


def powers(ctx, *kinds: str) -> list[tuple[str, dict]]:
    return [(pid, fact) for pid, fact in ctx.facts("procedural_power") if fact.get("power") in kinds]


@rule("PROC01", "search-not-of-computer-data", "major", "Art. 19.1 and 19.3",
      """Article 19 requires powers to search or similarly access a computer system and computer
      data stored in it, and a storage medium, and to seize or similarly secure computer data. Powers
      framed for tangible 'objects or documents' leave it uncertain whether data as such can be
      searched, copied or secured.""",
      """State expressly that search and seizure extend to computer systems, storage media and
      computer data, including making and keeping copies.""", replaces_coverage=True, reform="Provide for search and seizure of stored computer data")
def search_not_of_data(ctx):
    """Search and seizure powers exist, but none names computer data or systems.

    Fails: `procedural_power: {power: search, computer_data: false}` and nothing else.
    Passes: a search power with `computer_data: true`.
    """
    found = powers(ctx, "search", "seizure")
    if not found or any(fact.get("computer_data") for _, fact in found):
        return
    pids = [pid for pid, _ in found]
    yield search_not_of_data.rule.finding(
        ctx, "19.1.a", f"{cite(ctx, pids)} provide search and seizure of objects and documents; none names computer systems, storage media or computer data",
        pids, elements=("19.1.b", "19.3.a"))


@rule("PROC02", "no-production-order", "major", "Art. 18.1.a-b",
      """Article 18 requires powers to order a person to submit specified computer data in its
      possession or control, and a service provider to submit subscriber information, for specific
      criminal investigations. A duty of providers to give intelligence bodies access to service
      information serves operational-search activity, not criminal proceedings, and is not an order
      to a person in an investigation.""",
      """Give investigators and prosecutors a production order for specified computer data and for
      subscriber information, subject to Articles 14 and 15.""", replaces_coverage=True, reform="Provide for a production order for data and subscriber information")
def no_production_order(ctx):
    """No production order (for data or subscriber information) is cited.

    Fails: only `procedural_power: {power: access_to_service_information}`.
    Passes: a provision with `procedural_power: {power: production_order}`.
    """
    access = [pid for pid, _ in powers(ctx, "access_to_service_information")]
    extra = f"; {cite(ctx, access)} oblige providers to give intelligence bodies access to service information, not to produce data on an order in a criminal investigation" if access else ""
    if not powers(ctx, "production_order"):
        yield no_production_order.rule.finding(
            ctx, "18.1.a", "No power to order a person to submit specified computer data is cited" + extra, access)
    if not powers(ctx, "production_order", "subscriber_information"):
        yield no_production_order.rule.finding(
            ctx, "18.1.b", "No power to order a service provider to submit subscriber information is cited" + extra, access)


@rule("PROC03", "no-proportionality-safeguard", "major", "Art. 15.1",
      """Article 15.1 requires that the procedural powers be subject to conditions and safeguards that
      protect human rights and incorporate the principle of proportionality.""",
      """Cite or adopt the provision that subjects the powers to proportionality (and to judicial or
      other independent supervision, Art. 15.2).""", reform="Subject the powers to the conditions and safeguards of Art. 15")
def no_proportionality(ctx):
    """No provision of law states proportionality as a safeguard.

    Fails: no `safeguards: [proportionality]` anywhere.
    Passes: a provision with `safeguards: [legality, proportionality]`.
    """
    if any("proportionality" in fact for _, fact in ctx.facts("safeguards")):
        return
    yield no_proportionality.rule.finding(ctx, "15.1", "No provision cited states the principle of proportionality for the procedural powers")


@rule("PROC04", "covert-power-without-judge", "minor", "Art. 15.2",
      """Article 15.2 names judicial or other independent supervision among the safeguards expected,
      as appropriate to the power; covert collection of data is among the most intrusive powers.""",
      """Subject covert collection of computer data and interception to prior judicial authorisation.""", reform="Subject the powers to the conditions and safeguards of Art. 15")
def covert_without_judge(ctx):
    """A covert power is ordered without an investigating judge's sanction.

    Fails: `procedural_power: {power: covert_data_collection, judicial_authorisation: not_required}`.
    Passes: the same with `judicial_authorisation: required`.
    """
    for pid, fact in powers(ctx, "covert_data_collection", "interception_content", "real_time_traffic"):
        if fact.get("judicial_authorisation") in ("not_required", "prosecutor"):
            who = "a prosecutor's approval" if fact["judicial_authorisation"] == "prosecutor" else "no judicial sanction"
            yield covert_without_judge.rule.finding(
                ctx, "15.2", f"{cite(ctx, [pid])} ({fact['power'].replace('_', ' ')}) is carried out with {who}", [pid])
