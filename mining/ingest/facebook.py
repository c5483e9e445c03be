"""Facebook "Download Your Information" JSON: Messenger threads, posts and comments.

Shapes read (one row per record, none dropped):

* a Messenger thread ``{"participants", "messages": [{"sender_name", "timestamp_ms", "content",
  "reactions": [{"reaction", "actor"}], "is_unsent", "photos", ...}], "title", "thread_path"}``,
  kind ``message`` (``system`` for calls and people joining or leaving; ``media`` for a photo,
  sticker or voice message sent without text). Instagram direct messages
  share the shape and are read the same way, as are the camelCase keys of newer end-to-end
  encrypted Messenger exports (``senderName``, ``timestamp``, ``text``, ``isUnsent``).
* your posts, page posts and group posts: ``[{"timestamp", "data": [{"post"}], "attachments",
  "title"}]`` or ``{"group_posts_v2": [...]}``, kind ``post``;
* comments and group comments: ``{"comments_v2" | "group_comments_v2": [{"timestamp",
  "data": [{"comment": {"comment", "author", "group"}}]}]}``, kind ``comment``.

Facebook stores UTF-8 bytes as Latin-1 code points (``"\\u00d7\\u00a9"`` for ``ש``). Every string
and key is repaired, only where the bytes decode as UTF-8, so correct text stays as it is.

Example:
    >>> source = Source(Path("message_1.json"), "message_1.json")
    >>> frames = read_facebook(source, InputConfig())  # doctest: +SKIP
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.registry import Reader, Source, mark_name, register, sniff_text

log = logging.getLogger("mining")

# Top-level keys of the files that hold posts or comments, as lists of activity entries.
ENTRY_LISTS = ("comments_v2", "group_comments_v2", "group_posts_v2", "comments")
# Keys inside an entry's ``data`` items that only Facebook activity entries have.
_DATA_KEYS = {"post", "comment", "update_timestamp", "backdated_timestamp"}
# A Messenger message's keys for what it sent besides text: sent without any, it is kind
# ``media`` (a photo, sticker, voice message), as WhatsApp's placeholders are.
MEDIA_KEYS = ("photos", "videos", "gifs", "audio_files", "files", "sticker")
# Messenger ``type`` values that are events rather than something someone wrote.
_SYSTEM_TYPES = {"Call", "Subscribe", "Unsubscribe"}

# An entry's title, as English DYI exports write it (the forms public DYI parsers read: "Dana
# Levi posted in Parents 3rd grade.", "Dana Levi replied to Yossi Cohen's comment.", "... commented
# on Yossi Cohen's post."). Localized titles (Hebrew, Greek) are not read for the group or the
# poster: no export or parser we could check shows their forms.
_POSTED_IN = re.compile(r"(?P<author>[^\n]+?) posted in (?P<group>[^\n]+?)\.?")
_ANSWERED = re.compile(r"(?:replied to|commented on) (?P<name>[^\n]+?)['’]s "
                       r"(?:comment|post|photo|video|reel|GIF|status|link)\b")
# A tag in a post's text as some DYI files write it: @[user id:offset:name].
_TAG = re.compile(r"@\[\d+:\d+:([^\]\n]+)\]")
_TAG_END = ",:;!?."

# The texts Messenger and Instagram write themselves into a thread, by the sender ({N}: their
# name, or "You" for the person who exported), as public Messenger and Instagram export parsers
# list them (English; localized forms we could not check are not read). People they name are in
# (?P<p...>) groups.
_GENERATED_FORMS = (
    r"{N} sent an attachment\.", r"{N} sent a link\.", r"Liked a message",
    r"Reacted .+ to your message", r"{N} shared a (?:story|post|reel)\.?",
    r"{N} changed the chat theme\.", r"{N} joined the (?:video chat|call)\.",
    r"{N} started a video chat\.", r"{N} named the group .+", r"{N} removed the group name\.",
    r"{N} changed the group photo\.", r"{N} set the emoji to .+",
    r"{N} set the nickname for (?P<p1>.+?) to (?P<p2>.+?)\.?",
    r"{N} cleared the nickname for (?P<p3>.+?)\.?", r"{N} added (?P<p4>.+) to the group\.",
    r"{N} removed (?P<p5>.+) from the group\.", r"{N} left the group\.",
)
_GENERATED = [re.compile(form.replace("{N}", "(?:You|(?P<sender>[^\\n]+?))"), re.IGNORECASE)
              for form in _GENERATED_FORMS]

_MESSENGER = re.compile(r'"messages"\s*:\s*\[.*?"(?:sender_name|senderName)"\s*:', re.DOTALL)
_ENTRY_LIST = re.compile(r'\{\s*"(?:' + "|".join(ENTRY_LISTS) + r')"\s*:\s*(?=\[)')


def repair_mojibake(text: str) -> str:
    """Undo Facebook's Latin-1 view of UTF-8 bytes, leaving text that is not mojibake alone.

    Example:
        >>> repair_mojibake("\\u00d7\\u00a9\\u00d7\\u009c\\u00d7\\u0095\\u00d7\\u009d")
        'שלום'
        >>> repair_mojibake("café"), repair_mojibake("שלום")
        ('café', 'שלום')
    """
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):  # above U+00FF, or not UTF-8: already text
        return text


def repair_json(value: Any) -> Any:
    """``repair_mojibake`` applied to every string and key of parsed JSON.

    Example:
        >>> repair_json({"reactions": [{"reaction": "\\u00f0\\u009f\\u0091\\u008d"}]})
        {'reactions': [{'reaction': '👍'}]}
    """
    if isinstance(value, str):
        return repair_mojibake(value)
    if isinstance(value, list):
        return [repair_json(v) for v in value]
    if isinstance(value, dict):
        return {repair_mojibake(k): repair_json(v) for k, v in value.items()}
    return value


def _first_items(text: str, start: int, limit: int = 20) -> list[Any]:
    """The leading elements of the JSON array opening at ``text[start]``, as far as they parse."""
    decoder, items, pos = json.JSONDecoder(), [], start + 1
    while len(items) < limit:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            break
        try:
            item, pos = decoder.raw_decode(text, pos)
        except ValueError:  # cut off by the end of the head
            break
        items.append(item)
    return items


def _is_entry_list(items: list[Any]) -> bool:
    """Activity entries: objects with a ``timestamp``, at least one with Facebook ``data`` items."""
    if not items or not all(isinstance(e, dict) and "timestamp" in e for e in items):
        return False
    return any(isinstance(d, dict) and _DATA_KEYS & d.keys()
               for e in items for d in (e.get("data") if isinstance(e.get("data"), list) else []))


def _sniff(source: Source, head: bytes) -> bool:
    text = sniff_text(head)
    if text.startswith("["):
        return _is_entry_list(_first_items(text, 0))
    if not text.startswith("{"):
        return False
    if _MESSENGER.search(text) and re.search(r'"timestamp(?:_ms)?"\s*:\s*\d', text):
        return True
    listed = _ENTRY_LIST.match(text)
    return bool(listed) and _is_entry_list(_first_items(text, listed.end()))


def _invalid(source: Source, detail: str) -> InputError:
    return InputError("E111", source.display, format="Facebook", detail=detail)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _millis(value: Any, milliseconds: bool = False) -> int | None:
    """Epoch milliseconds from seconds (posts, comments) or milliseconds (``timestamp_ms``; the
    camelCase Messenger ``timestamp``, told by its size)."""
    number = _number(value)
    if number is None:
        return None
    return round(number if milliseconds or number > 1e11 else number * 1000)


def _thread_rows(thread: dict[str, Any], source: Source) -> list[dict[str, Any]]:
    messages = thread["messages"]
    if not isinstance(messages, list):
        raise _invalid(source, "messages is not a list")
    channel = thread.get("title") or thread.get("threadName")
    thread_id = thread.get("thread_path") or channel
    rows = []
    for n, message in enumerate(messages):
        where = f"messages[{n}]"
        if not isinstance(message, dict):
            raise _invalid(source, f"{where} is not an object")
        stamp = (_millis(message["timestamp_ms"], milliseconds=True) if "timestamp_ms" in message
                 else _millis(message.get("timestamp")))
        if stamp is None:
            raise _invalid(source, f"{where}.timestamp_ms is missing or not a number")
        reactions = message.get("reactions") or []
        share = message.get("share") if isinstance(message.get("share"), dict) else {}
        sender = message.get("sender_name", message.get("senderName"))
        text = message.get("content", message.get("text")) or ""
        generated = generated_text(text, sender) if isinstance(text, str) else None
        rows.append({
            "channel": channel,
            "thread_id": thread_id,
            "author": sender,
            "created_at": stamp,
            "text": text if generated is None else generated,
            "kind": ("system" if message.get("type") in _SYSTEM_TYPES or generated is not None
                     else "media" if not str(text).strip() and any(message.get(k) for k in MEDIA_KEYS)
                     else "message"),
            "reactions": len(reactions) if isinstance(reactions, list) else None,
            "deleted": bool(message.get("is_unsent", message.get("isUnsent", False))),
            "url": share.get("link"),
        })
    return rows


def generated_text(text: str, sender: object) -> str | None:
    """``text`` with the people it names marked, when Messenger or Instagram wrote it (see
    ``_GENERATED_FORMS``: by the message's own sender, or "You"), else None.

    Example:
        >>> generated_text("Dana Levi set the nickname for Mike Jones to Mikey.", "Dana Levi")
        'Dana Levi set the nickname for \u2068Mike Jones\u2069 to \u2068Mikey\u2069.'
        >>> generated_text("Reacted ❤️ to your message ", "Dana"), generated_text("hi", "Dana")
        ('Reacted ❤️ to your message ', None)
    """
    stripped = text.strip()
    found = next((m for form in _GENERATED for m in [form.fullmatch(stripped)]
                  if m and m.groupdict().get("sender") in (None, sender)), None)
    if found is None:
        return None
    start = len(text) - len(text.lstrip())
    for slot in sorted((k for k, v in found.groupdict().items() if k != "sender" and v),
                       key=found.start, reverse=True):
        at, end = start + found.start(slot), start + found.end(slot)
        text = text[:at] + mark_name(text[at:end]) + text[end:]
    return text


def _entry_url(entry: dict[str, Any]) -> str | None:
    """The first shared link among an entry's attachments."""
    for attachment in entry.get("attachments") or []:
        for item in (attachment.get("data") or []) if isinstance(attachment, dict) else []:
            context = item.get("external_context") if isinstance(item, dict) else None
            if isinstance(context, dict) and context.get("url"):
                return context["url"]
    return None


def _entry_rows(entries: Any, path: str, source: Source) -> list[dict[str, Any]]:
    if not isinstance(entries, list):
        raise _invalid(source, f"{path or 'the file'} is not a list")
    rows = []
    for n, entry in enumerate(entries):
        where = f"{path}[{n}]"
        if not isinstance(entry, dict):
            raise _invalid(source, f"{where} is not an object")
        data = entry.get("data") or []
        if not isinstance(data, list):
            raise _invalid(source, f"{where}.data is not a list")
        items = [d for d in data if isinstance(d, dict)]
        comment = next((d["comment"] for d in items if isinstance(d.get("comment"), dict)), None)
        title = entry.get("title") if isinstance(entry.get("title"), str) else ""
        if comment is not None:
            text, author = comment.get("comment") or "", comment.get("author")
            stamp = _millis(comment.get("timestamp", entry.get("timestamp")))
            group = comment.get("group")
        else:
            text = "\n".join(d["post"] for d in items if isinstance(d.get("post"), str))
            stamp = _millis(entry.get("timestamp"))
            posted = _POSTED_IN.fullmatch(title.strip())
            author, group = (posted["author"], posted["group"]) if posted else (None, None)
        if stamp is None:
            raise _invalid(source, f"{where}.timestamp is missing or not a number")
        rows.append({
            "channel": group,
            "author": author,
            "created_at": stamp,
            "text": tags_marked(text, title, author if isinstance(author, str) else None),
            "kind": "comment" if comment is not None else "post",
            "url": _entry_url(entry),
        })
    return rows


def tags_marked(text: str, title: str, author: str | None) -> str:
    """``text`` with the people its entry's ``title`` names marked as names (between U+2068 and
    U+2069) for the privacy pass: Facebook writes a tag in a post as the plain full name, and
    a reply opens with the name of the person answered, whom the title names ("Dana Levi
    replied to Yossi Cohen's comment."). The person answered is found by the English forms
    (``_ANSWERED``), and in any language as the words a text opens with (two to four, each
    opening with a capital, or in a script without capitals) that the title writes after its
    author's name; ``@[id:offset:name]`` tags are marked too.

    Example:
        >>> tags_marked("Yossi Cohen, same here", "Dana Levi replied to Yossi Cohen's comment.",
        ...             "Dana Levi")
        '\u2068Yossi Cohen\u2069, same here'
        >>> tags_marked("יוסי כהן, גם אצלי", "דנה לוי הגיבה לפוסט של יוסי כהן.", "דנה לוי")
        '\u2068יוסי כהן\u2069, גם אצלי'
    """
    if "@[" in text:
        text = _TAG.sub(lambda m: "@" + mark_name(m[1]), text)
    rest = title[len(author):] if author and title.startswith(author) else title
    if not text or not rest:
        return text
    names = {m["name"] for m in _ANSWERED.finditer(rest)}
    opening = _opening_name(text, rest)
    names |= {opening} if opening else set()
    for name in sorted(names - {author}, key=len, reverse=True):
        text = re.sub(rf"(?<![\w\u2068]){re.escape(name)}(?![\w\u2069])",
                      lambda _, n=name: mark_name(n), text)
    return text


def _opening_name(text: str, title: str) -> str | None:
    """The two to four words ``text`` opens with, when ``title`` writes them as a name."""
    words = []
    for word in text.split(" ", 4)[:4]:
        core = word.rstrip(_TAG_END)
        if not core or not (core[0].isupper() or (core[0].isalpha() and core[0].lower() == core[0].upper())):
            break
        words.append(core)
        if core != word:  # "Cohen," ends the name
            break
    for n in range(len(words), 1, -1):
        name = " ".join(words[:n])
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title):
            return name
    return None


def read_facebook(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read a Facebook DYI JSON file (thread, posts or comments) into RAW_POST rows.

    ``source_id`` is the record's 1-based place in the file; ``created_at`` is UTC, from the
    epoch times the export carries.

    Example:
        >>> next(read_facebook(source, InputConfig())).kind.unique().tolist()  # doctest: +SKIP
        ['message']
    """
    doc = repair_json(source.read_json())
    if isinstance(doc, dict) and "messages" in doc and _private(doc, source, options):
        yield _not_read(doc)
        return
    if isinstance(doc, dict) and "messages" in doc:
        rows = _thread_rows(doc, source)
    elif isinstance(doc, list):
        rows = _entry_rows(doc, "", source)
    elif isinstance(doc, dict) and any(key in doc for key in ENTRY_LISTS):
        rows = [row for key in ENTRY_LISTS if key in doc
                for row in _entry_rows(doc[key], key, source)]
    else:
        raise _invalid(source, "no messages, posts or comments at the top level")
    if not rows:
        return
    frame = pd.DataFrame.from_records(rows)
    frame["source_id"] = [str(n) for n in range(1, len(frame) + 1)]
    frame["created_at"] = pd.to_datetime(frame["created_at"], unit="ms", utc=True)
    frame.insert(0, "source", "facebook")
    frame.insert(1, "source_file", source.display)
    frame.attrs["notes"] = {"record_ids": RECORD_NUMBERS}  # what a quote's #id is (the method)
    if "messages" not in doc:  # the account's own activity (review 13 R13-19): said in the method
        frame.attrs["notes"]["one_persons_activity"] = ONE_PERSON
    yield frame


RECORD_NUMBERS = ("record numbers, counted from 1 in the order the file lists them (a Download Your "
                  "Information export has no ids)")


ONE_PERSON = ("the posts and comments of a Download Your Information export are one person's, the "
              "account that exported them, not a community's voice")


def _private(thread: dict[str, Any], source: Source, options: InputConfig) -> bool:
    """Whether ``thread`` is a one-to-one chat in the inbox of a "Download Your Information"
    export (``messages/inbox/<person>_<id>/message_1.json``, Messenger's or Instagram's), left
    unread unless ``input.personal_chats``: the export is one person's account, and its inbox
    their private chats, as a Telegram full export's personal chats (review 13 R13-19: a private
    thread was quoted in the report). A thread file given on its own is read."""
    participants = thread.get("participants")
    one_to_one = thread.get("thread_type") == "Regular" or (
        "thread_type" not in thread and isinstance(participants, list) and len(participants) <= 2)
    in_inbox = "inbox" in PurePosixPath(source.display.replace("!", "/")).parts[:-1]
    return one_to_one and in_inbox and not options.personal_chats


def _not_read(thread: dict[str, Any]) -> pd.DataFrame:
    """No rows, and the note and warning that say what was left unread (the thread's folder,
    which names the other person, is not shown)."""
    messages = thread["messages"] if isinstance(thread["messages"], list) else []
    said = (f"a one-to-one chat ({len(messages):,} messages) not read: a Download Your "
            "Information export is one person's account, and its inbox their private chats; set "
            "input.personal_chats = true to read them")
    log.warning("%s", said)
    frame = pd.DataFrame({"text": pd.Series(dtype="string")})
    frame.attrs["notes"] = {"personal_chats_not_read": said}
    return frame


FACEBOOK = register(Reader("facebook", _sniff, read_facebook))
