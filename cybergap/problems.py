"""A problem found in a file: what, where, how bad, under which code; and the catalogue of codes."""

from __future__ import annotations

from dataclasses import dataclass

from cybergap.escaping import printable


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    code: str = "load"
    severity: str = "error"  # error | warning
    pointer: str = ""  # where in the data, e.g. "provisions[3].excerpts[0].text" (stable across unrelated edits)

    def location(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        """One line, whatever the file name or message holds (see cybergap.escaping.printable)."""
        return printable(f"{self.location()}: {self.severity}: {self.message} [{self.code}]")


# code -> (check it belongs to, short description, help text). One entry per code `check` can emit.
CODES: dict[str, tuple[str, str, str]] = {
    "unreadable": ("file", "File cannot be read", "The path is missing, a folder, unreadable, or a symlink loop."),
    "too-large": ("file", "Input too large", "The file is over 10 MB, has more than 1,000,000 YAML nodes, or its aliases repeat more than 100,000 nodes (an alias bomb)."),
    "encoding": ("file", "Not clean UTF-8", "Profiles are UTF-8 without control characters; one leading byte order mark is allowed."),
    "syntax": ("yaml", "YAML syntax error", "The YAML parser could not read the file at this position."),
    "structure": ("yaml", "Not one YAML mapping", "A profile is exactly one YAML document whose top level is a mapping."),
    "too-deep": ("yaml", "Nesting too deep", "Nesting is capped at 64 levels."),
    "duplicate-key": ("yaml", "Duplicate key", "A key appears twice in one mapping; YAML would silently keep the last one."),
    "key": ("yaml", "Key not allowed", "Keys must be plain strings (quote 1, true, null); merge keys (<<) and collection keys are refused."),
    "tag": ("yaml", "Tag not allowed", "Only the core YAML tags are allowed, with values that fit them; no Python objects."),
    "yaml": ("yaml", "YAML construct refused", "Aliases must refer to earlier, complete nodes; non-finite numbers are refused."),
    "tab": ("yaml", "Tab character", "Tabs are not allowed in profiles (libyaml and the pure parser disagree on them); use spaces."),
    "schema": ("schema", "Schema violation", "The value does not fit schemas/profile.schema.json; the message names the rule it breaks."),
    "duplicate-id": ("references", "Duplicate id", "An instrument, provision, mapped element or article override is defined twice."),
    "undefined-instrument": ("references", "Undefined instrument", "A provision cites an instrument id the profile does not define."),
    "undefined-provision": ("references", "Undefined provision", "A mapping cites a provision id the profile does not define."),
    "undefined-part": ("references", "Covering part not found", "A mapping names parts of a provision it does not cite, or a part that provision records no penalty for."),
    "undefined-gravity-class": ("references", "Gravity class not defined", "Attempt or preparation is punishable from a gravity class the profile's gravity_classes do not define (schema version 2)."),
    "unknown-element": ("references", "Unknown element", "The element id is not in the Convention catalogue (`cybergap catalog`)."),
    "unknown-reservation": ("references", "Reservation not allowed", "Article 42 allows only the reservations the catalogue lists."),
    "unknown-declaration": ("references", "Declaration not provided for", "Article 40 provides only the declarations the catalogue lists."),
    "unknown-article": ("references", "Unknown article", "The article number is not in the Convention catalogue."),
    "provenance": ("provenance", "Excerpt without source", "An excerpt needs a source file to be proven against."),
    "missing-source": ("provenance", "Source file missing", "The source file the profile cites cannot be read."),
    "source-refused": ("provenance", "Source not allowed", "Sources are regular UTF-8 files of at most 10 MB inside the sources/ folder beside the profile (symlinks resolved first); never the profile itself, another YAML file, a device or a FIFO."),
    "not-verbatim": ("provenance", "Excerpt not verbatim", "The excerpt does not stand in its source (the source's markup and whitespace aside; in a two-column country profile, in the domestic column): a word was changed, added or dropped."),
    "markup-in-excerpt": ("provenance", "Markup in excerpt", "The excerpt holds markup (<...> tags, '*', list markers) that the comparison would fold away unseen; quote the words only."),
    "article-not-mapped": ("coverage", "Article not mapped", "No element of the article is mapped and the profile does not say why under `not_assessed`."),
    "draft-coverage": ("coverage", "Coverage not judged yet", "A draft mapping (`coverage: draft`) still waits for the curator: set full, partial, none or not_applicable."),
    "covered-without-provision": ("coverage", "Coverage without provision", "An element is marked covered but cites no provision, or only commentary."),
}
CHECKS = ("file", "yaml", "schema", "references", "provenance", "coverage")


def check_of(code: str) -> str:
    return CODES.get(code, ("yaml", "", ""))[0]
