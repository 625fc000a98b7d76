"""Compiled Jinja templates from the disk cache render exactly what freshly compiled ones render."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from atlas import templatecache

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache_file(tmp_path):
    path = tmp_path / "jinja-test.marshal"
    yield path
    templatecache.uninstall()


def test_a_saved_template_is_read_back_and_renders_the_same(cache_file):
    source = "{% for x in items %}<b>{{ x }}</b>{% endfor %}"
    assert templatecache.install(cache_file) == 0
    first = jinja2.Template(source).render(items=["a", "<b>"])
    assert templatecache.stats()["added"] == 1
    assert templatecache.save() and cache_file.exists()
    assert not templatecache.save()  # nothing new since
    jinja2.Template("{{ later }}")  # after saving, compiled as usual but no longer kept
    assert templatecache.stats()["held"] == 1

    assert templatecache.install(cache_file) == 1
    again = jinja2.Template(source).render(items=["a", "<b>"])
    assert again == first == "<b>a</b><b><b></b>"
    assert templatecache.stats() == {"held": 1, "used": 1, "added": 0}


def test_environment_settings_keep_their_own_code(cache_file):
    """The same source under autoescape, other delimiters or trim_blocks compiles to other code."""
    templatecache.install(cache_file)
    source = "{{ x }}\n{% if x %}yes{% endif %}\n<< x >>"
    plain = jinja2.Environment().from_string(source).render(x="<i>")
    escaped = jinja2.Environment(autoescape=True).from_string(source).render(x="<i>")
    angled = jinja2.Environment(variable_start_string="<<", variable_end_string=">>").from_string(source).render(x="<i>")
    trimmed = jinja2.Environment(trim_blocks=True).from_string(source).render(x="<i>")
    assert templatecache.stats()["added"] == 4
    templatecache.save()
    templatecache.install(cache_file)
    assert jinja2.Environment().from_string(source).render(x="<i>") == plain == "<i>\nyes\n<< x >>"
    assert jinja2.Environment(autoescape=True).from_string(source).render(x="<i>") == escaped == "&lt;i&gt;\nyes\n<< x >>"
    angled_again = jinja2.Environment(variable_start_string="<<", variable_end_string=">>").from_string(source).render(x="<i>")
    assert angled_again == angled == "{{ x }}\nyes\n<i>"
    assert jinja2.Environment(trim_blocks=True).from_string(source).render(x="<i>") == trimmed == "<i>\nyes<< x >>"
    assert templatecache.stats()["added"] == 0


def test_text_without_markup_is_not_kept(cache_file):
    """branca wraps every rendered snippet (random element ids, data) into a template: never asked again."""
    templatecache.install(cache_file)
    assert jinja2.Template("var map_1234 = L.map('map_1234');").render() == "var map_1234 = L.map('map_1234');"
    assert templatecache.stats() == {"held": 0, "used": 0, "added": 0}


@pytest.mark.parametrize("content", [b"", b"not a cache", b"\x80\x04garbage"])
def test_an_unreadable_file_counts_as_missing(cache_file, content):
    cache_file.write_bytes(content)
    assert templatecache.install(cache_file) == 0
    assert jinja2.Template("{{ 1 + 1 }}").render() == "2"
    assert templatecache.stats()["added"] == 1


def test_a_syntax_error_is_still_reported(cache_file):
    templatecache.install(cache_file)
    with pytest.raises(jinja2.TemplateSyntaxError):
        jinja2.Template("{% if %}")


def _rendered_map_digest(cache: Path | None) -> tuple[str, str]:
    """In a fresh interpreter: import folium (with the cache when given) and render the app's base map;
    the digest of the HTML (branca's random element ids numbered in order) and the cache's stats."""
    script = f"""
import hashlib, json, re
from pathlib import Path
from atlas import templatecache
cache = {str(cache)!r}
if cache != 'None':
    templatecache.install(Path(cache))
import folium
from atlas import mapbuild
figure = mapbuild.base_map(((49.0, 6.0), (52.0, 31.0)))
html = figure.get_root().render()
ids = list(dict.fromkeys(re.findall('[0-9a-f]{{32}}', html)))  # branca's random element ids, in order
for number, element_id in enumerate(ids):
    html = html.replace(element_id, 'id' + str(number))
stats = json.dumps(templatecache.stats())
if cache != 'None':
    templatecache.save()
print(hashlib.sha256(html.encode()).hexdigest(), stats)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    digest, stats = done.stdout.split(" ", 1)
    return digest, stats


def test_folium_renders_the_same_map_from_cached_templates(tmp_path):
    cache = tmp_path / "jinja-folium.marshal"
    without, _ = _rendered_map_digest(None)
    filled, first_stats = _rendered_map_digest(cache)
    cached, second_stats = _rendered_map_digest(cache)
    first, second = json.loads(first_stats), json.loads(second_stats)
    assert first["added"] == first["used"] > 40  # folium's element templates, compiled once
    assert second["added"] == 0 and second["used"] == first["used"]
    assert hashlib.sha256(b"").hexdigest() not in (without, filled, cached)
    assert without == filled == cached
