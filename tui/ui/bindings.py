"""Textual bindings made from the key table (`keymap.KEYS`): one source for keys, footer and help."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from ..keymap import KeyDef, Scope, in_scope


def bindings(scope: Scope) -> list[BindingType]:
    """The `BINDINGS` of the widget or screen that owns `scope` (Textual's own left out)."""
    return [
        Binding(
            ",".join(key.keys),
            key.action,
            key.help,
            show=False,
            priority=key.priority,
            id=binding_id(key),
        )
        for key in in_scope(scope)
        if not key.textual
    ]


def binding_id(key: KeyDef) -> str:
    """Names the table entry a binding came from, so the footer matches it exactly."""
    return f"coop.{key.scope}.{key.action}"
