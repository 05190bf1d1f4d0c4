"""What rules read: the profile and the catalogue, indexed, with small derived facts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from cybergap.catalog import Catalog
from cybergap.model import Coverage


@dataclass
class Context:
    """A profile as the rules read it: penal facts always in schema version 2's shape (a
    version-1 profile is read through cybergap.migrate.upgrade, so both give the same findings)."""

    profile: dict
    catalog: Catalog

    def __post_init__(self):
        self.version_1 = self.profile.get("schema_version", 1) == 1
        if self.version_1:
            from cybergap.migrate import upgrade

            self.profile = upgrade(self.profile)

    @cached_property
    def instruments(self) -> dict[str, dict]:
        return {i["id"]: i for i in self.profile.get("instruments", [])}

    @cached_property
    def provisions(self) -> dict[str, dict]:
        return {p["id"]: p for p in self.profile.get("provisions", [])}

    @cached_property
    def mappings(self) -> dict[str, dict]:
        """Mapped elements; a draft mapping (`coverage: draft`, not judged yet) is no evidence."""
        return {m["element"]: m for m in self.profile.get("mappings", []) if m.get("coverage") != "draft"}

    @cached_property
    def reservations(self) -> set[str]:
        return {r["element"] for r in self.profile.get("treaty_status", {}).get("reservations", [])}

    @cached_property
    def declarations(self) -> dict[str, dict]:
        return {d["element"]: d for d in self.profile.get("treaty_status", {}).get("declarations", [])}

    def is_law(self, provision_id: str) -> bool:
        """A provision of law, not the source's own commentary."""
        provision = self.provisions.get(provision_id)
        if provision is None:
            return False
        return self.instruments.get(provision["instrument"], {}).get("kind") != "commentary"

    @cached_property
    def _coverages(self) -> dict[str, Coverage]:
        return {element: Coverage(mapping["coverage"]) for element, mapping in self.mappings.items()}

    def coverage(self, element: str) -> Coverage:
        return self._coverages.get(element, Coverage.UNMAPPED)

    def mapped(self, element: str, law_only: bool = True) -> list[dict]:
        """Provisions mapped to an element (law only unless asked), in mapping order."""
        mapping = self.mappings.get(element)
        if not mapping:
            return []
        ids = [pid for pid in mapping["provisions"] if pid in self.provisions]
        if law_only:
            ids = [pid for pid in ids if self.is_law(pid)]
        return [self.provisions[pid] for pid in ids]

    def covering(self, element: str) -> list[dict]:
        """Law mapped to an element whose coverage is full or partial."""
        return self.mapped(element) if self.coverage(element).covers else []

    def facts(self, kind: str, law_only: bool = True) -> list[tuple[str, object]]:
        """Every (provision id, fact) of one kind across the profile."""
        found = []
        for pid, provision in self.provisions.items():
            if law_only and not self.is_law(pid):
                continue
            value = provision.get("facts", {}).get(kind)
            if value is not None:
                found.append((pid, value))
        return found

    def excluded(self, element: str) -> str:
        """Why an element is left out of the score ('' when it is not)."""
        if self.coverage(element) is Coverage.NOT_APPLICABLE:
            return "marked not applicable in the profile"
        for reservation_id in self.reservations:
            reservation = self.catalog.reservations.get(reservation_id, {})
            if element in reservation.get("excludes", []) or reservation.get("element") == element and \
                    reservation.get("effect") == "excludes_element":
                return f"reservation {reservation_id} declared"
        return ""

    # --- penal facts (schema version 2's shape) -------------------------------------------

    @cached_property
    def gravity_classes(self) -> list[dict]:
        """The country's gravity classes, least grave first (by their `order`); a class recorded
        twice counts as its last record."""
        classes: dict[str, dict] = {}
        for _, listed in self.facts("gravity_classes"):
            for item in listed:
                classes[item["class"]] = item
        return sorted(classes.values(), key=lambda item: item["order"])

    def gravity_order(self, gravity: str | None) -> int | None:
        """Where a class stands in the scale; None for a class the profile does not define (a
        version-1 profile may name one of Kazakhstan's classes without listing it)."""
        for item in self.gravity_classes:
            if item["class"] == gravity:
                return item["order"]
        if self.version_1 and gravity is not None:
            from cybergap.migrate import V1_ORDER

            return V1_ORDER.get(gravity)
        return None

    def gravity_name(self, gravity: str | None) -> str:
        """A class as messages name it: 'a crime of average gravity', 'an indictable offence'."""
        for item in self.gravity_classes:
            if item["class"] == gravity:
                return item["name"]
        if gravity is None:
            return "of unknown gravity"
        from cybergap.migrate import V1_GRAVITY

        return V1_GRAVITY.get(gravity, gravity) if self.version_1 else gravity

    def at_least(self, gravity: str, threshold: str) -> bool:
        """The class `gravity` is as grave as `threshold` or graver (False when either is unknown)."""
        have, need = self.gravity_order(gravity), self.gravity_order(threshold)
        return have is not None and need is not None and have >= need

    @cached_property
    def inchoate(self) -> tuple[str, dict] | None:
        found = self.facts("inchoate_liability")
        return found[0] if found else None


def penalties(provision: dict) -> list[dict]:
    """The penalties a provision records, one per part."""
    return provision.get("facts", {}).get("penalties", [])


def part_penalty(provision: dict, part: str) -> dict | None:
    """The penalty recorded for one part of a provision, if any."""
    for penalty in penalties(provision):
        if penalty.get("part") == part:
            return penalty
    return None


def base_penalty(provision: dict) -> dict | None:
    """The penalty of the basic offence: part '1' (or '(1)') when given, else the first part listed."""
    listed = penalties(provision)
    return part_penalty(provision, "1") or part_penalty(provision, "(1)") or (listed[0] if listed else None)


def covering_penalty(ctx, element: str, provision: dict) -> dict | None:
    """The penalty of the form of an offence that covers an element: the first part the mapping
    names under `parts` for this provision (when that part's penalty is recorded), else the
    basic offence's."""
    wanted = ctx.mappings.get(element, {}).get("parts", {}).get(provision["id"], [])
    found = (part_penalty(provision, part) for part in wanted)
    return next((penalty for penalty in found if penalty is not None), None) or base_penalty(provision)


def custody_months(penalty: dict) -> float:
    """The longest custody a part allows other than arrest, in months: imprisonment (infinite
    for life) or another custodial sanction; 0 when there is none."""
    prison = penalty.get("imprisonment", {})
    if prison.get("life"):
        return float("inf")
    months = [prison.get("max_months") or 0]
    months += [custody.get("max_months") or 0 for custody in penalty.get("other_custody", [])]
    return max(months)


def arrest_days(penalty: dict) -> int:
    """The longest arrest a part allows, in days; 0 when there is none."""
    return penalty.get("arrest", {}).get("max_days") or 0


def max_deprivation_months(penalty: dict) -> float:
    """Longest deprivation of liberty a part allows, in months (arrest counted in days / 30)."""
    months = [custody_months(penalty)]
    if arrest_days(penalty):
        months.append(arrest_days(penalty) / 30)
    return max(months)


def gravity_of(penalty: dict, classes: list[dict]) -> str | None:
    """The gravity class of a part under the profile's own classes (least grave first): the
    least grave class with imprisonment whose bound the part's maximum custody (else its
    restriction of liberty) does not exceed; without either, the least grave class without
    imprisonment, or the least grave class of all where every class has imprisonment (a fine
    only offence is a misdemeanour where misdemeanours are those punishable by up to a year).
    None when the profile states no classes to decide with.
    """
    if not classes:
        return None
    prison = custody_months(penalty) or penalty.get("restriction_of_liberty", {}).get("max_months")
    if not prison:
        for item in classes:
            if not item.get("imprisonment"):
                return item["class"]
        return classes[0]["class"]
    for item in classes:
        if not item.get("imprisonment"):
            continue
        bound = item.get("max_imprisonment_months")
        if bound is None or prison <= bound:
            return item["class"]
    return None


def _amount(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def describe_penalty(penalty: dict) -> str:
    """The sanctions of a part, for messages: 'a fine of up to 160 MCI or arrest of up to 40 days'."""
    parts = []
    fine = penalty.get("fine", {})
    if fine.get("max"):
        unit = fine.get("reference_unit") or fine.get("currency") or ""
        parts.append(f"a fine of up to {_amount(fine['max'])} {unit}".rstrip())
    elif fine.get("unlimited"):
        parts.append("an unlimited fine")
    if arrest_days(penalty):
        parts.append(f"arrest of up to {arrest_days(penalty)} days")
    restriction = penalty.get("restriction_of_liberty", {}).get("max_months")
    if restriction:
        parts.append(f"restriction of liberty of up to {restriction} months")
    for custody in penalty.get("other_custody", []):
        if custody.get("max_months"):
            parts.append(f"{custody['name']} of up to {custody['max_months']} months")
    prison = penalty.get("imprisonment", {})
    if prison.get("max_months"):
        parts.append(f"imprisonment of up to {prison['max_months']} months")
    if prison.get("life"):
        parts.append("life imprisonment")
    return " or ".join(parts) or "no sanction recorded"


def part_reference(part: str) -> str:
    """A part as it follows the provision's reference: '1' -> '(1)'; '(1)(a)' stays as it is."""
    return part if part.startswith("(") else f"({part})"


def cite_part(ctx: "Context", provision_id: str, part: str) -> str:
    """'PC Article 205(1)', 'CMA s. 3(1)(a)'."""
    return f"{cite(ctx, [provision_id])}{part_reference(part)}"


def cite(ctx: Context, provision_ids) -> str:
    """'PC Article 205, PC Article 206' style list for messages."""
    parts = []
    for pid in provision_ids:
        provision = ctx.provisions.get(pid)
        if provision is None:
            continue
        instrument = ctx.instruments.get(provision["instrument"], {})
        name = instrument.get("short") or instrument.get("title", provision["instrument"])
        parts.append(f"{name} {provision['reference']}")
    return ", ".join(parts)
