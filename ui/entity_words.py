"""Whole phrases about a kind of record, one per table, so each language can inflect them.

"New {}" cannot be translated into German ("Neues Konto", "Neuer Kontakt", "Neue Notiz"), and
"5 {contacts}" cannot pluralize; so every phrase is written out per table and counted ones go
through ``Counts.tr(..., "", n)``.
"""

from __future__ import annotations

from desktop import entities as E

from .i18n import Counts, translate


def entity_name(table: str) -> str:
    """``contacts`` -> "Contact", translated (the table's name when it is not one of ours)."""
    try:
        return translate("entities", E.entity(table).singular.capitalize())
    except KeyError:
        return table


def new_title(table: str) -> str:
    return {
        "accounts": translate("record_dialog", "New account"),
        "contacts": translate("record_dialog", "New contact"),
        "opportunities": translate("record_dialog", "New opportunity"),
        "contracts": translate("record_dialog", "New contract"),
        "notes": translate("record_dialog", "New note"),
        "tasks": translate("record_dialog", "New task"),
    }.get(table, table)


def edit_title(table: str) -> str:
    return {
        "accounts": translate("record_dialog", "Edit account"),
        "contacts": translate("record_dialog", "Edit contact"),
        "opportunities": translate("record_dialog", "Edit opportunity"),
        "contracts": translate("record_dialog", "Edit contract"),
        "notes": translate("record_dialog", "Edit note"),
        "tasks": translate("record_dialog", "Edit task"),
    }.get(table, table)


def edit_heading(table: str, title: str) -> str:
    """ "Edit contact: Mira Kowalski"."""
    return {
        "accounts": translate("record_dialog", "Edit account: {}"),
        "contacts": translate("record_dialog", "Edit contact: {}"),
        "opportunities": translate("record_dialog", "Edit opportunity: {}"),
        "contracts": translate("record_dialog", "Edit contract: {}"),
        "notes": translate("record_dialog", "Edit note: {}"),
        "tasks": translate("record_dialog", "Edit task: {}"),
    }.get(table, "{}").format(title)


def delete_title(table: str) -> str:
    return {
        "accounts": translate("record_dialog", "Delete account"),
        "contacts": translate("record_dialog", "Delete contact"),
        "opportunities": translate("record_dialog", "Delete opportunity"),
        "contracts": translate("record_dialog", "Delete contract"),
        "notes": translate("record_dialog", "Delete note"),
        "tasks": translate("record_dialog", "Delete task"),
    }.get(table, table)


def delete_question(table: str, title: str) -> str:
    """ "Delete Acme Corp?" / "Delete the contact “Mira Kowalski”?"."""
    return {
        "accounts": translate("record_dialog", "Delete {}?"),
        "contacts": translate("record_dialog", "Delete the contact “{}”?"),
        "opportunities": translate("record_dialog", "Delete the opportunity “{}”?"),
        "contracts": translate("record_dialog", "Delete the contract “{}”?"),
        "notes": translate("record_dialog", "Delete the note “{}”?"),
        "tasks": translate("record_dialog", "Delete the task “{}”?"),
    }.get(table, "{}").format(title)


def undo_edit(table: str) -> str:
    return {
        "accounts": translate("record_dialog", "Undo edit of account"),
        "contacts": translate("record_dialog", "Undo edit of contact"),
        "opportunities": translate("record_dialog", "Undo edit of opportunity"),
        "contracts": translate("record_dialog", "Undo edit of contract"),
        "notes": translate("record_dialog", "Undo edit of note"),
        "tasks": translate("record_dialog", "Undo edit of task"),
    }.get(table, table)


def undo_delete(table: str) -> str:
    return {
        "accounts": translate("record_dialog", "Undo delete of account"),
        "contacts": translate("record_dialog", "Undo delete of contact"),
        "opportunities": translate("record_dialog", "Undo delete of opportunity"),
        "contracts": translate("record_dialog", "Undo delete of contract"),
        "notes": translate("record_dialog", "Undo delete of note"),
        "tasks": translate("record_dialog", "Undo delete of task"),
    }.get(table, table)


def count(table: str, n: int) -> str:
    """ "1 contact", "5 contacts" (plural rules of the language)."""
    if table == "accounts":
        return Counts.tr("%n account(s)", "", n)
    if table == "contacts":
        return Counts.tr("%n contact(s)", "", n)
    if table == "opportunities":
        return Counts.tr("%n opportunity(s)", "", n)
    if table == "contracts":
        return Counts.tr("%n contract(s)", "", n)
    if table == "notes":
        return Counts.tr("%n note(s)", "", n)
    if table == "tasks":
        return Counts.tr("%n task(s)", "", n)
    return f"{n} {table}"


__all__ = [
    "count",
    "delete_question",
    "delete_title",
    "edit_heading",
    "edit_title",
    "new_title",
    "undo_edit",
]
