"""Expedited preservation and disclosure of stored data (Arts. 16, 17, 29, 30)."""

from __future__ import annotations

from cybergap.rules.context import cite
from cybergap.rules.registry import rule

# The reform that answers this theme's findings: the title of their priority.
REFORM = "Enact expedited preservation and partial disclosure of data, at home and on request"


def _orders(ctx, foreign: bool = False) -> list[tuple[str, dict]]:
    orders = ctx.facts("preservation_order")
    if foreign:
        orders = [(pid, fact) for pid, fact in orders if fact.get("on_foreign_request")]
    return orders


def _powers(ctx, power: str) -> list[str]:
    return [pid for pid, fact in ctx.facts("procedural_power") if fact.get("power") == power]


def _retention_text(ctx) -> tuple[str, list[str]]:
    regimes = ctx.facts("data_retention")
    if not regimes:
        return "", []
    pid, fact = regimes[0]
    days = fact.get("period_days")
    period = f" for {days} days" if days else ""
    if days and days % 365 == 0:
        period += f" ({days // 365} year{'s' if days > 365 else ''})"
    then = f", then {fact['afterwards']}" if fact.get("afterwards") else ""
    text = f"{cite(ctx, [pid])} obliges {fact['bearer']} to keep {fact['scope']}{period}{then}"
    return text, [p for p, _ in regimes]


@rule("PRE01", "retention-is-not-preservation", "critical", "Art. 16.1-16.2",
      """Article 16 requires a power to order, case by case, the expeditious preservation of
      specified stored computer data held by any person, for as long as necessary up to 90 days,
      renewable. A general data-retention duty is a different measure: it covers only the data and
      holders it lists (typically providers' subscriber data), keeps data on everyone for a fixed
      period, and lets nobody order a particular person to freeze particular data now
      (preservation is not retention).""",
      """Give the competent authorities a power to order any person to preserve specified stored
      computer data, including traffic data, expeditiously, for up to 90 days, renewable, with a
      duty to keep the order confidential (Art. 16.3).""", replaces_coverage=True, reform=REFORM)
def retention_not_preservation(ctx):
    """A general retention duty is the only thing cited for Article 16: no preservation order.

    Fails: `data_retention: {period_days: 730, scope: subscriber service information, bearer: providers}`
    and no `preservation_order` anywhere.
    Passes: a provision with `preservation_order: {max_days: 90, renewable: true, scope: any stored data}`.
    """
    if _orders(ctx):
        return
    text, regimes = _retention_text(ctx)
    if not regimes:
        return
    limit = ctx.catalog.threshold("preservation_max_days")
    yield retention_not_preservation.rule.finding(
        ctx, "16.1",
        f"{text}: a general retention duty, not an order to preserve specified stored data held by any person "
        f"expeditiously for up to {limit} days, renewable; no preservation order of any length is cited",
        regimes, elements=("16.2", "17.1.a"))


@rule("PRE02", "no-preservation-order", "critical", "Art. 16.1-16.2",
      """Article 16 requires a power to order the expeditious preservation of specified stored
      computer data (up to 90 days, renewable). Without it, volatile evidence is lost before a
      production order or search can reach it.""",
      """Give the competent authorities a power to order the expeditious preservation of specified
      stored computer data, for up to 90 days, renewable.""", replaces_coverage=True, reform=REFORM)
def no_preservation(ctx):
    """Neither a preservation order nor even a retention duty is cited.

    Fails: no `preservation_order` and no `data_retention` facts.
    Passes: a provision with `preservation_order`.
    """
    if _orders(ctx) or ctx.facts("data_retention"):
        return
    yield no_preservation.rule.finding(
        ctx, "16.1", "No power to order the expeditious preservation of specified stored computer data is cited",
        elements=("16.2", "17.1.a"))


@rule("PRE03", "preservation-period-short", "minor", "Art. 16.2",
      """Article 16.2 requires that a preservation order can oblige the person to preserve the data
      as long as necessary, up to a maximum of ninety days, and lets Parties provide for renewal.""",
      """Allow preservation orders of up to 90 days, and their renewal.""", reform=REFORM)
def preservation_period(ctx):
    """A preservation order exists but cannot last the 90 days Article 16.2 foresees.

    Fails: `preservation_order: {max_days: 30, scope: ...}`.
    Passes: `preservation_order: {max_days: 90, renewable: true, scope: ...}`.
    """
    limit = ctx.catalog.threshold("preservation_max_days")
    for pid, fact in _orders(ctx):
        days = fact.get("max_days")
        if days is not None and days < limit:
            yield preservation_period.rule.finding(
                ctx, "16.2", f"{cite(ctx, [pid])} allows preservation for at most {days} days, less than the {limit} days of Art. 16.2",
                [pid])


@rule("PRE04", "no-partial-disclosure", "major", "Art. 17.1.b",
      """Article 17.1.b requires the expeditious disclosure to the competent authority of enough
      traffic data to identify the service providers and the path of a communication, so that a
      chain of providers can be followed before the data is lost.""",
      """Provide for the expeditious partial disclosure of preserved traffic data sufficient to
      identify the service providers and the path of the communication.""", replaces_coverage=True, reform=REFORM)
def no_partial_disclosure(ctx):
    """No power of expedited partial disclosure of traffic data is cited.

    Fails: no `procedural_power: {power: partial_disclosure}`.
    Passes: a provision with that power.
    """
    if _powers(ctx, "partial_disclosure"):
        return
    access = _powers(ctx, "access_to_service_information")
    extra = f"; {cite(ctx, access)} give intelligence bodies access to service information, which is not expedited disclosure in a criminal investigation" if access else ""
    yield no_partial_disclosure.rule.finding(
        ctx, "17.1.b", "No power to obtain expeditiously enough traffic data to identify the service providers and the path of a communication is cited" + extra,
        access)


@rule("PRE05", "no-preservation-on-foreign-request", "critical", "Art. 29.1, 29.3 and 29.7",
      """Article 29 requires a Party, on request, to preserve expeditiously specified stored data
      for at least 60 days pending a mutual assistance request, without dual criminality. It relies
      on a domestic preservation power usable on a foreign request.""",
      """Make the preservation order usable on a foreign request, for at least 60 days and without
      requiring dual criminality, with continued preservation pending the formal request.""", replaces_coverage=True, reform=REFORM)
def no_foreign_preservation(ctx):
    """No preservation order is available on a foreign request (or it lasts under 60 days).

    Fails: no `preservation_order` with `on_foreign_request: true`.
    Passes: `preservation_order: {on_foreign_request: true, max_days: 90, scope: ...}`.
    """
    minimum = ctx.catalog.threshold("foreign_preservation_min_days")
    orders = _orders(ctx, foreign=True)
    if not orders:
        text, regimes = _retention_text(ctx)
        extra = f"; the only measure cited is a retention duty: {text}" if text else ""
        yield no_foreign_preservation.rule.finding(
            ctx, "29.3", f"No power to preserve data expeditiously on a foreign request is cited{extra}",
            regimes, elements=("29.7",))
        return
    for pid, fact in orders:
        days = fact.get("max_days")
        if days is not None and days < minimum:
            yield no_foreign_preservation.rule.finding(
                ctx, "29.7", f"{cite(ctx, [pid])} preserves data on a foreign request for {days} days, less than the {minimum} days of Art. 29.7",
                [pid], severity="major")


@rule("PRE06", "no-expedited-disclosure-to-requesting-party", "major", "Art. 30.1",
      """Article 30.1 requires the requested Party, when executing a preservation request, to
      disclose expeditiously enough traffic data to identify a service provider in another State
      and the path of the communication.""",
      """Provide for the expedited disclosure to a requesting Party of preserved traffic data
      sufficient to identify the providers and the path.""", replaces_coverage=True, reform=REFORM)
def no_disclosure_to_requesting_party(ctx):
    """No power of partial disclosure usable on a foreign preservation request is cited.

    Fails: no `procedural_power: {power: partial_disclosure}`.
    Passes: a provision with that power.
    """
    if _powers(ctx, "partial_disclosure"):
        return
    yield no_disclosure_to_requesting_party.rule.finding(
        ctx, "30.1", "No power to disclose preserved traffic data expeditiously to a requesting Party is cited")
