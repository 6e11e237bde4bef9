"""Small readers for the deploy/ samples: nginx blocks and systemd unit keys."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

TOKEN = re.compile(r"""\s+|\#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[{};]|[^\s{};"'#]+""")


@dataclass
class Directive:
    """One nginx directive: its name, arguments and (for a block) children."""

    name: str
    args: list[str]
    children: list[Directive] = field(default_factory=list)

    def find(self, name: str) -> list[Directive]:
        """Every descendant directive with this name, depth first."""
        found = []
        for child in self.children:
            if child.name == name:
                found.append(child)
            found.extend(child.find(name))
        return found

    def location(self, *args: str) -> Directive:
        """The location block with exactly these arguments (e.g. "=", "/wechat")."""
        matches = [d for d in self.find("location") if tuple(d.args) == args]
        assert len(matches) == 1, f"location {' '.join(args)}: {len(matches)} blocks"
        return matches[0]


def parse_nginx(text: str) -> Directive:
    """Parse nginx configuration text into a tree rooted at a nameless block."""
    root, stack, words = Directive("", []), [], []
    stack.append(root)
    for token in TOKEN.findall(text):
        if token.isspace() or token.startswith("#"):
            continue
        if token == "{":
            block = Directive(words[0], _unquote(words[1:]))
            stack[-1].children.append(block)
            stack.append(block)
            words = []
        elif token == ";":
            stack[-1].children.append(Directive(words[0], _unquote(words[1:])))
            words = []
        elif token == "}":
            assert not words, f"unterminated directive {words}"
            stack.pop()
        else:
            words.append(token)
    assert len(stack) == 1 and not words, "unbalanced braces"
    return root


def _unquote(words: list[str]) -> list[str]:
    return [w[1:-1] if w[:1] in "\"'" and w[-1:] == w[:1] else w for w in words]


def read_nginx(path: Path) -> Directive:
    return parse_nginx(path.read_text(encoding="utf-8"))


def read_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit as {section: [(key, value), ...]}; keys may repeat, as in systemd."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, _, value = line.partition("=")
        assert current is not None, f"{path.name}: key outside a section: {line}"
        current.append((key.strip(), value.strip()))
    return sections


def values(unit: dict, section: str, key: str) -> list[str]:
    """Every value of a key in a section, in order (space-separated lists split)."""
    return [v for k, v in unit.get(section, []) if k == key]


def last(unit: dict, section: str, key: str) -> str | None:
    """The value systemd uses for a single-valued key: the last one set."""
    found = values(unit, section, key)
    return found[-1] if found else None
