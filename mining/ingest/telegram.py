"""Telegram Desktop JSON exports (``result.json``): one chat, or a full export with ``chats.list``.

Each message becomes one row: ``type: "message"`` rows are kind ``message``, service messages
(joins, calls, pins, topic creation, ...) kind ``system`` with a readable description as text.
Replies carry ``parent_id``; ``thread_id`` is the first message of a reply chain, so the
messages of a forum topic share the id of its ``topic_created`` message.

Example:
    >>> source = Source(Path("result.json"), "result.json")
    >>> frames = read_telegram(source, InputConfig(timezone="Europe/Athens"))  # doctest: +SKIP
"""
from __future__ import annotations

import json
import re
from collections.abc import Hashable, Iterator
from typing import Any

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.registry import Reader, Source, register
from mining.schema import RAW_POST, conform

# Keys only a Telegram export has near its start: a single chat's message fields, or the
# sections of a full account export.
_SIGNS = re.compile(r'"(?:date_unixtime|text_entities|from_id|actor_id|personal_information)"'
                    r'|"type"\s*:\s*"(?:message|service)"')
# tdesktop writes control characters as \xNN, which JSON does not allow; \u00NN means the same.
_HEX_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9a-fA-F]{2})")


def _sniff(source: Source, head: bytes) -> bool:
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    # A chat has "messages", a full export "chats" or "personal_information"; Reddit listings
    # also carry "from_id".
    keys = ('"messages"', '"chats"', '"personal_information"')
    return (text.startswith("{") and any(k in text for k in keys)
            and '"guild"' not in text and '"Listing"' not in text and bool(_SIGNS.search(text)))


def _load(source: Source) -> dict[str, Any]:
    with source.open() as fh:
        data = fh.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("E103", f"{source.display}:{line}", detail=f"byte {exc.start}") from None
    try:
        try:
            loaded = json.loads(text, strict=False)
        except json.JSONDecodeError:
            loaded = json.loads(_HEX_ESCAPE.sub(r"\1\\u00\2", text), strict=False)
    except json.JSONDecodeError as exc:
        raise InputError("E110", source.display, line=exc.lineno, detail=exc.msg) from None
    if not isinstance(loaded, dict):
        raise InputError("E111", source.display, format="Telegram", detail="expected a JSON object")
    return loaded


def _chats(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The chats of a single-chat export (itself) or of a full export (chats and left chats)."""
    if isinstance(data.get("messages"), list):
        return [data]
    chats = []
    for section in ("chats", "left_chats"):
        listed = (data.get(section) or {}).get("list") or []
        chats += [c for c in listed if isinstance(c, dict) and isinstance(c.get("messages"), list)]
    return chats


def message_text(message: dict[str, Any]) -> str:
    """The full text of a message: ``text_entities`` joined, else ``text`` (a string or a list).

    Example:
        >>> message_text({"text": ["Check ", {"type": "bold", "text": "this"}]})
        'Check this'
    """
    entities = message.get("text_entities")
    parts = entities if isinstance(entities, list) else message.get("text", "")
    if isinstance(parts, str):
        return parts
    pieces = []
    for part in parts if isinstance(parts, list) else []:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, dict):
            pieces.append(str(part.get("text", "")))
    return "".join(pieces)


def service_text(message: dict[str, Any]) -> str:
    """A readable line for a service message: actor, action and its details.

    Example:
        >>> service_text({"actor": "Alice", "action": "phone_call", "duration_seconds": 56})
        'Alice: phone call (56 s)'
    """
    actor = message.get("actor") or message.get("actor_id") or "someone"
    details = []
    for key in ("title", "new_title"):
        if message.get(key):
            details.append(f'"{message[key]}"')
    if isinstance(message.get("members"), list):
        details.append(", ".join(str(m) for m in message["members"] if m))
    if message.get("duration_seconds") is not None:
        details.append(f"{message['duration_seconds']} s")
    if message.get("discard_reason"):
        details.append(str(message["discard_reason"]))
    described = f"{actor}: {str(message.get('action') or 'service message').replace('_', ' ')}"
    if details:
        described += f" ({'; '.join(details)})"
    text = message_text(message)
    return f"{described}: {text}" if text else described


def thread_roots(parent_of: dict[Hashable, Hashable | None]) -> dict[Hashable, Hashable]:
    """The first message of every message's reply chain (a message that replies to nothing is
    its own root; a chain whose start is not in the export is rooted at that missing id).

    Example:
        >>> thread_roots({1: None, 2: 1, 3: 2, 5: 4})
        {1: 1, 2: 1, 3: 1, 4: 4, 5: 4}
    """
    roots: dict[Hashable, Hashable] = {}
    for start in parent_of:
        path, seen, node = [], set(), start
        while node not in roots:
            path.append(node)
            seen.add(node)
            parent = parent_of.get(node)
            if parent is None or parent in seen:  # the top, or a (broken) cycle
                roots[node] = node
                break
            node = parent
        root = roots[node]
        for step in path:
            roots[step] = root
    return roots


def _times(unix: list, local: list, timezone: str) -> pd.Series:
    """``date_unixtime`` (UTC) where present, else ``date`` read as wall-clock time in ``timezone``."""
    utc = pd.to_datetime(pd.to_numeric(pd.Series(unix, dtype=object), errors="coerce"),
                         unit="s", utc=True)
    wall = pd.to_datetime(pd.Series(local, dtype=object), errors="coerce", format="ISO8601")
    zoned = (wall.dt.tz_localize(timezone, ambiguous=[True] * len(wall),
                                 nonexistent="shift_forward").dt.tz_convert("UTC"))
    return utc.where(utc.notna(), zoned)


def _chat_frame(chat: dict[str, Any], prefix: str, source: Source, timezone: str) -> pd.DataFrame:
    messages = chat["messages"]
    for number, m in enumerate(messages, 1):
        if not isinstance(m, dict):  # a record we cannot read is an error, never a silent drop
            raise InputError("E111", source.display, format="Telegram",
                             detail=f"message {number} of chat {chat.get('name')!r} is not an object")
    # Message ids are unique within a chat only, so a file of several chats prefixes them.
    ids = [str(m["id"]) if m.get("id") is not None else str(n)
           for n, m in enumerate(messages, 1)]
    parent_of: dict[str, str | None] = {}
    for mid, m in zip(ids, messages):
        reply_to = m.get("reply_to_message_id")
        # A reply to another chat (reply_to_peer_id) points at an id of that chat, not of this one.
        parent_of[mid] = (str(reply_to) if reply_to is not None and not m.get("reply_to_peer_id")
                          else None)
    roots = thread_roots(parent_of)
    replied_to = {p for p in parent_of.values() if p is not None}
    has_reactions = any("reactions" in m for m in messages)

    def full(mid: str | None) -> str | None:
        return None if mid is None else prefix + mid

    rows: dict[str, list] = {k: [] for k in ("source_id", "parent_id", "thread_id", "author", "text",
                                             "kind", "edited", "reactions", "unix", "local")}
    for mid, m in zip(ids, messages):
        service = m.get("type", "message") != "message"  # "service", or "unsupported"
        rows["source_id"].append(full(mid))
        rows["parent_id"].append(full(parent_of[mid]))
        in_chain = parent_of[mid] is not None or mid in replied_to
        rows["thread_id"].append(full(roots[mid]) if in_chain else None)
        if service:
            author = m.get("actor") or m.get("actor_id")
            text = service_text(m) if m.get("type") == "service" else f"{m.get('type')} message"
        else:
            author = m.get("from") or m.get("from_id")
            text = message_text(m)
        rows["author"].append(None if author is None else str(author))
        rows["text"].append(text)
        rows["kind"].append("system" if service else "message")
        rows["edited"].append("edited" in m or "edited_unixtime" in m)
        reactions = m.get("reactions")
        if isinstance(reactions, list):
            rows["reactions"].append(sum(int(r.get("count") or 0) for r in reactions
                                         if isinstance(r, dict)))
        else:
            # Newer exports leave out empty keys: no reactions means none, if the chat has any.
            rows["reactions"].append(0 if has_reactions else None)
        rows["unix"].append(m.get("date_unixtime"))
        rows["local"].append(m.get("date"))
    return conform(pd.DataFrame({
        "source": "telegram",
        "source_file": source.display,
        "source_id": rows["source_id"],
        "channel": chat.get("name"),
        "thread_id": rows["thread_id"],
        "parent_id": rows["parent_id"],
        "author": rows["author"],
        "created_at": _times(rows["unix"], rows["local"], timezone),
        "text": rows["text"],
        "kind": rows["kind"],
        "reactions": pd.array(rows["reactions"], dtype="Int64"),
        "edited": rows["edited"],
    }), RAW_POST)


def read_telegram(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read a Telegram Desktop JSON export into RAW_POST rows, one frame per chat.

    ``source_id`` is the message id; in a file of several chats it is ``"<chat id>:<message id>"``
    (ids repeat across chats), and ``parent_id`` / ``thread_id`` follow the same form.

    Example:
        >>> next(read_telegram(source, InputConfig())).kind.tolist()   # doctest: +SKIP
        ['system', 'message']
    """
    chats = _chats(_load(source))
    if not chats:
        raise InputError("E111", source.display, format="Telegram",
                         detail="no chat with a 'messages' list; export the chat as JSON again")
    several = len(chats) > 1
    for number, chat in enumerate(chats, 1):
        if chat["messages"]:
            prefix = f"{chat.get('id', number)}:" if several else ""
            yield _chat_frame(chat, prefix, source, options.timezone)


TELEGRAM = register(Reader("telegram", _sniff, read_telegram))
