"""``perfeval completion bash|zsh``: a shell completion script, generated from the commands'
own argument parsers, so it cannot drift from them.

Commands, actions and options are completed everywhere; evaluation files (``*.toml`` and
folders) where a command reads them; and the names perfeval knows — export formats, framework
ids, grading policies, check codes — as they are installed when the script is generated (run
it again after installing a plugin or adding a framework).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import NamedTuple

#: Shells a script is written for.
SHELLS = ("bash", "zsh")

#: What an option's value (by the option's ``dest``) or a positional argument completes to;
#: any other value is a path.
_VALUES = {
    "format": "formats",
    "export": "formats",
    "framework": "frameworks",
    "policy": "policies",
    "select": "checks",
    "ignore": "checks",
    "jobs": "nothing",
    "files": "evaluations",
    "shell": "shells",
}


class Option(NamedTuple):
    strings: tuple[str, ...]
    help: str
    value: str | None  # what its value completes to; None: it takes none
    metavar: str


class Context(NamedTuple):
    """A command (``score``) or an action of one (``framework show``)."""

    path: tuple[str, ...]
    help: str
    options: list[Option]
    subcommands: dict[str, str]  # name → help
    positional: tuple[str, str] | None  # (what it completes to, metavar)

    @property
    def key(self) -> str:
        return " ".join(self.path)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=SHELLS, help="the shell to write the script for")
    parser.epilog = (
        'bash: eval "$(perfeval completion bash)" in ~/.bashrc; '
        'zsh: perfeval completion zsh > "${fpath[1]}/_perfeval" (then restart zsh); '
        "see docs/cli.md"
    )


def run(args: argparse.Namespace) -> int:
    from . import build_parser

    contexts = list(walk(build_parser()))
    words = installed_words()
    script = bash_script(contexts, words) if args.shell == "bash" else zsh_script(contexts, words)
    sys.stdout.write(script)
    return 0


def installed_words() -> dict[str, list[str]]:
    """The names to offer, as installed now: formats, frameworks, policies, check codes."""
    from .._loading.frameworks import available
    from .._plugins.host import get_registry

    registry = get_registry()
    return {
        "formats": sorted(registry.exporters),
        "frameworks": sorted(available()),
        "policies": sorted(registry.policies),
        "checks": list(registry.checks),
        "shells": list(SHELLS),
    }


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[Context]:
    """Every command and action of ``parser``, the program itself first."""
    options: list[Option] = []
    subcommands: dict[str, str] = {}
    children: dict[str, argparse.ArgumentParser] = {}
    positional: tuple[str, str] | None = None
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, child in action.choices.items():
                subcommands[name] = helps.get(name, "")
                children[name] = child
        elif action.option_strings:
            takes = action.nargs != 0
            value = _VALUES.get(action.dest, "paths") if takes else None
            metavar = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
            options.append(Option(tuple(action.option_strings), action.help or "", value, metavar))
        else:
            metavar = action.metavar if isinstance(action.metavar, str) else action.dest
            positional = (_VALUES.get(action.dest, "paths"), metavar)
    yield Context(path, parser.description or "", options, subcommands, positional)
    for name, child in children.items():
        yield from walk(child, (*path, name))


# -- bash -----------------------------------------------------------------------------------------

_BASH_HEAD = """\
# bash completion for perfeval, written by `perfeval completion bash` (perfeval {version}).
# Load it from ~/.bashrc with
#     eval "$(perfeval completion bash)"
# or save it as ~/.local/share/bash-completion/completions/perfeval. The formats, frameworks,
# policies and check codes below are those installed when it was written: write it again after
# installing a plugin or adding a framework.

"""

_BASH_COMPLETE = r"""
_perfeval_add() {  # $1: words|paths|evaluations, $2: the words
    local cur=${COMP_WORDS[COMP_CWORD]}
    case $1 in
        words) COMPREPLY+=($(compgen -W "$2" -- "$cur")) ;;
        paths)
            compopt -o filenames 2>/dev/null
            local IFS=$'\n'
            COMPREPLY+=($(compgen -f -- "$cur"))
            ;;
        evaluations)
            compopt -o filenames 2>/dev/null
            local IFS=$'\n'
            COMPREPLY+=($(compgen -d -- "$cur") $(compgen -f -X '!*.toml' -- "$cur"))
            ;;
    esac
}
"""


def bash_script(contexts: list[Context], words: dict[str, list[str]]) -> str:
    """The bash script: a function that finds the command being typed, then completes an
    option's value, an option, an action or the arguments."""
    from .._version import version

    lines = [_BASH_HEAD.format(version=version())]
    for kind, names in words.items():
        lines.append(f"_perfeval_{kind}='{' '.join(names)}'")
    lines.append(_BASH_COMPLETE)

    takes_value = [
        f'"{c.key}|{s}"' for c in contexts for o in c.options if o.value for s in o.strings
    ]
    commands = [f'"{" ".join(c.path[:-1])}|{c.path[-1]}"' for c in contexts if c.path]
    out = lines.append
    out("_perfeval() {")
    out("    COMPREPLY=()")
    out("    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}")
    out('    local ctx="" value="" i w')
    out("    for ((i = 1; i < COMP_CWORD; i++)); do  # the command and action typed so far")
    out("        w=${COMP_WORDS[i]}")
    out('        if [[ -n $value ]]; then value=""; continue; fi')
    out('        case "$ctx|$w" in')
    out(f"            {'|'.join(takes_value)}) value=1; continue ;;")
    out(f'            {"|".join(commands)}) ctx="${{ctx:+$ctx }}$w" ;;')
    out("        esac")
    out("    done")
    out("    if [[ -n $value ]]; then  # the value of the option before")
    out('        case "$ctx|$prev" in')
    for c in contexts:
        for o in c.options:
            if o.value is None:
                continue
            pattern = "|".join(f'"{c.key}|{s}"' for s in o.strings)
            out(f"            {pattern}) {_bash_add(o.value)} ;;")
    out("        esac")
    out("        return 0")
    out("    fi")
    out("    if [[ $cur == -* ]]; then")
    out('        case "$ctx" in')
    for c in contexts:
        strings = " ".join(s for o in c.options for s in o.strings)
        out(f'            "{c.key}") _perfeval_add words "{strings}" ;;')
    out("        esac")
    out("        return 0")
    out("    fi")
    out('    case "$ctx" in')
    for c in contexts:
        if c.subcommands:
            out(f'        "{c.key}") _perfeval_add words "{" ".join(c.subcommands)}" ;;')
        elif c.positional is not None:
            out(f'        "{c.key}") {_bash_add(c.positional[0])} ;;')
    out("    esac")
    out("}")
    out("complete -F _perfeval perfeval")
    return "\n".join(lines) + "\n"


def _bash_add(kind: str) -> str:
    if kind == "nothing":
        return ":"
    if kind in ("paths", "evaluations"):
        return f"_perfeval_add {kind}"
    if kind == "frameworks":  # an id, or a framework file
        return '_perfeval_add words "$_perfeval_frameworks"; _perfeval_add evaluations'
    return f'_perfeval_add words "$_perfeval_{kind}"'


# -- zsh ------------------------------------------------------------------------------------------

_ZSH_HEAD = """\
#compdef perfeval
# zsh completion for perfeval, written by `perfeval completion zsh` (perfeval {version}).
# Save it as _perfeval in a folder of $fpath, e.g.
#     perfeval completion zsh > "${{fpath[1]}}/_perfeval"
# and start a new shell (compinit must run in ~/.zshrc). The formats, frameworks, policies
# and check codes below are those installed when it was written: write it again after
# installing a plugin or adding a framework.

"""


def zsh_script(contexts: list[Context], words: dict[str, list[str]]) -> str:
    """The zsh script: one function per command and action, each an ``_arguments`` spec."""
    from .._version import version

    lines = [_ZSH_HEAD.format(version=version())]
    ids = " ".join(words["frameworks"])
    lines += [
        "_perfeval_framework_ref() {  # a framework id, or a framework file",
        f"    _alternative 'frameworks:framework:({ids})' 'files:file:_files -g \\*.toml'",
        "}",
        "",
    ]
    for c in contexts:
        lines.extend(_zsh_function(c, words))
        lines.append("")
    lines.append('_perfeval "$@"')
    return "\n".join(lines) + "\n"


def _zsh_name(c: Context) -> str:
    return "_perfeval" + "".join("_" + p.replace("-", "_") for p in c.path)


def _zsh_function(c: Context, words: dict[str, list[str]]) -> list[str]:
    specs = [_zsh_option(o, words) for o in c.options]
    if c.subcommands:
        specs += ["'1: :->command'", "'*:: :->argument'"]
    elif c.positional is not None:
        kind, metavar = c.positional
        specs.append(_quote(f"*:{_zsh_text(metavar)}:{_zsh_action(kind, words)}"))
    body = [f"{_zsh_name(c)}() {{"]
    if c.subcommands:
        body.append("    local curcontext=$curcontext state state_descr line")
        body.append("    typeset -A opt_args")
    body.append("    _arguments -s -S -C \\")
    body.extend(f"        {spec} \\" for spec in specs[:-1])
    body.append(f"        {specs[-1]}" + (" && return 0" if c.subcommands else ""))
    if c.subcommands:
        what = " ".join(c.path) or "perfeval"
        described = " ".join(
            _quote(_zsh_text(name) + ":" + " ".join(help.split()))
            for name, help in c.subcommands.items()
        )
        body.append("    case $state in")
        body.append(f"        command) local -a commands=({described})")
        body.append(f"            _describe -t commands '{what} command' commands ;;")
        body.append("        argument)")
        body.append("            case $words[1] in")
        for name in c.subcommands:
            child = Context((*c.path, name), "", [], {}, None)
            body.append(f"                {name}) {_zsh_name(child)} ;;")
        body.append("            esac ;;")
        body.append("    esac")
    body.append("}")
    return body


def _zsh_option(o: Option, words: dict[str, list[str]]) -> str:
    help_text = _zsh_text(o.help.replace("%(default)s", "").replace("%%", "%"))
    value = f":{_zsh_text(o.metavar)}:{_zsh_action(o.value, words)}" if o.value else ""
    if len(o.strings) == 1:
        return _quote(f"{o.strings[0]}[{help_text}]{value}")
    exclusive = f"({' '.join(o.strings)})"
    return _quote(exclusive) + "{" + ",".join(o.strings) + "}" + _quote(f"[{help_text}]{value}")


def _zsh_action(kind: str, words: dict[str, list[str]]) -> str:
    if kind == "nothing":
        return " "
    if kind == "paths":
        return "_files"
    if kind == "evaluations":  # (\*: the pattern reaches _files unexpanded)
        return r"_files -g \*.toml"
    if kind == "frameworks":  # an id, or a framework file
        return "_perfeval_framework_ref"
    if kind == "checks":
        return "_sequence compadd - " + " ".join(words["checks"])
    return "(" + " ".join(words[kind]) + ")"


def _zsh_text(text: str) -> str:
    """Help text inside an ``_arguments`` spec: brackets and colons escaped, on one line."""
    text = " ".join(text.split())
    for c in "\\[]:":
        text = text.replace(c, "\\" + c)
    return text


def _quote(text: str) -> str:
    """``text`` in single quotes for zsh."""
    return "'" + text.replace("'", "'\\''") + "'"
