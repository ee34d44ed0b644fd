"""Every command and option of the CLI is explained, in --help and in the README.

A user meets the CLI through those two places; an option that neither explains
is an option nobody can use. The failure message lists what is missing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from claimledger.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


# Typer ships its own copy of click, so commands and parameters are told apart by
# what they have (``commands``, ``param_type_name``), not by click's classes.
Command = Any
Param = Any


def _commands() -> dict[str, Command]:
    """The top-level command and each subcommand, by the name a user types."""
    root = typer.main.get_command(app)
    commands = {"claimledger": root}
    commands.update({f"claimledger {name}": command for name, command in getattr(root, "commands", {}).items()})
    return commands


def _params(command: Command, kind: str) -> list[Param]:
    return [p for p in command.params if p.param_type_name == kind and p.name != "help"]


def _options(command: Command) -> list[Param]:
    return _params(command, "option")


def test_the_cli_is_what_these_tests_expect() -> None:
    """Guards the tests below against passing on nothing (e.g. a Typer that hides its commands)."""
    assert "claimledger analyze" in _commands()
    assert "--published" in [opt for option in _options(_commands()["claimledger analyze"]) for opt in option.opts]


def test_every_command_and_option_has_help() -> None:
    missing = [name for name, command in _commands().items() if not (command.help or "").strip()]
    missing += [
        f"{name} {option.opts[0]}"
        for name, command in _commands().items()
        for option in _options(command)
        if not (option.help or "").strip()
    ]
    assert not missing, f"no help text: {missing}"


def test_every_argument_has_help() -> None:
    missing = [
        f"{name} {param.name}"
        for name, command in _commands().items()
        for param in _params(command, "argument")
        if not (getattr(param, "help", None) or "").strip()
    ]
    assert not missing, f"no help text: {missing}"


def test_readme_documents_every_command_and_option() -> None:
    assert README.exists(), "README.md is missing"
    readme = README.read_text(encoding="utf-8")
    wanted = [name.split()[-1] for name in _commands() if name != "claimledger"]
    wanted += sorted({opt for command in _commands().values() for option in _options(command) for opt in option.opts})
    missing = [word for word in wanted if not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", readme)]
    assert not missing, f"README.md does not mention: {missing}"
