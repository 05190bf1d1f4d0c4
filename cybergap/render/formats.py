"""Every output format of every command, in one registry (like check-jsonschema's reporters by
name, or pip-audit's format enum): `--format` choices, their help and the tests' parametrisation
come from here, and a new format is one renderer module plus one line below.

A renderer takes the command's result and a View (what the options ask to show) and returns a
string, or, for the terminal formats (`terminal=True`), a rich renderable that cli/ prints or
exports. Renderers are imported only when used, so `--help` stays fast.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple


class View(NamedTuple):
    """What to show, from the command's options."""

    articles: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    details: bool = False
    strict: bool = False
    top: int = 10
    width: int | None = None
    catalog: Any = None
    extra: tuple = ()  # further results a renderer needs (diff html: both assessments)


class Format(NamedTuple):
    render: Callable[[Any, View], Any]
    terminal: bool = False  # a rich renderable for people (printed, or exported as plain text to a file)
    data: bool = True  # a string programs read: written as UTF-8 whatever stdout's encoding


def _assess_table(a, v: View):
    from cybergap.render import table

    if v.articles:
        article = v.catalog.article(v.articles[0])
        text = article.get("text") or "The project holds no text of this article; see its summary: " + article.get("summary", "")
        return table.render_article(a, v.articles[0], text)
    return table.render(a, None, list(v.sections) or None, v.details)


def _assess_json(a, v: View) -> str:
    from cybergap.escaping import dumps
    from cybergap.render import json_report

    data = json_report.to_dict(a)
    if v.articles or v.sections:
        data["articles"] = [x for x in data["articles"] if (not v.articles or x["article"] in v.articles)
                            and (not v.sections or x["section"] in v.sections)]
    return dumps(data)


def _assess_markdown(a, v: View) -> str:
    from cybergap.render import markdown

    return markdown.render(a, list(v.articles) or None, list(v.sections) or None)


def _assess_html(a, v: View) -> str:
    from cybergap.render import assess_html

    return assess_html.render(a, v.catalog)


def _diff_table(delta, v: View):
    from cybergap.render import diff_table

    return diff_table.render(delta)


def _diff_json(delta, v: View) -> str:
    from cybergap.render import diff_json

    return diff_json.render(delta)


def _diff_markdown(delta, v: View) -> str:
    from cybergap.render import diff_markdown

    return diff_markdown.render(delta)


def _diff_html(delta, v: View) -> str:
    from cybergap.render import diff_html

    old, new = v.extra
    return diff_html.render(delta, old, new, v.catalog)


def _check_text(results, v: View) -> str:
    return "".join(f"{p}\n" for r in results for p in r.problems)


def _check_json(results, v: View) -> str:
    from cybergap.render import check_json

    return check_json.render(results, v.strict)


def _check_sarif(results, v: View) -> str:
    from cybergap.render import check_sarif

    return check_sarif.render(results)


def _check_junit(results, v: View) -> str:
    from cybergap.render import check_junit

    return check_junit.render(results, v.strict)


def _check_github(results, v: View) -> str:
    from cybergap.render import check_github

    return check_github.render(results)


def _compare_table(comparison, v: View):
    from cybergap.render import compare_table

    class _Fitted:  # the matrix is laid out for the width it gets
        def __rich_console__(self, console, options):
            yield compare_table.render(comparison, options.max_width, v.top)

    return _Fitted()


def _compare_markdown(comparison, v: View) -> str:
    from cybergap.render import compare_markdown

    return compare_markdown.render(comparison, v.top)


def _compare_csv(comparison, v: View) -> str:
    from cybergap.render import compare_csv

    return compare_csv.render(comparison)


def _compare_json(comparison, v: View) -> str:
    from cybergap.render import compare_json

    return compare_json.render(comparison)


def _crosswalk_table(side, v: View):
    from cybergap.render import crosswalk

    return crosswalk.table(side)


def _crosswalk_markdown(side, v: View) -> str:
    from cybergap.render import crosswalk

    return crosswalk.markdown(side)


def _crosswalk_json(side, v: View) -> str:
    from cybergap.render import crosswalk

    return crosswalk.render_json(side)


def _catalog_table(shown, v: View):
    from cybergap.render import catalog

    book, article = shown
    return catalog.article_view(book, article) if article else catalog.catalog_table(book)


def _catalog_json(shown, v: View) -> str:
    from cybergap.render import catalog

    book, article = shown
    return catalog.catalog_json(book, article) + "\n"


def _rules_table(rules, v: View):
    from cybergap.render import rules as render

    return render.table(rules)


def _rules_json(rules, v: View) -> str:
    from cybergap.render import rules as render

    return render.render_json(rules)


FORMATS: dict[str, dict[str, Format]] = {
    "assess": {"table": Format(_assess_table, True, False), "json": Format(_assess_json), "markdown": Format(_assess_markdown),
               "html": Format(_assess_html)},
    "diff": {"table": Format(_diff_table, True, False), "json": Format(_diff_json), "markdown": Format(_diff_markdown),
             "html": Format(_diff_html)},
    "check": {"text": Format(_check_text, data=False), "json": Format(_check_json), "sarif": Format(_check_sarif),
              "junit": Format(_check_junit), "github": Format(_check_github)},
    "compare": {"table": Format(_compare_table, True, False), "markdown": Format(_compare_markdown),
                "csv": Format(_compare_csv), "json": Format(_compare_json)},
    "crosswalk": {"table": Format(_crosswalk_table, True, False), "markdown": Format(_crosswalk_markdown),
                  "json": Format(_crosswalk_json)},
    "catalog": {"table": Format(_catalog_table, True, False), "json": Format(_catalog_json)},
    "rules": {"table": Format(_rules_table, True, False), "json": Format(_rules_json)},
}


def choices(kind: str) -> tuple[str, ...]:
    return tuple(FORMATS[kind])


def help_text(kind: str) -> str:
    names = choices(kind)
    return ", ".join(names[:-1]) + f" or {names[-1]}."


def render(kind: str, name: str, result, view: View):
    """The command's result in the named format (a string, or a rich renderable for a terminal format)."""
    return FORMATS[kind][name].render(result, view)
