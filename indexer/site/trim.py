"""Theme files a built site never loads, so they need not be carried around.

Material ships source maps (for debugging the theme itself) and the word splitters of every
search language; a copy on a trainer's laptop needs only those of the configured languages.
"""

from __future__ import annotations

from pathlib import Path

# Extra scripts Material's search worker loads for some languages.
SEGMENTERS = {"tinyseg.js": {"ja", "jp"}, "wordcut.js": {"hi", "th"}}
ALWAYS = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}


def unused_theme_files(site_dir: Path, search_langs: list[str] | None) -> list[Path]:
    """Source maps under assets/, and search-language scripts for languages not configured.

    With ``search_langs`` None (Material's search plugin is not used: the site has its own,
    indexer/site/search/) the theme's search worker and every lunr script are unused too.
    """
    assets = Path(site_dir) / "assets"
    unused = sorted(assets.rglob("*.map"))
    if search_langs is None:
        scripts = assets / "javascripts"
        return unused + sorted((scripts / "lunr").rglob("*.js")) + sorted(
            (scripts / "workers").glob("search.*.js"))
    langs = set(search_langs)
    lunr = assets / "javascripts" / "lunr"
    for script in sorted((lunr / "min").glob("lunr.*.min.js")):
        lang = script.name.split(".")[1]
        if script.name not in ALWAYS and lang not in langs:
            unused.append(script)
    for name, needs in SEGMENTERS.items():
        if (lunr / name).exists() and not langs & needs:
            unused.append(lunr / name)
    return unused
