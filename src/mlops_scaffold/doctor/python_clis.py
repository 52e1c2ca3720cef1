"""Python scripts used as task runners: the subcommands a command-line script declares,
and the programs a script starts.

`python scripts/cli.py setup`, `python commands.py train`: a script whose subcommands
name the project's tasks is its task runner, as a Makefile is. Subcommands are read from
the syntax tree, whatever the library: argparse sub-parsers (`add_parser("test")`), click
or typer commands of a group (`@cli.command()`, `@app.command("serve")`), and Python
Fire over the module's functions (`fire.Fire()`), a dict of them or a class.
"""

from __future__ import annotations

import ast

from mlops_scaffold.doctor.commands import RUN_CALLS, argv_text
from mlops_scaffold.doctor.pycode import calls, dotted, first_string, import_names, resolved, walked

# Decorator attributes that make a function a subcommand of a click or typer group.
COMMAND_DECORATORS = frozenset({"command"})
# Modules whose own `command` decorator makes a lone command, not a group's subcommand.
LONE_COMMAND_MODULES = frozenset({"click", "typer", "asyncclick", "cloup"})


def subcommands(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, name) of each subcommand the script declares, in the order written."""
    found = _argparse(tree) + _click_like(tree) + _fire(tree)
    return sorted(dict.fromkeys(found), key=lambda item: item[0])


def _argparse(tree: ast.Module) -> list[tuple[int, str]]:
    """`subparsers.add_parser("setup", help=...)`."""
    return [
        (call.lineno, name)
        for call in calls(tree)
        if isinstance(call.func, ast.Attribute)
        and call.func.attr == "add_parser"
        and (name := first_string(call))
    ]


def _click_like(tree: ast.Module) -> list[tuple[int, str]]:
    """Functions decorated `@group.command()` (click, typer): named by the decorator's
    first argument or `name=`, else by the function (underscores read as dashes)."""
    found: list[tuple[int, str]] = []
    for node in walked(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not isinstance(target, ast.Attribute) or target.attr not in COMMAND_DECORATORS:
                continue
            if dotted(target.value) in LONE_COMMAND_MODULES:
                continue
            named = _named(decorator) if isinstance(decorator, ast.Call) else None
            found.append((node.lineno, named or node.name.replace("_", "-")))
    return found


def _named(call: ast.Call) -> str | None:
    """The name a decorator call gives (`command("serve")`, `command(name="serve")`)."""
    keyword = next((k.value for k in call.keywords if k.arg == "name"), None)
    if isinstance(keyword, ast.Constant) and isinstance(keyword.value, str):
        return keyword.value
    return first_string(call)


def _fire(tree: ast.Module) -> list[tuple[int, str]]:
    """Python Fire's commands: `fire.Fire()` exposes the module's public functions,
    `fire.Fire({"train": train})` the dict's keys, `fire.Fire(Tasks)` the class's public
    methods; `fire.Fire(main)` is one command, no subcommands."""
    names = import_names(tree)
    functions = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }
    found: list[tuple[int, str]] = []
    for call in calls(tree):
        if resolved(dotted(call.func), names) != "fire.Fire":
            continue
        component = call.args[0] if call.args else None
        if component is None:
            found += [
                (node.lineno, name)
                for name, node in functions.items()
                if not isinstance(node, ast.ClassDef) and not name.startswith("_")
            ]
        elif isinstance(component, ast.Dict):
            found += [
                (call.lineno, key.value)
                for key in component.keys
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
            ]
        elif isinstance(component, ast.Name) and isinstance(
            cls := functions.get(component.id), ast.ClassDef
        ):
            found += [
                (method.lineno, method.name)
                for method in cls.body
                if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef))
                and not method.name.startswith("_")
            ]
    return found


def started_commands(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, command line) of each program the script starts in code
    (`subprocess.run([".venv/bin/pip", "install", "-e", "."])`, `os.system("make")`), itself
    or through a function of its own that runs the command it is given (`def
    run_command(command): subprocess.run(command, shell=True)`, then `run_command("pip
    install .")`)."""
    wrappers = _command_wrappers(tree)
    return [
        (call.lineno, words)
        for call in calls(tree)
        if (
            dotted(call.func).rpartition(".")[2] in RUN_CALLS
            or (isinstance(call.func, ast.Name) and call.func.id in wrappers)
        )
        and (words := argv_text(call))
    ]


def _command_wrappers(tree: ast.Module) -> frozenset[str]:
    """The module's functions that start the program their first parameter names: a run
    call in their body is given that parameter as its command (`subprocess.run(command)`)."""
    found: set[str] = set()
    for function in tree.body:
        if not isinstance(function, ast.FunctionDef) or not function.args.args:
            continue
        parameter = function.args.args[0].arg
        if any(
            dotted(call.func).rpartition(".")[2] in RUN_CALLS
            and call.args
            and isinstance(call.args[0], ast.Name)
            and call.args[0].id == parameter
            for call in calls(function)
        ):
            found.add(function.name)
    return frozenset(found)
