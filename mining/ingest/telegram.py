"""Telegram Desktop JSON exports (``result.json``): one chat, or a full export with ``chats.list``.

Each message becomes one row: ``type: "message"`` rows are kind ``message`` (``media``: a photo,
sticker, voice message, video or file sent without a caption; ``poll``: a poll, its question and
answers; ``forward``: a message forwarded from a channel or another chat), service messages
(joins, calls, pins, topic creation, ...) kind ``system`` with a readable description as text.
Replies carry ``parent_id``; ``thread_id`` is the first message of a reply chain. In a forum
group, a message that only points at its topic's ``topic_created`` message is no reply: the
topic's title is its channel (``group / topic``). The names the export
tells are a person's (a mention without @, a service message's actor and members, a personal
chat's name) are marked between U+2068 and U+2069, invisible, for the privacy pass.

The file is streamed with ijson, ``CHUNK_MESSAGES`` messages to a frame, so a 1 GB chat export
keeps memory flat. A full export is read one chat at a time (the first two together: a second
chat means ids need a chat prefix), so there memory follows the largest chats. A full export is
one person's whole account: its one-to-one chats (``PRIVATE_CHATS``) are read only when
``input.personal_chats`` asks, else counted in the file's notes and on the terminal.

Example:
    >>> source = Source(Path("result.json"), "result.json")
    >>> frames = read_telegram(source, InputConfig(timezone="Europe/Athens"))  # doctest: +SKIP
"""
from __future__ import annotations

import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Hashable, Iterable, Iterator
from typing import Any

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.dates import wall_to_utc
from mining.ingest.jsonstream import first_item, stream_items, top_level
from mining.ingest.registry import Reader, Source, mark_name, register, sniff_text
from mining.schema import RAW_POST, conform

log = logging.getLogger("mining")

CHUNK_MESSAGES = 50_000
# A full export's chats that are no community's: the account owner's one-to-one chats with a
# person or a bot, and their saved messages (review 12, R12-19: a private chat made 18 of a
# topic's 32 posts and was quoted in the report).
PRIVATE_CHATS = frozenset({"personal_chat", "bot_chat", "saved_messages"})
# A message's keys for what it sent besides text (a photo, sticker, voice message, video, file,
# place or contact): sent without a caption, it is kind ``media``, as WhatsApp's placeholders are.
MEDIA_KEYS = ("photo", "file", "media_type", "sticker_emoji", "location_information",
              "contact_information", "place_name")

# Keys only a Telegram export has near its start: a single chat's message fields, or the
# sections of a full account export.
_SIGNS = re.compile(r'"(?:date_unixtime|text_entities|from_id|actor_id|personal_information)"'
                    r'|"type"\s*:\s*"(?:message|service)"')
# tdesktop writes control characters as \xNN, which JSON does not allow; \u00NN means the same.


def _sniff(source: Source, head: bytes) -> bool:
    text = sniff_text(head)
    # A chat has "messages", a full export "chats" or "personal_information"; Reddit listings
    # also carry "from_id".
    keys = ('"messages"', '"chats"', '"personal_information"')
    return (text.startswith("{") and any(k in text for k in keys)
            and '"guild"' not in text and '"Listing"' not in text and bool(_SIGNS.search(text)))


def _export_chats(source: Source, left_out: Counter | None) -> Iterator[tuple[str | None, str, list]]:
    """A full export's chats (``chats``, then ``left_chats``) as (name, id prefix, messages),
    one chat in memory at a time, plus the one looked ahead at; with ``left_out``, the private
    chats are counted there (``chats`` and ``messages``) instead."""
    chats = _counted_chats(source, left_out)
    # Message ids are unique within a chat only, so a file of several chats prefixes them.
    ahead = list(itertools.islice(chats, 2))
    several = len(ahead) > 1
    for number, chat in enumerate(itertools.chain(ahead, chats), 1):
        prefix = f"{chat.get('id', number)}:" if several else ""
        yield _chat_name(chat), prefix, chat.pop("messages")  # popped: freed once read


def _counted_chats(source: Source, left_out: Counter | None) -> Iterator[dict]:
    """A full export's chats with a messages list, but the private ones counted in ``left_out``
    (when given); an error in the file counts the messages of the chats read before it
    (``records_read``), not the chats."""
    messages = 0
    try:
        for section in ("chats", "left_chats"):
            for chat in stream_items(source, f"{section}.list.item"):
                if not (isinstance(chat, dict) and isinstance(chat.get("messages"), list)):
                    continue
                if left_out is not None and chat.get("type") in PRIVATE_CHATS:
                    left_out.update(chats=1, messages=len(chat["messages"]))
                    continue
                messages += len(chat["messages"])
                yield chat
    except InputError as exc:
        exc.records_read = messages
        raise


def _chats(source: Source, left_out: Counter | None) -> Iterator[tuple[str | None, str, Iterable]]:
    """The chats of a single-chat export (itself, its messages streamed) or of a full export
    (its private chats counted in ``left_out``, when given)."""
    head, key = top_level(source, {"messages": "start_array", "chats": "start_map",
                                   "left_chats": "start_map"})
    if key == "messages":
        if "name" not in head:
            head["name"] = first_item(source, "name")
        yield _chat_name(head), "", stream_items(source, "messages.item")
    elif key is not None:
        yield from _export_chats(source, left_out)


def _chat_name(chat: dict[str, Any]) -> str | None:
    """A chat's name; a personal chat is named after the other person, so it is marked."""
    name = chat.get("name")
    return mark_name(name) if name and chat.get("type") == "personal_chat" else name


def message_text(message: dict[str, Any]) -> str:
    """The full text of a message: ``text_entities`` joined, else ``text`` (a string or a list).

    Example:
        >>> message_text({"text": ["Check ", {"type": "bold", "text": "this"}]})
        'Check this'
    """
    entities = message.get("text_entities")
    # Tools that write Telegram's layout (Telethon scripts) may leave the entities empty.
    parts = entities if isinstance(entities, list) and entities else message.get("text", "")
    if isinstance(parts, str):
        return parts
    pieces = []
    for part in parts if isinstance(parts, list) else []:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, dict):
            text = str(part.get("text", ""))
            # A mention without @ ("mention_name") is a person: marked as their account, the
            # ``user_id`` behind it (the name shown may be another member's too); a mention with
            # @ is a user name.
            kind = part.get("type")
            if kind == "mention_name" and text:
                user = part.get("user_id")
                pieces.append(mark_name(text if user in (None, "") else f"user{user}"))
            elif kind == "mention" and text[:1] == "@" and text[1:]:
                pieces.append("@" + mark_name(text[1:]))
            else:
                pieces.append(text)
    return "".join(pieces)


def service_text(message: dict[str, Any]) -> str:
    """A readable line for a service message: actor, action and its details; the names of
    the actor and members are marked (see ``_name``).

    Example:
        >>> service_text({"actor": "Alice", "action": "phone_call", "duration_seconds": 56})
        '\u2068Alice\u2069: phone call (56 s)'
    """
    actor = (mark_name(message["actor"]) if message.get("actor")
             else message.get("actor_id") or "someone")
    details = []
    for key in ("title", "new_title"):
        if message.get(key):
            details.append(f'"{message[key]}"')
    if isinstance(message.get("members"), list):
        details.append(", ".join(mark_name(m) for m in message["members"] if m))
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
    its own root; a chain whose start is not in the export is rooted at that missing id). This
    takes a whole reply graph; the reader resolves roots as it streams, parents before replies.

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


def member(from_id: object, name: object) -> tuple[str | None, str | None]:
    """A message's author as its account (``from_id``: ``user123``, one per person whatever
    name they show, so members who share a name stay apart and a member who renames stays one),
    and the name shown beside it, the same person's for the privacy pass. A post as a channel
    (``channel123``: the group's linked channel, admins posting as the group) is the channel's,
    by its public name.

    Example:
        >>> member("user1", "דני"), member(None, "Dana"), member("channel9", "Acme Support")
        (('user1', 'דני'), ('Dana', None), ('Acme Support', None))
    """
    account = None if from_id is None else str(from_id)
    shown = str(name) if name else None
    if account is None or (shown and account.startswith("channel")):
        return shown, None
    return account, shown if shown != account else None


def _times(unix: list, dates: list, timezone: str) -> pd.Series:
    """Message times in UTC, from whatever form the export wrote: ``date_unixtime`` (epoch
    seconds, a string or a number) where present; else ``date``, which tdesktop writes as the
    exporting PC's wall-clock time without a zone (``2019-07-05T16:55:32``, read in
    ``timezone``), other tools as ISO time with a zone (``2017-01-01T06:20:09.248Z``) or as epoch
    seconds. A value none of these reads leaves the time empty.

    Example:
        >>> _times([None, "1483251609"], ["2017-01-01T06:20:09.248Z", None], "UTC").tolist()
        [Timestamp('2017-01-01 06:20:09.248000+0000', tz='UTC'), Timestamp('2017-01-01 06:20:09+0000', tz='UTC')]
    """
    utc = _epoch_seconds(pd.Series(unix, dtype=object))
    written = pd.Series(dates, dtype=object)
    utc = utc.fillna(_epoch_seconds(written))
    text = written.where(written.map(type) == str).astype("string").str.strip()
    zoned = text.str.contains(_ZONE, na=False)
    with_zone = pd.to_datetime(text.where(zoned), errors="coerce", utc=True, format="ISO8601")
    wall = pd.to_datetime(text.where(~zoned), errors="coerce", format="ISO8601")
    return utc.fillna(with_zone).fillna(wall_to_utc(wall, timezone))


# An ISO time's zone: "Z", "+03:00", "-0500" at its end.
_ZONE = r"(?:[Zz]|[+-]\d{2}:?\d{2})$"


def _epoch_seconds(values: pd.Series) -> pd.Series:
    """Epoch seconds (numbers, or strings of digits) as UTC times; anything else is NaT."""
    numbers = pd.to_numeric(values.where(values.map(_is_epoch)), errors="coerce")
    return pd.to_datetime(numbers, unit="s", utc=True, errors="coerce")


def _is_epoch(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lstrip("-").isdigit()
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class _Topics:
    """A forum group's topics: each ``topic_created`` message's title, and the topic of every
    message in one."""

    titles: dict[str, str] = field(default_factory=dict)
    of: dict[str, str] = field(default_factory=dict)


def _chunk_rows(messages: Iterable, first: int, name: str | None, prefix: str,
                roots: dict[str, str], topics: _Topics, source: Source
                ) -> tuple[dict[str, list], set[str], bool]:
    """One chunk of a chat's messages as column lists, the ids its replies answer, and whether
    any message carries ``reactions``. ``first`` numbers its first message (1-based, in the
    chat); ``roots`` maps every earlier reply to its thread's root and gets this chunk's replies;
    ``topics`` the forum topics and the messages in them, and gets this chunk's.

    In a forum group every message of a topic points at its ``topic_created`` message: that
    says where it was written, not whom it answers, so it is no reply and starts no thread (a
    thread whose first post is the topic's creation made every message of the topic a reply to
    its creator); the topic's title is its channel. A reply to a message inside the topic is a
    reply, in the topic too.

    Each message is turned into row values as it comes and then dropped: holding thousands of
    parsed messages would make Python's garbage collector walk them over and over.
    """
    rows: dict[str, list] = {k: [] for k in ("source_id", "parent_id", "thread_id", "topic",
                                             "author", "handle", "brand", "text", "kind",
                                             "edited", "reactions", "unix", "local")}
    replied: set[str] = set()
    reacted = False
    for number, m in enumerate(messages, first):
        if not isinstance(m, dict):  # a record we cannot read is an error, never a silent drop
            raise InputError("E111", source.display, format="Telegram",
                             detail=f"message {number} of chat {name!r} is not an object")
        mid = str(m["id"]) if m.get("id") is not None else str(number)
        reply_to = m.get("reply_to_message_id")
        # A reply to another chat (reply_to_peer_id) points at an id of that chat, not of this one.
        parent = str(reply_to) if reply_to is not None and not m.get("reply_to_peer_id") else None
        if m.get("action") == "topic_created" and m.get("title"):
            topics.titles[mid] = topics.of[mid] = str(m["title"])
        if parent in topics.titles:  # in a topic, answering no one
            topics.of[mid], parent = topics.titles[parent], None
        elif parent is not None:
            # Parents come before their replies: a parent that is no reply roots the chain, and
            # one missing from the export roots it under its own id.
            roots[mid] = roots.get(parent, parent)
            replied.add(prefix + parent)
            if parent in topics.of:
                topics.of[mid] = topics.of[parent]
        rows["source_id"].append(prefix + mid)
        rows["parent_id"].append(None if parent is None else prefix + parent)
        # A message that replies to nothing starts a thread once a reply comes (see _settle).
        rows["thread_id"].append(None if parent is None else prefix + roots[mid])
        rows["topic"].append(topics.of.get(mid))
        for key, value in zip(("author", "handle", "brand", "text", "kind"), _said(m)):
            rows[key].append(value)
        rows["edited"].append("edited" in m or "edited_unixtime" in m)
        reactions = m.get("reactions")
        reacted = reacted or "reactions" in m
        rows["reactions"].append(
            sum(int(r.get("count") or 0) for r in reactions if isinstance(r, dict))
            if isinstance(reactions, list) else None)
        rows["unix"].append(m.get("date_unixtime"))
        rows["local"].append(m.get("date"))
    return rows, replied, reacted


def _said(m: dict[str, Any]) -> tuple[str | None, str | None, bool | None, str, str]:
    """A message's author (see ``member``), the name shown beside it, whether it was posted as
    a channel (the group's linked channel, admins posting as the group: the community's own
    voice, not a member's), its text and its kind."""
    if m.get("type", "message") != "message":  # "service", or "unsupported"
        author, handle = member(m.get("actor_id"), m.get("actor"))
        text = service_text(m) if m.get("type") == "service" else f"{m.get('type')} message"
        return author, handle, None, text, "system"
    author, handle = member(m.get("from_id"), m.get("from"))
    brand = True if str(m.get("from_id", "")).startswith("channel") else None
    text = message_text(m)
    if not text.strip() and isinstance(m.get("poll"), dict):
        return author, handle, brand, _poll_text(m["poll"]), "poll"
    if m.get("forwarded_from") and text.strip():  # another's words, passed on (review 13 R13-18)
        return author, handle, brand, text, "forward"
    media = not text.strip() and any(m.get(key) for key in MEDIA_KEYS)
    return author, handle, brand, text, "media" if media else "message"


def _poll_text(poll: Any) -> str:
    """A poll's question and its answers, one a line: what the group was asked."""
    if not isinstance(poll, dict):
        return ""
    answers = [a.get("text") for a in poll.get("answers") or [] if isinstance(a, dict)]
    return "\n".join(str(t) for t in [poll.get("question"), *answers] if t)


def _settle(rows: dict[str, list], replied: set[str], reacted: bool) -> None:
    """Fill in what later messages told: a message replied to starts a thread (its own id), and
    in a chat with reactions, newer exports leave out empty keys, so a missing one means 0."""
    threads = rows["thread_id"]
    for i, mid in enumerate(rows["source_id"]):
        if threads[i] is None and mid in replied:
            threads[i] = mid
    if reacted:
        rows["reactions"] = [0 if r is None else r for r in rows["reactions"]]


def _frame(rows: dict[str, list], name: str | None, source: Source, timezone: str
           ) -> pd.DataFrame:
    return conform(pd.DataFrame({
        "source": "telegram",
        "source_file": source.display,
        "source_id": rows["source_id"],
        "channel": [name if topic is None else f"{name} / {topic}" if name else topic
                    for topic in rows["topic"]],
        "thread_id": rows["thread_id"],
        "parent_id": rows["parent_id"],
        "author": rows["author"],
        "author_handle": rows["handle"],
        "author_is_brand": pd.array(rows["brand"], dtype="boolean"),
        "created_at": _times(rows["unix"], rows["local"], timezone),
        "text": rows["text"],
        "kind": rows["kind"],
        "reactions": pd.array(rows["reactions"], dtype="Int64"),
        "edited": rows["edited"],
    }), RAW_POST)


def _chat_frames(name: str | None, prefix: str, messages: Iterable, source: Source,
                 timezone: str) -> Iterator[pd.DataFrame]:
    """A chat's rows, ``CHUNK_MESSAGES`` to a frame.

    Each chunk is held until the next one is read, so that a message whose first reply (or a
    chat whose first reaction) comes in the next chunk is settled as if the chat were read
    whole; a message first replied to more than a chunk later keeps no ``thread_id``.
    """
    roots: dict[str, str] = {}  # reply id -> the first message of its chain
    topics = _Topics()
    messages = iter(messages)
    held, reacted, first = None, False, 1
    while True:
        chunk = itertools.islice(messages, CHUNK_MESSAGES)
        rows, replied, chunk_reacted = _chunk_rows(chunk, first, name, prefix, roots, topics,
                                                   source)
        if not rows["source_id"]:
            break
        reacted = reacted or chunk_reacted
        for pending in (held, rows):
            if pending is not None:
                _settle(pending, replied, reacted)
        if held is not None:
            yield _frame(held, name, source, timezone)
        held, first = rows, first + len(rows["source_id"])
    if held is not None:
        yield _frame(held, name, source, timezone)


def read_telegram(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read a Telegram Desktop JSON export into RAW_POST rows, up to ``CHUNK_MESSAGES`` a frame.

    ``source_id`` is the message id; in a file of several chats it is ``"<chat id>:<message id>"``
    (ids repeat across chats), and ``parent_id`` / ``thread_id`` follow the same form.

    Example:
        >>> next(read_telegram(source, InputConfig())).kind.tolist()   # doctest: +SKIP
        ['system', 'message']
    """
    found, left_out, held = False, Counter(), None
    for name, prefix, messages in _chats(source, None if options.personal_chats else left_out):
        found = True
        for frame in _chat_frames(name, prefix, messages, source, options.timezone):
            if held is not None:
                yield held
            held = frame  # the last frame is held back to carry the file's notes
    said = (f"{left_out['chats']} personal chat{'s' if left_out['chats'] > 1 else ''} "
            f"({left_out['messages']:,} messages) not read: a full export holds the account's "
            "one-to-one chats, no community's; set input.personal_chats = true to read them")
    if not found:
        raise InputError("E111", source.display, format="Telegram",
                         detail=said if left_out else
                         "no chat with a 'messages' list; export the chat as JSON again")
    if left_out:
        log.warning("%s: %s", source.display, said)
        if held is not None:
            held.attrs["notes"] = {"personal_chats_not_read": said}
    if held is not None:
        yield held


TELEGRAM = register(Reader("telegram", _sniff, read_telegram))
