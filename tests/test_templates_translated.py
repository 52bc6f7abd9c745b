"""Every string a user reads in a template is marked for translation (STYLE.md, "Words users
read"), so a Welsh council can add Welsh without touching code.

The check is deliberately simple: it takes each template, drops everything inside
{% translate %} / {% blocktranslate %}, every other template tag, variable and comment, and the
HTML tags, and fails on any word left over. Attribute values people read (aria-label, title,
alt, placeholder) and |default strings are checked the same way."""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType
from django.template.loader import get_template

import coopcouncil

PACKAGE_DIR = Path(coopcouncil.__file__).parent
# Apps whose templates are held to the rule; an app joins once its templates are marked.
CHECKED_APPS = ("coproduction", "democracy", "insight", "mutuals", "participation", "procurement")
TEMPLATES = sorted(
    path for app in CHECKED_APPS for path in (PACKAGE_DIR / app / "templates").rglob("*.html")
)
# Stands in for a tag or variable, so "<a href="{% url %}">" stays one HTML tag.
PLACEHOLDER = "\x00"
HTML_TAG = re.compile(r"<[^>]*>", re.DOTALL)
READ_ATTRIBUTE = re.compile(r"""\b(?:aria-label|title|alt|placeholder)\s*=\s*(["'])(.*?)\1""")
WORD = re.compile(r"[^\W\d_]{2,}")
# A default shown in place of a missing value is read too: it is written default:_("...").
DEFAULT_TEXT = re.compile(r"""\|default(?:_if_none)?:(["'])(.*?)\1""")
CSS_LENGTH = re.compile(r"[\d.]+[a-z%]*")


def _outside_translation(source: str) -> str:
    """The template with translated text, tags, variables and comments blanked out."""
    kept, in_block_translation = [], False
    for token in Lexer(source).tokenize():
        command = token.contents.split()[0] if token.contents.split() else ""
        if token.token_type == TokenType.BLOCK and command in ("blocktranslate", "blocktrans"):
            in_block_translation = True
        elif token.token_type == TokenType.BLOCK and command in (
            "endblocktranslate",
            "endblocktrans",
        ):
            in_block_translation = False
        elif token.token_type == TokenType.TEXT and not in_block_translation:
            kept.append(token.contents)
            continue
        kept.append(PLACEHOLDER)
    return "".join(kept)


def _unmarked_words(text: str) -> list[str]:
    text = re.sub(r"&\w+;|&#\d+;", " ", text)
    return WORD.findall(text)


def unmarked_text(source: str) -> list[str]:
    """Words a user would read that no translation tag covers."""
    outside = _outside_translation(source)
    attributes = [
        value for tag in HTML_TAG.findall(outside) for _, value in READ_ATTRIBUTE.findall(tag)
    ]
    attributes += [
        value for _, value in DEFAULT_TEXT.findall(source) if not CSS_LENGTH.fullmatch(value)
    ]
    return _unmarked_words(HTML_TAG.sub(" ", outside)) + [
        word for value in attributes for word in _unmarked_words(value)
    ]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(PACKAGE_DIR)))
def test_every_word_a_user_reads_in_a_template_is_marked_for_translation(path):
    assert unmarked_text(path.read_text()) == []


def test_the_check_catches_unmarked_text_and_passes_marked_text():
    assert unmarked_text('<p title="Open">Closed {{ x }}</p>') == ["Closed", "Open"]
    assert unmarked_text('<p>{{ ward|default:"all wards" }}</p>') == ["all", "wards"]
    assert unmarked_text('<p>{{ ward|default:_("all wards") }}</p>') == []
    assert (
        unmarked_text(
            '<p><a href="{% url "a" %}">{% translate "Closed" %}</a> '
            "{% blocktranslate with n=x %}{{ n }} votes{% endblocktranslate %}</p>"
        )
        == []
    )


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(PACKAGE_DIR)))
def test_every_checked_template_still_compiles(path):
    # A translation tag with a bad binding fails only when the page is drawn; catch it here.
    get_template(str(path.relative_to(path.parents[1])))
