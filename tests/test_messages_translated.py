"""Every message a service, selector or API endpoint refuses with is marked for translation
(STYLE.md, "Words users read"): the detail of a DomainError reaches people as it is, in the
JSON error body and on HTML forms.

The check reads the source: a message written as a plain string or an f-string in a
DomainError, Conflict, NotFound or NotAllowed fails; gettext(...) and
gettext(...) % {...} pass. A message held in a variable is not judged here."""

import ast
from pathlib import Path

import pytest

import coopcouncil

PACKAGE_DIR = Path(coopcouncil.__file__).parent
# Modules held to the rule; a package joins once its messages are marked.
CHECKED = (
    "democracy/api",
    "democracy/selectors",
    "democracy/services",
    "participation/api",
    "participation/services",
)
MODULES = sorted(path for folder in CHECKED for path in (PACKAGE_DIR / folder).rglob("*.py"))
REFUSALS = {"DomainError", "Conflict", "NotFound", "NotAllowed"}
TRANSLATORS = {"gettext", "ngettext", "pgettext", "npgettext"}


def _is_translated(message: ast.expr) -> bool:
    if isinstance(message, ast.BinOp) and isinstance(message.op, ast.Mod):
        message = message.left
    return isinstance(message, ast.Call) and getattr(message.func, "id", None) in TRANSLATORS


def unmarked_messages(source: str) -> list[str]:
    """The refusal messages written as bare strings, as `line: message`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if called not in REFUSALS:
            continue
        messages = node.args[1:2] + [k.value for k in node.keywords if k.arg == "message"]
        for message in messages:
            is_written_here = isinstance(message, (ast.Constant, ast.JoinedStr, ast.BinOp))
            if is_written_here and not _is_translated(message):
                found.append(f"{node.lineno}: {ast.unparse(message)}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE_DIR)))
def test_every_refusal_message_is_marked_for_translation(path):
    assert unmarked_messages(path.read_text()) == []


def test_the_check_catches_bare_messages_and_passes_translated_ones():
    assert unmarked_messages('raise NotFound("x", "No such thing.")') == ["1: 'No such thing.'"]
    assert unmarked_messages('raise Conflict("x", f"Closed {when}.")') == ["1: f'Closed {when}.'"]
    assert (
        unmarked_messages(
            'raise NotFound("x", gettext("No such thing."))\n'
            'raise Conflict("x", gettext("Closed %(when)s.") % {"when": when})\n'
            'raise DomainError("x", str(error), "file")'
        )
        == []
    )
