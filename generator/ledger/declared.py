"""What editors declare in the ledger folder, for `gongshi build --record` to append:

  ledger/removals.yaml    a list of `{id, reason}`: the notice left the data on purpose
                          (its file deleted); its versions stay readable
  ledger/redactions.yaml  a list of `{id, version, reason}`: that version's file leaves the
                          site (personal data published by mistake); its hash stays in the log

Either file may be absent. Each problem is a Problem at the value it is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, Rule, Severity
from ..load import Key, Positions, YamlFileError, problem_from, read_yaml
from ..words import LEDGER, Message

REMOVALS = "removals.yaml"
REDACTIONS = "redactions.yaml"


@dataclass(frozen=True)
class Removal:
    id: str
    reason: str
    where: tuple[str, int, int]  # the file, line and column it is declared at


@dataclass(frozen=True)
class Redaction:
    id: str
    version: int
    reason: str
    where: tuple[str, int, int]


@dataclass
class Declarations:
    removals: dict[str, Removal] = field(default_factory=dict)
    redactions: list[Redaction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, where: tuple[str, int, int], message: Message) -> None:
        self.problems.append(Problem(where[0], where[1], where[2], Severity.ERROR,
                                     Rule.LEDGER_DECLARATION, message))


def read_declarations(ledger_dir: Path, shown_dir: str) -> Declarations:
    """The removals and redactions the ledger folder declares; `shown_dir` is how problems name
    the folder."""
    declared = Declarations()
    for item, where in _items(ledger_dir / REMOVALS, f"{shown_dir}/{REMOVALS}", declared, ("id", "reason")):
        if item["id"] in declared.removals:
            declared.problem(where, LEDGER.message("declared_twice", id=item["id"]))
            continue
        declared.removals[item["id"]] = Removal(item["id"], item["reason"], where)
    for item, where in _items(ledger_dir / REDACTIONS, f"{shown_dir}/{REDACTIONS}", declared,
                              ("id", "version", "reason")):
        declared.redactions.append(Redaction(item["id"], item["version"], item["reason"], where))
    return declared


def _items(path: Path, shown: str, declared: Declarations,
           keys: tuple[str, ...]) -> list[tuple[dict[str, Any], tuple[str, int, int]]]:
    if not path.exists():
        return []
    try:
        document = read_yaml(path, shown, max_values=None)
    except YamlFileError as error:
        declared.problems.append(problem_from(error, shown))
        return []
    if document.data is None:
        return []
    if not isinstance(document.data, list):
        declared.problem((shown, 1, 1), LEDGER.message("declarations_list", keys=", ".join(keys)))
        return []
    found = []
    for position, item in enumerate(document.data):
        where = _at(shown, document.positions, (position,))
        if not isinstance(item, dict) or set(item) != set(keys) or not _well_typed(item):
            declared.problem(where, LEDGER.message("declaration_shape", keys=", ".join(keys)))
            continue
        found.append((item, where))
    return found


def _well_typed(item: dict[str, Any]) -> bool:
    texts = all(isinstance(item[key], str) and item[key].strip() for key in ("id", "reason"))
    version = item.get("version", 1)
    return texts and isinstance(version, int) and not isinstance(version, bool) and version >= 1


def _at(shown: str, positions: Positions, key: Key) -> tuple[str, int, int]:
    position = positions.of_value(key)
    return (shown, position.line, position.column)
