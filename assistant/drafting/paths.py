"""A case's fields by their dotted paths (``worker.name``, ``employer.address``), the one way drafting reads and
writes them: in the plain data a request sends, in the prefilled case, and in the checked ``Case`` model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def value_at(node: Any, path: str) -> Any:
    """The value at ``path``: a dict's key or a model's field at each step; None where the path leads nowhere (a
    missing key, a text where a group was expected). Only declared fields of a model are read, never methods."""
    for part in path.split("."):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, BaseModel) and part in type(node).model_fields:
            node = getattr(node, part)
        else:
            return None
    return node


def put_at(data: dict, path: str, value: Any) -> None:
    """Set ``path`` in plain data, making the groups on the way; a parent that holds something other than a group is
    the user's to fix (``case_load`` names it), so nothing is written through it."""
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        if node.get(part) is None:
            node[part] = {}
        node = node[part]
        if not isinstance(node, dict):
            return
    node[leaf] = value
