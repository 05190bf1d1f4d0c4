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


def _result_only(module: str, function: str) -> Callable[[Any, View], Any]:
    """A renderer that needs nothing of the View: cybergap.render.<module>.<function>(result),
    imported when first used."""

    def render(result, view: View):
        from importlib import import_module

        return getattr(import_module(f"cybergap.render.{module}"), function)(result)

    return render


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


def _diff_html(delta, v: View) -> str:
    from cybergap.render import diff_html

    old, new = v.extra
    return diff_html.render(delta, old, new, v.catalog)


def _check_text(results, v: View) -> str:
    return "".join(f"{p}\n" for r in results for p in r.problems)


def _check_json(results, v: View) -> str:
    from cybergap.render import check_json

    return check_json.render(results, v.strict)


def _check_junit(results, v: View) -> str:
    from cybergap.render import check_junit

    return check_junit.render(results, v.strict)


def _compare_table(comparison, v: View):
    from cybergap.render import compare_table

    class _Fitted:  # the matrix is laid out for the width it gets
        def __rich_console__(self, console, options):
            yield compare_table.render(comparison, options.max_width, v.top)

    return _Fitted()


def _compare_markdown(comparison, v: View) -> str:
    from cybergap.render import compare_markdown

    return compare_markdown.render(comparison, v.top)


def _compare_html(comparison, v: View) -> str:
    from cybergap.render import compare_html

    return compare_html.render(comparison, v.top)


def _catalog_table(shown, v: View):
    from cybergap.render import catalog

    book, article = shown
    return catalog.article_view(book, article) if article else catalog.catalog_table(book)


def _catalog_json(shown, v: View) -> str:
    from cybergap.render import catalog

    book, article = shown
    return catalog.catalog_json(book, article) + "\n"


FORMATS: dict[str, dict[str, Format]] = {
    "assess": {"table": Format(_assess_table, True, False), "json": Format(_assess_json), "markdown": Format(_assess_markdown),
               "html": Format(_assess_html)},
    "diff": {"table": Format(_result_only("diff_table", "render"), True, False), "json": Format(_result_only("diff_json", "render")), "markdown": Format(_result_only("diff_markdown", "render")),
             "html": Format(_diff_html)},
    "check": {"text": Format(_check_text, data=False), "json": Format(_check_json), "sarif": Format(_result_only("check_sarif", "render")),
              "junit": Format(_check_junit), "github": Format(_result_only("check_github", "render"))},
    "compare": {"table": Format(_compare_table, True, False), "markdown": Format(_compare_markdown),
                "csv": Format(_result_only("compare_csv", "render")), "json": Format(_result_only("compare_json", "render")),
                "html": Format(_compare_html)},
    "crosswalk": {"table": Format(_result_only("crosswalk", "table"), True, False), "markdown": Format(_result_only("crosswalk", "markdown")),
                  "json": Format(_result_only("crosswalk", "render_json"))},
    "catalog": {"table": Format(_catalog_table, True, False), "json": Format(_catalog_json)},
    "rules": {"table": Format(_result_only("rules", "table"), True, False), "json": Format(_result_only("rules", "render_json"))},
}


def choices(kind: str) -> tuple[str, ...]:
    return tuple(FORMATS[kind])


def help_text(kind: str) -> str:
    names = choices(kind)
    return ", ".join(names[:-1]) + f" or {names[-1]}."


def render(kind: str, name: str, result, view: View):
    """The command's result in the named format (a string, or a rich renderable for a terminal format)."""
    return FORMATS[kind][name].render(result, view)
