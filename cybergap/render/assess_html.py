"""The assessment as one self-contained HTML page: a heatmap of the 35 articles, section bars, the
priorities, then every article as a collapsible section (templates/assess.html.j2).

The page carries no script and fetches nothing: CSS is inline and allowed by its hash alone
(Content-Security-Policy), bars are inline SVG. Profile text is data: Jinja2 escapes every value,
and `visible` shows invisible format characters (bidi overrides, zero-width marks) as `<U+202E>`.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from cybergap.model import ArticleResult, Assessment, Rating, Status
from cybergap.render.text import clean, rating_code, score

TEMPLATES = Path(__file__).resolve().parent / "templates"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _show_format_char(match: re.Match) -> str:
    char = match.group()
    return f"<U+{ord(char):04X}>" if unicodedata.category(char) == "Cf" else char


def visible(value: object) -> str:
    """Profile text as a reader must see it: control characters dropped (text.clean), and Unicode
    format characters (category Cf: bidi overrides and isolates, zero-width spaces and joiners,
    soft hyphens, BOMs) written out as <U+XXXX>, so they can neither reorder nor hide words."""
    text = clean(value)
    return text if text.isascii() else _NON_ASCII.sub(_show_format_char, text)


def css_string(value: object) -> str:
    """A CSS string literal of `value`: every character but ASCII letters, digits and spaces is
    written as a CSS escape, so profile text cannot end the string or the <style> element."""
    return '"' + "".join(c if (c.isascii() and c.isalnum()) or c == " " else f"\\{ord(c):x} " for c in visible(value)) + '"'



def gain(value: float, digits: int = 1) -> str:
    return f"{value:+.{digits}f}"



def rating_class(article: ArticleResult) -> str:
    return f"r-{article.rating.value}" if article.rating else "r-none"


def rating_word(article: ArticleResult) -> str:
    return article.rating.word if article.rating else "not assessed"


def override_applies(article: ArticleResult) -> bool:
    return article.override is not None and not article.override.expired


def _finalize(value):
    """Every {{ value }} passes here before it is escaped: profile strings are made visible."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


@lru_cache(maxsize=1)
def environment():
    """The Jinja2 environment: every template autoescaped, an unknown name an error."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, finalize=_finalize,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["joined"] = joined
    env.globals.update(score=score, gain=gain, rating_code=rating_code, rating_class=rating_class,
                       rating_word=rating_word, override_applies=override_applies,
                       ratings_legend=list(Rating), Status=Status)
    return env


def page_head(running_header: str) -> dict:
    """The stylesheet (with the running header of printed pages) and the policy that allows it
    by its hash, and nothing else: no script, no fetch, no inline style attribute."""
    from markupsafe import Markup

    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    css += "@page{@top-left{content:" + css_string(running_header) + ";font:8pt system-ui,sans-serif;color:#555}}\n"
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    return {"style": Markup(css), "csp": csp}


def section_groups(articles, sections) -> list[dict]:
    """Articles grouped by sections (the catalogue's dicts), in their order: each section's keys
    with its "articles" (empty sections left out)."""
    groups = []
    for section in sections:
        members = [a for a in articles if a.section == section["id"]]
        if members:
            groups.append({**section, "articles": members})
    return groups


def cited_provisions(article: ArticleResult) -> list[str]:
    """The provisions an article's elements cite, each once, in order of first citation."""
    cited: list[str] = []
    for element in article.elements:
        cited += [p for p in element.provisions if p not in cited]
    return cited


def joined(items, separator: str = ", ") -> str:
    """Items joined as plain text (Jinja's join would return markup, which `visible` never sees)."""
    return separator.join(str(item) for item in items)


def labels(a: Assessment):
    """provision ids -> their labels ('PC Article 205'), joined as plain text."""
    return lambda pids: joined((a.provisions.get(pid, {}).get("label", pid) for pid in pids), "; ")


def render(assessment: Assessment, catalog) -> str:
    from cybergap import __version__

    a = assessment
    date = a.source_date if a.source_date and a.source_date[:4] not in a.source_title else ""
    ratings = a.rating_counts()
    counts = a.counts()
    shown_counts = a.counts(overrides=True)
    template = environment().get_template("assess.html.j2")
    return template.render(
        a=a, date=date, ratings=ratings, counts=counts, version=__version__,
        override_counts={s: n for s, n in shown_counts.items() if n != counts[s]} if a.applied_overrides() else None,
        groups=section_groups(a.articles, catalog.sections),
        convention={x.number: (catalog.article(x.number) or {}).get("text", "") for x in a.articles},
        cited={x.number: cited_provisions(x) for x in a.articles},
        provision=lambda pid: a.provisions.get(pid, {}), labels=labels(a),
        **page_head(f"cybergap · {a.country} ({a.iso2}) · {a.framework_title} assessment"),
    )
