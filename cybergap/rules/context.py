"""What rules read: the profile and the catalogue, indexed, with small derived facts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from cybergap.catalog import Catalog
from cybergap.model import Coverage

GRAVITY_ORDER = ("criminal_offence", "little", "average", "grave", "especially_grave")


@dataclass
class Context:
    profile: dict
    catalog: Catalog

    @cached_property
    def instruments(self) -> dict[str, dict]:
        return {i["id"]: i for i in self.profile.get("instruments", [])}

    @cached_property
    def provisions(self) -> dict[str, dict]:
        return {p["id"]: p for p in self.profile.get("provisions", [])}

    @cached_property
    def mappings(self) -> dict[str, dict]:
        return {m["element"]: m for m in self.profile.get("mappings", [])}

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

    # --- penal facts ------------------------------------------------------------------

    @cached_property
    def gravity_classes(self) -> list[dict]:
        classes: dict[str, dict] = {}
        for _, listed in self.facts("gravity_classes"):
            for item in listed:
                classes[item["class"]] = item
        return [classes[c] for c in GRAVITY_ORDER if c in classes]

    @cached_property
    def inchoate(self) -> tuple[str, dict] | None:
        found = self.facts("inchoate_liability")
        return found[0] if found else None


def part_penalty(provision: dict, part: str) -> dict | None:
    """The penalty recorded for one part of a provision, if any."""
    for penalty in provision.get("facts", {}).get("penalties", []):
        if penalty.get("part") == part:
            return penalty
    return None


def base_penalty(provision: dict) -> dict | None:
    """The penalty of the basic offence: part '1' when given, else the first part listed."""
    penalties = provision.get("facts", {}).get("penalties", [])
    return part_penalty(provision, "1") or (penalties[0] if penalties else None)


def covering_penalty(ctx, element: str, provision: dict) -> dict | None:
    """The penalty of the form of an offence that covers an element: the first part the mapping
    names under `parts` for this provision (when that part's penalty is recorded), else the
    basic offence's."""
    wanted = ctx.mappings.get(element, {}).get("parts", {}).get(provision["id"], [])
    found = (part_penalty(provision, part) for part in wanted)
    return next((penalty for penalty in found if penalty is not None), None) or base_penalty(provision)


def max_deprivation_months(penalty: dict) -> float:
    """Longest deprivation of liberty a part allows, in months (arrest counted in days / 30)."""
    months = [penalty.get("imprisonment_months_max") or 0]
    if penalty.get("arrest_days_max"):
        months.append(penalty["arrest_days_max"] / 30)
    return max(months)


def gravity_of(penalty: dict, classes: list[dict]) -> str | None:
    """The gravity class of a part under the profile's own classes (e.g. Penal Code Arts. 10-11).

    None when the profile states no classes to decide with.
    """
    if not classes:
        return None
    prison = penalty.get("imprisonment_months_max") or penalty.get("restriction_of_liberty_months_max")
    if not prison:
        for item in classes:
            if not item.get("imprisonment"):
                return item["class"]
        return None
    for item in classes:
        if not item.get("imprisonment"):
            continue
        bound = item.get("max_imprisonment_months")
        if bound is None or prison <= bound:
            return item["class"]
    return None


def at_least(gravity: str, threshold: str) -> bool:
    return GRAVITY_ORDER.index(gravity) >= GRAVITY_ORDER.index(threshold)


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
