"""No English lexicon in code: the words a component or check matches live in ``data/``, read through the loader.

A word in code is a rule that only an English reader can change and that another language has to
copy; a word in a data file is a lexicon entry (docs/architecture.md). The scan reads each module's
string literals with ``ast`` and looks for lowercase words. What is *not* lexicon is left out by
construction: docstrings, the parts of an f-string (a message for the reader), dictionary keys and
subscripts (``lex["title_nouns"]``), keyword values (``alignment_mode="expand"``), arguments of the
loader, spaCy's own labels (``nsubj``, ``prep``), the vocabularies of the ledger (the string constants of
``model.py``, the finding types of docs/ledger-format.md, the unit keys of the data files), the names of
regular-expression groups anywhere in the package (``(?P<between>``: a figure's form) and the labels below.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimledger"

# Modules held to the full rule: no English word in any literal, regular expressions included.
WORD_FREE = (
    "check/sourcing.py", "check/contradiction.py",
    "extract/quotes.py", "extract/framing.py", "extract/contradiction.py", "extract/ledger.py", "extract/roles.py",
)
# Every module of extract/ and check/ is held to the weaker rule: no plain word list (a tuple, list or set
# of words). These still have some; the refactor of attribution/sources and the rules of periods/figures/
# measures/within move theirs, and the lead clears this list as they land. A module listed here that has
# none left fails the test, so the list cannot go stale.
KNOWN_WORD_LISTS = {
    "extract/attribution.py", "extract/sources.py",  # the attribution refactor
}

LOADER_CALLS = {"load", "lexicon", "weights", "get", "pop", "setdefault", "group", "start", "end", "span"}
# Labels the components give their own spans and readings; they name things, they match no text.
OWN_LABELS = {
    "double", "single",  # quote mark families (quotes.py)
    "permille",  # the unit of ‰ (figures.py), beside the data files' unit keys
    "full", "partial", "scare",  # quote kinds (Span._.cl_quote_kind; "title" is in the model's vocabulary)
    "attributed", "quoted",  # framing voices ("author" is the model's)
    "gent", "datv", "accs", "ablt", "loct", "nomn", "sing",  # pymorphy3's grammemes (morphology.py)
    "en", "ru", "uk", "de",  # language codes
}
_WORDS = re.compile(r"[a-z]{2,}(?:['’ -][a-z]+)*")
_REGEX_SYNTAX = re.compile(r"\\[bsdw]|\(\?|\|")
_REGEX_WORD = re.compile(r"(?<![\\\w<])[a-z]{2,}(?![\w>])")


def _vocabulary() -> frozenset[str]:
    """spaCy's labels, the ledger's vocabularies and the package's regular-expression group names."""
    model = ast.parse((PACKAGE / "model.py").read_text("utf-8"))
    constants = {n.value for n in ast.walk(model) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    findings = re.findall(r"^\| `([a-z_]+)` \|", (PACKAGE.parents[1] / "docs" / "ledger-format.md").read_text("utf-8"), re.M)
    units = json.loads((PACKAGE / "data" / "figures_units.json").read_text("utf-8"))
    measures = json.loads((PACKAGE / "data" / "measures_lexicon.json").read_text("utf-8"))["measures"]
    unit_keys = {*units["unit_words"].values(), *units["unit_symbols"].values(), *(m.get("unit") for m in measures)}
    groups = {g for p in PACKAGE.rglob("*.py") for g in re.findall(r"\(\?P<(\w+)>|group\(\"(\w+)\"", p.read_text("utf-8")) for g in g}
    return frozenset({k for k in GLOSSARY if k.islower()} | constants | set(findings) | unit_keys | groups | OWN_LABELS)


VOCABULARY = _vocabulary()


def _not_lexicon(tree: ast.AST) -> set[int]:
    """ids of the literals that are not lexicon by where they stand."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.JoinedStr) and not any(
            isinstance(v, ast.Constant) and _REGEX_SYNTAX.search(v.value) for v in node.values
        ):
            skip.update(id(n) for n in ast.walk(node))  # a message, not a word to match
        elif isinstance(node, ast.Subscript):
            skip.add(id(node.slice))
        elif isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys if k is not None)
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            skip.update(id(n) for n in ast.walk(node.value))
        elif isinstance(node, ast.keyword):
            skip.add(id(node.value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOADER_CALLS:
            skip.update(id(a) for a in node.args)
    return skip


def english_literals(source: str, *, regexes: bool = True) -> list[tuple[int, str]]:
    """(line, word) for each lowercase word a literal holds as lexicon (and, with ``regexes``, inside a pattern)."""
    tree = ast.parse(source)
    skip = _not_lexicon(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        if _WORDS.fullmatch(node.value) and node.value not in VOCABULARY:
            found.append((node.lineno, node.value))
        elif regexes and _REGEX_SYNTAX.search(node.value):
            found += [(node.lineno, w) for w in _REGEX_WORD.findall(re.sub(r"\(\?P<\w+>|\(\?\w+[:)]", "", node.value))]
    return found


def word_lists(source: str) -> list[tuple[int, list[str]]]:
    """(line, words) for each tuple, list or set display of two or more lexicon words."""
    tree = ast.parse(source)
    skip = _not_lexicon(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2:
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            lexical = [w for w in words if _WORDS.fullmatch(w) and w not in VOCABULARY]
            if len(words) == len(node.elts) and lexical and id(node) not in skip:
                found.append((node.lineno, lexical))
    return found


def _modules() -> list[str]:
    return sorted(str(p.relative_to(PACKAGE)) for folder in ("extract", "check") for p in (PACKAGE / folder).glob("*.py"))


@pytest.mark.parametrize("module", WORD_FREE)
def test_these_modules_hold_no_english_word(module: str) -> None:
    assert english_literals((PACKAGE / module).read_text("utf-8")) == []


@pytest.mark.parametrize("module", _modules())
def test_no_module_keeps_a_word_list_in_code(module: str) -> None:
    found = word_lists((PACKAGE / module).read_text("utf-8"))
    if module in KNOWN_WORD_LISTS:
        assert found, f"{module} has no word list left: take it off KNOWN_WORD_LISTS"
    else:
        assert found == []


@pytest.mark.parametrize(
    "source",
    [
        '_PARTITIVE = ("the", "these", "those")\n',
        'if token.lower_ in {"of", "among"}:\n    pass\n',
        'WRITER = frozenset({"i", "we"})\n',
        'LEAD = re.compile(r"\\b(in|at|during)\\s+$")\n',
        'if word == "yesterday":\n    pass\n',
    ],
)
def test_the_scan_finds_words_in_code(source: str) -> None:
    assert english_literals(source)


def test_the_scan_finds_a_plain_word_list() -> None:
    assert word_lists('_ABSOLUTE = ("with", "without")\n') == [(1, ["with", "without"])]
    assert word_lists('KINDS = ("quote", "figure")\n') == []  # the model's vocabulary


def test_the_scan_leaves_keys_labels_messages_and_docstrings_alone() -> None:
    source = (
        'def f(doc, lex):\n    """Read the words."""\n    x = lex["title_nouns"] + lex.get("setting_nouns")\n'
        '    span = doc.char_span(0, 1, alignment_mode="expand")\n    if t.dep_ == "nsubj" and kind == "quote":\n'
        '        return f"{n} reaches the article secondhand", {"lang": None}\n'
        '    return datafiles.load("quotes_settings")\n'
    )
    assert english_literals(source) == []
