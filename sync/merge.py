"""Field-level three-way merge of a record against the last server state the client saw.

Pure functions: the engine reads the rows and applies the outcome. A value is compared in the
store's form (what ``json`` round-trips), so ``1`` and ``1.0`` or a tuple and a list never make a
false conflict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from desktop import entities as E


def same(a: Any, b: Any) -> bool:
    """Whether two store values are the same once serialised."""
    if a == b:
        return True
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@dataclass
class FieldConflict:
    field: str
    base: Any
    mine: Any
    theirs: Any


@dataclass
class MergeOutcome:
    """What to do with one local row after the server's record arrived."""

    take: dict[str, Any] = field(default_factory=dict)  # fields to set locally to theirs
    keep: set[str] = field(default_factory=set)  # local edits that still have to be pushed
    conflicts: list[FieldConflict] = field(default_factory=list)
    converged: set[str] = field(default_factory=set)  # both sides made the same change


def three_way(
    fields: Iterable[str],
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    dirty: set[str],
    echoes: Mapping[str, list[Any]] | None = None,
    held: AbstractSet[str] = frozenset(),
) -> MergeOutcome:
    """Merge ``theirs`` into ``mine`` against ``base``.

    ``dirty`` holds the fields the rep changed locally (fields of pending outbox operations);
    ``echoes`` the values the rep's pending operations wrote to each field: seeing one of them
    come back from the server is our own earlier push (an answer that was lost), not an edit by
    someone else. ``held`` fields already have an open conflict and are left alone.
    """
    echoes = echoes or {}
    out = MergeOutcome()
    for name in fields:
        if name in held:
            continue
        b, m, t = base.get(name), mine.get(name), theirs.get(name)
        if name not in dirty:
            if not same(m, t):
                out.take[name] = t
            continue
        if same(m, t):
            out.converged.add(name)
            continue
        theirs_changed = not same(t, b) and not any(same(t, e) for e in echoes.get(name, ()))
        if not theirs_changed:
            out.keep.add(name)
        elif same(m, b):
            out.take[name] = t  # the local edit was undone; the other side's change stands
        else:
            out.conflicts.append(FieldConflict(name, b, m, t))
    return out


def changed_elsewhere(
    fields: Iterable[str],
    base: Mapping[str, Any],
    theirs: Mapping[str, Any],
    echoes: Mapping[str, list[Any]] | None = None,
) -> list[str]:
    """The fields someone else changed on the server since ``base`` (our echoes excluded)."""
    echoes = echoes or {}
    return [
        name
        for name in fields
        if not same(theirs.get(name), base.get(name))
        and not any(same(theirs.get(name), e) for e in echoes.get(name, ()))
    ]


def keep_both(entity: E.Entity, name: str, mine: Any, theirs: Any) -> str:
    """Both texts of a long-text field, mine first, so neither side's words are lost."""
    if entity.field(name).kind != E.LONG_TEXT:
        raise ValueError(f"{entity.field(name).label} is not a long text; keep both is for notes")
    mine_text, theirs_text = (mine or "").rstrip(), (theirs or "").rstrip()
    if not mine_text:
        return theirs_text
    if not theirs_text or theirs_text == mine_text:
        return mine_text
    return f"{mine_text}\n\n---\n\n{theirs_text}"
