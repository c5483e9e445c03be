"""Slack workspace exports, as a zip or an unpacked folder.

An export holds workspace files at its root (``users.json``, ``channels.json``, ``groups.json``,
``dms.json``, ``mpims.json``, ``integration_logs.json``, ...) and one folder per channel with one
JSON array of messages per day: ``<channel>/YYYY-MM-DD.json``.

``read_inputs`` hands over one file at a time, so each day file finds what it needs itself: the
channel is the name of its folder, and author names come from the ``users.json`` two levels up,
on disk or in the same zip. The root files are recognised by a reader of their own,
``slack-metadata``: it checks that they parse and yields no rows, so the file report of each says
``reader="slack-metadata"`` with 0 records rather than listing it as skipped or failed.

Every message is one row: ``source_id`` is its ``ts`` (unique within a channel); a thread reply
has ``parent_id = thread_ts``; joins, leaves, topic changes and the like are kind ``system``; an
integration's or app's message (``bot_message``, or one carrying a ``bot_id``) is kind ``bot``;
one whose text is only in its attachments (a commit, build or ticket notice) is kind
``integration``, its text what the attachments say (pretext, title and text, else the fallback); a
deleted thread parent (``subtype: tombstone``) is ``deleted``. Slack's own line for an upload
("<@U0BMS113R> uploaded a file: <https://...|100 cities>", subtype ``file_share``) is kind
``system`` too, like a WhatsApp media placeholder nothing anyone wrote; the comment an older
export appends to it (" and commented: ...") is kept as the message.

A mention is written ``<@U0BMYT2FL>`` (or ``<@U0BMYT2FL|harry>``): the reader writes it as
``@`` and the user's name from ``users.json`` marked between U+2068 and U+2069 (as WhatsApp marks
its @mentions), or the id itself when ``users.json`` does not know it, so that the privacy pass
gives it the member's pseudonym and no raw id is left in the text.

Example:
    >>> posts, files = read_inputs(["slack-export.zip"], InputConfig())  # doctest: +SKIP
"""
from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.registry import Reader, Source, register, sniff_text

# Workspace-level files of an export: read as metadata, never as posts.
METADATA_FILES = {"users.json", "org_users.json", "channels.json", "groups.json", "dms.json",
                  "mpims.json", "integration_logs.json", "canvases.json"}
# Subtypes that record an event in the channel rather than something someone wrote.
SYSTEM_SUBTYPES = {
    "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name",
    "channel_archive", "channel_unarchive", "channel_convert_to_private", "group_join",
    "group_leave", "group_topic", "group_purpose", "group_name", "group_archive",
    "group_unarchive", "bot_add", "bot_remove", "pinned_item", "unpinned_item", "reminder_add",
    "sh_room_created", "huddle_thread",
}
_TS = re.compile(r"^\d+(?:\.\d+)?$")
# <@U0BMYT2FL>, <@U0BMYT2FL|harry>: a user mention (W... for an Enterprise Grid user)
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
# The rest of Slack's markup, read as Slack shows it: a link with its label, a channel by its
# name, a group mention (<!here>).
_LINK = re.compile(r"<((?:https?|mailto|tel):[^|>\s]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#[CG][A-Z0-9]+\|([^>]*)>")
_GROUP = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
# Slack's line for an upload, and the comment an older export appends after it.
_UPLOAD = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?> uploaded a file: <[^>]*>"
                     r"(?: and commented: (?P<comment>.*))?", re.DOTALL)


def _first_item(head: bytes) -> Any:
    """The first element of a JSON array at the start of ``head``; [] for an empty array; None
    when the head is not an array or its first element does not fit in it."""
    text = sniff_text(head)
    if not text.startswith("["):
        return None
    rest = text[1:].lstrip()
    if rest.startswith("]"):
        return []
    try:
        return json.JSONDecoder().raw_decode(rest)[0]
    except ValueError:
        return None


def _is_message(item: Any) -> bool:
    return isinstance(item, dict) and "type" in item and bool(_TS.match(str(item.get("ts", ""))))


def _sniff_day(source: Source, head: bytes) -> bool:
    return _is_message(_first_item(head))


def _export_file(source: Source, name: str, up: int) -> Source | None:
    """The file ``name`` ``up`` folders above ``source`` in the same export (folder or zip)."""
    if source.member is None:
        folders = source.path.absolute().parents
        path = folders[up - 1] / name if len(folders) >= up else None
        return Source(path, str(path)) if path is not None and path.is_file() else None
    folders = PurePosixPath(source.member).parents
    if len(folders) < up:  # the file sits too near the top of the archive
        return None
    member = str(folders[up - 1] / name)
    with zipfile.ZipFile(source.path) as archive:
        if member not in archive.namelist():
            return None
    return Source(source.path, f"{source.display.rsplit('!', 1)[0]}!{member}", member=member)


def _sniff_metadata(source: Source, head: bytes) -> bool:
    if source.name not in METADATA_FILES:
        return False
    first = _first_item(head)
    if first == []:  # an empty list (no DMs, say): a Slack file only beside other Slack files
        return any(_export_file(source, n, 1) for n in ("users.json", "channels.json"))
    return isinstance(first, dict) and bool({"id", "service_id", "user_id"} & first.keys())


def _invalid(where: str, detail: str) -> InputError:
    return InputError("E111", where, format="Slack", detail=detail)


@lru_cache(maxsize=16)
def _names(path: Path, member: str | None, display: str, stamp: tuple[int, int]
           ) -> tuple[dict[str, str], dict[str, str]]:
    """User id → the account (the user name, ``dana.levi``, one per person; with the id where
    several users share it, or the id where it has none), and user id → the name shown (the
    real name) where it differs."""
    # ``stamp`` (mtime, size) keys the cache, so an edited users.json is read again.
    users = Source(path, display, member).read_json()
    if not isinstance(users, list):
        raise _invalid(display, "users.json is not a list")
    users = [u for u in users if isinstance(u, dict) and isinstance(u.get("id"), str) and u["id"]]
    taken = Counter(u.get("name") for u in users if isinstance(u.get("name"), str))
    accounts, shown = {}, {}
    for user in users:
        profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
        handle = user.get("name") if isinstance(user.get("name"), str) and user["name"] else None
        accounts[user["id"]] = (user["id"] if handle is None else handle if taken[handle] == 1
                                else f"{handle} {user['id']}")
        name = user.get("real_name") or profile.get("real_name")
        if name and name != accounts[user["id"]]:
            shown[user["id"]] = name
    return accounts, shown


def user_names(source: Source) -> tuple[dict[str, str], dict[str, str]]:
    """User id → account (the user name), and user id → the name shown where it differs, from
    the export's ``users.json``; empty when the export has none.

    Example:
        >>> user_names(Source(Path("export.zip"), "export.zip!general/2024-01-01.json",
        ...                   member="general/2024-01-01.json"))  # doctest: +SKIP
        ({'U0BMQB6JE': 'hamza'}, {'U0BMQB6JE': 'Hamza'})
    """
    users = _export_file(source, "users.json", 2)
    if users is None:
        return {}, {}
    stat = users.path.stat()
    return _names(users.path, users.member, users.display, (stat.st_mtime_ns, stat.st_size))


def _channel(source: Source) -> str | None:
    folder = PurePosixPath(source.member).parent.name if source.member else source.path.parent.name
    return folder or None


def _micros(ts: str) -> int:
    """Epoch microseconds of a ``ts`` such as ``"1736478630.905399"``, without float rounding."""
    seconds, _, fraction = ts.partition(".")
    return int(seconds) * 1_000_000 + int((fraction + "000000")[:6])


def _mentions_marked(text: str, accounts: dict[str, str]) -> str:
    """``text`` with each ``<@U...>`` written as ``@`` and the user's account (or id) marked:
    the account, not the name shown, which other members may share.

    Example:
        >>> _mentions_marked("<@U1>: see <@U9|x>", {"U1": "dana.levi"})
        '@\u2068dana.levi\u2069: see @\u2068U9\u2069'
    """
    if "<@" not in text:
        return text
    return _MENTION.sub(lambda m: f"@\u2068{accounts.get(m.group(1)) or m.group(1)}\u2069", text)


def _markup_read(text: str) -> str:
    """``text`` as Slack shows it: ``<https://x|status page>`` is "status page (https://x)",
    ``<#C1|general>`` "#general", ``<!here>`` "@here"; then its three escaped characters.

    Example:
        >>> _markup_read("see <https://status.example.com|status page> in <#C1|ops> &amp; <!here>")
        'see status page (https://status.example.com) in #ops & @here'
    """
    if "<" in text:
        text = _LINK.sub(_link_read, text)
        text = _GROUP.sub(r"@\1", _CHANNEL.sub(r"#\1", text))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _link_read(link: re.Match) -> str:
    """A link as Slack shows it: its label, then the link; an address (``mailto:``) alone."""
    url, label = link[1], link[2]
    if label and label not in url:
        return f"{label} ({url})"
    return url.split(":", 1)[1] if url.startswith(("mailto:", "tel:")) else url


def _attached(message: dict) -> str:
    """What an integration's message without text says in its attachments, as Slack shows it:
    each one's pretext, title and text, else its fallback (a review bot's review, a commit)."""
    said = []
    for attachment in message.get("attachments") or []:
        if isinstance(attachment, dict):
            parts = [attachment.get(k) for k in ("pretext", "title", "text")]
            parts = [p for p in parts if isinstance(p, str) and p.strip()] or [attachment.get("fallback")]
            said += [p.strip() for p in parts if isinstance(p, str) and p.strip()]
    return "\n".join(said)


def _upload(text: str, subtype: Any) -> tuple[str, bool]:
    """The text of a ``file_share`` message without Slack's "uploaded a file" line, and whether
    that line was all of it (the message is then kind ``system``)."""
    found = _UPLOAD.fullmatch(text.strip()) if subtype == "file_share" else None
    if found is None:
        return text, False
    comment = (found["comment"] or "").strip()
    return (comment, False) if comment else (text, True)


def _row(message: Any, where: str, accounts: dict[str, str], shown: dict[str, str]
         ) -> dict[str, Any]:
    if not _is_message(message):
        raise _invalid(where, "not a message with a numeric ts")
    ts, thread_ts, subtype = str(message["ts"]), message.get("thread_ts"), message.get("subtype")
    user = message.get("user")
    bot = subtype == "bot_message" or bool(message.get("bot_id"))
    attached = bot and not message.get("text")  # an integration's notice: its text in attachments
    text, upload = _upload(_attached(message) if attached else message.get("text") or "", subtype)
    profile = message.get("user_profile") if isinstance(message.get("user_profile"), dict) else {}
    reactions = message.get("reactions") or []
    return {
        "source_id": ts,
        "thread_id": thread_ts,
        "parent_id": thread_ts if thread_ts and thread_ts != ts else None,
        # The account, one per person (``users.json``, else the message's own profile); the
        # name shown beside it, for the privacy pass (members may share it).
        "author": (accounts.get(user) or profile.get("name") or user or message.get("username")
                   or message.get("bot_id")),
        "author_handle": shown.get(user) or profile.get("real_name") if user else None,
        "created_at": _micros(ts),
        "text": _markup_read(_mentions_marked(text, accounts)),
        "kind": ("system" if subtype in SYSTEM_SUBTYPES or upload else "integration" if attached
                 else "bot" if bot else "media" if message.get("files") and not text.strip()
                 else "message"),  # a screenshot shared alone is media (review 13 R13-6)
        "reactions": sum(int(r.get("count") or len(r.get("users") or []))
                         for r in reactions if isinstance(r, dict)),
        "reply_count": message.get("reply_count"),
        "edited": "edited" in message,
        "deleted": subtype == "tombstone",
    }


def read_slack_day(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read one channel day file into RAW_POST rows, naming authors from the export's users.json.

    Example:
        >>> next(read_slack_day(day_source, InputConfig()))[["channel", "author"]]  # doctest: +SKIP
    """
    messages = source.read_json()
    if not isinstance(messages, list):
        raise _invalid(source.display, "a day file holds a JSON array of messages")
    accounts, shown = user_names(source)
    rows = [_row(m, f"{source.display} [{n}]", accounts, shown) for n, m in enumerate(messages)]
    if not rows:
        return
    frame = pd.DataFrame.from_records(rows)
    frame["created_at"] = pd.to_datetime(frame["created_at"], unit="us", utc=True)
    frame.insert(0, "source", "slack")
    frame.insert(1, "source_file", source.display)
    frame.insert(2, "channel", _channel(source))
    yield frame


def read_slack_metadata(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Check that a workspace file (users.json, channels.json, ...) parses; it holds no posts."""
    if not isinstance(source.read_json(), (list, dict)):
        raise _invalid(source.display, "expected a JSON array or object")
    yield from ()


SLACK_METADATA = register(Reader("slack-metadata", _sniff_metadata, read_slack_metadata))
SLACK = register(Reader("slack", _sniff_day, read_slack_day))
