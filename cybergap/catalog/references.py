"""Where the Convention's own words point at other articles: "the criminal offences established
in accordance with Articles 2 through 11" (Art. 13.1), "the powers and procedures provided for in
this section" (Art. 15.1). `cybergap import` uses them to point a curator at the provisions a
draft quotes beside the articles referred to (the offences whose sanctions Article 13 asks about)."""

from __future__ import annotations

import re

_NUMBERS = r"\d+(?:(?:,\s*|\s+through\s+|\s+to\s+|\s+and\s+|\s+or\s+)\d+)*"
_REFERENCE = re.compile(rf"\bArticles?\s+({_NUMBERS})|\bthis\s+(section|chapter)\b", re.IGNORECASE)
_OTHER_TREATY = re.compile(r"^\s+(?:of|to)\s+the\s+(?!present\b)[A-Z]")  # "Article 9 of the Berne Convention"
_PARAGRAPH = re.compile(r"^(\d+)\s")


def paragraph(text: str, element_id: str) -> str:
    """The numbered paragraph of an article's text an element belongs to ("13.1" -> the lines
    of paragraph 1); the whole text when the element or the article has no paragraph number."""
    parts = element_id.split(".")
    if len(parts) < 2 or not parts[1].isdigit():
        return text
    current, lines = None, []
    for line in text.splitlines():
        numbered = _PARAGRAPH.match(line)
        if numbered:
            current = numbered.group(1)
        if current == parts[1]:
            lines.append(line)
    return "\n".join(lines) or text


def _numbers(words: str) -> list[str]:
    found: list[int] = []
    for first, last in re.findall(r"(\d+)\s+(?:through|to)\s+(\d+)", words):
        found += range(int(first), int(last) + 1)
    found += [int(n) for n in re.findall(r"\d+", words)]
    return [str(n) for n in sorted(set(found))]


def referred(catalog, element_id: str) -> list[tuple[str, list[str]]]:
    """(the Convention's words, the articles they refer to) for each reference to other articles
    of this Convention in the paragraph of `element_id`; the article's own number is left out."""
    from cybergap.catalog import article_number

    article = catalog.article(article_number(element_id))
    if article is None:
        return []
    own, text = article["number"], paragraph(article.get("text", ""), element_id)
    found, seen = [], {own}
    for match in _REFERENCE.finditer(text):
        if match.group(1):
            if _OTHER_TREATY.match(text[match.end():]):
                continue
            numbers = _numbers(match.group(1))
        else:
            part = match.group(2).lower()
            numbers = [a["number"] for a in catalog.articles
                       if a.get("chapter") == article.get("chapter")
                       and (part == "chapter" or a.get("section") == article.get("section"))]
        numbers = [n for n in numbers if n not in seen and catalog.article(n) is not None]
        if numbers:
            seen.update(numbers)
            found.append((" ".join(match.group(0).split()), numbers))
    return found
