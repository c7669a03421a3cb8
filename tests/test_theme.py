"""The theme internals the site relies on (indexer/site/theme.py) are still what the installed
Material for MkDocs has. When an upgrade changes one, this fails and says what to re-make."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files

import pytest

from indexer.site import theme
from tests.sitebuild import ROOT

TEMPLATES = files("material") / "templates"


def _block(template: str, name: str) -> str:
    m = re.search(r"{%-? block " + name + r" -?%}(.*?){%-? endblock -?%}", template, re.S)
    assert m, f"Material's template has no block {name!r} any more"
    return m.group(1)


@pytest.mark.parametrize("override", theme.OVERRIDES, ids=lambda o: o.theirs)
def test_each_override_replaces_what_material_still_has(override):
    name, _, block = override.theirs.partition("#")
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    if block:
        text = _block(text, block)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert digest == override.sha256_16, (
        f"Material's {override.theirs} changed since {theme.MATERIAL_VERSION}: re-make "
        f"overrides/{override.ours} from the new version ({override.why}) and update "
        "indexer/site/theme.py")
    assert (ROOT / "overrides" / override.ours).is_file()


def test_overrides_folder_holds_only_listed_templates():
    ours = {p.relative_to(ROOT / "overrides").as_posix()
            for p in (ROOT / "overrides").rglob("*.html")}
    assert ours - {o.ours for o in theme.OVERRIDES} == {"404.html"}  # our own page, no copy


def test_trusted_inline_scripts_are_still_material_s():
    partials = TEMPLATES / "partials" / "javascripts"
    text = "".join(p.read_text(encoding="utf-8") for p in partials.iterdir()
                   if p.name.endswith(".html"))
    for prefix in theme.TRUSTED_INLINE_PREFIXES:
        assert prefix in text, f"no inline script starting {prefix!r} in Material any more"


def test_css_classes_we_select_exist_in_material_s_stylesheet():
    sheets = (TEMPLATES / "assets" / "stylesheets")
    css = "".join(p.read_text(encoding="utf-8") for p in sheets.iterdir()
                  if p.name.startswith("main.") and p.name.endswith(".css"))
    missing = [c for c in theme.CSS_CLASSES if f".{c}" not in css]
    assert missing == []


def test_every_material_class_in_our_css_is_listed():
    ours = set(re.findall(r"\.(md-[a-z_-]+)", (ROOT / "docs/assets/tipkb.css").read_text("utf-8")))
    assert ours - set(theme.CSS_CLASSES) == set()
