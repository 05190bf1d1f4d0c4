"""`cybergap catalog [ARTICLE] [--framework budapest|un-cybercrime]`."""

from __future__ import annotations

from cybergap.cli.common import check_choice, emit, stdout_console, usage_error


def run(article_number: str | None, format: str, framework: str = "budapest") -> int:
    from cybergap.catalog import FRAMEWORKS, load_catalog
    from cybergap.render import catalog as render

    check_choice(format, ("table", "json"))
    check_choice(framework, FRAMEWORKS, "--framework")
    catalog = load_catalog(framework)
    article = None
    if article_number is not None:
        article = catalog.article(article_number.removeprefix("Art.").strip())
        if article is None:
            name = "Convention" if framework == "budapest" else framework
            numbers = f"{catalog.articles[0]['number']}-{catalog.articles[-1]['number']}"
            return usage_error(f"no article {article_number!r} in the {name} catalogue (articles {numbers})")
    if format == "json":
        emit(render.catalog_json(catalog, article) + "\n", data=True)
        return 0
    console = stdout_console()
    console.print(render.article_view(catalog, article) if article else render.catalog_table(catalog))
    return 0
