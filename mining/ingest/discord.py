"""DiscordChatExporter (DCE) exports: JSON (``guild``, ``channel``, ``messages[]``) and CSV.

JSON carries the structure: ``type: "Reply"`` messages point at their parent through
``reference.messageId``; a thread is exported as its own channel (``GuildPublicThread``, ...), so
its messages get the thread channel's id as ``thread_id`` and ``parent / thread title`` as ``channel``;
joins, pins, calls, renames and thread starts are kind ``system``; a bot account's messages
(``author.isBot``: a moderation bot's notices, a ticket bot's prompts) are kind ``bot``. A direct message channel
(``DirectTextChat``) is named after the other person, so its name is marked as a person's
(between U+2068 and U+2069, as the Telegram reader marks a personal chat's) for the privacy
pass; a CSV has no channel type, so a channel of DCE's "Direct Messages" guild (in its file name)
is marked too, a named group DM with it. The CSV
(``AuthorID,Author,Date,Content,Attachments,Reactions``) has no ids, types or replies: rows are
numbered, and system messages are told by the fixed texts DCE writes for them.

JSON is streamed (with the Telegram reader's ijson helpers), ``CHUNK_MESSAGES`` messages to a
frame, so a large channel export keeps memory flat; a CSV is read whole.

Example:
    >>> source = Source(Path("Acme - general [123].json"), "Acme - general [123].json")
    >>> frames = read_discord(source, InputConfig())  # doctest: +SKIP
"""
from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.csvtext import note_repeated_header, parse_failure, repeated_header
from mining.ingest.dates import wall_to_utc
from mining.ingest.registry import Reader, Source, mark_name, register, sniff_text
from mining.ingest.jsonstream import first_item, stream_items, top_level
from mining.schema import RAW_POST, conform

CHUNK_MESSAGES = 50_000
CSV_COLUMNS = ["AuthorID", "Author", "Date", "Content", "Attachments", "Reactions"]
# Message types DCE counts as system notifications (Discord's types 1-18 that it names).
SYSTEM_TYPES = frozenset({
    "RecipientAdd", "RecipientRemove", "Call", "ChannelNameChange", "ChannelIconChange",
    "ChannelPinnedMessage", "GuildMemberJoin", "ThreadCreated", "PollResult",
})
THREAD_CHANNELS = frozenset({"GuildPublicThread", "GuildPrivateThread", "GuildNewsThread"})
DIRECT_CHANNEL = "DirectTextChat"  # a one-to-one DM, named after the other person
DIRECT_GUILD = "Direct Messages"  # the guild DCE puts every DM and group DM in (id 0)
DELETED_USER = "Deleted User"  # DCE's name for every deleted account
# The text DCE writes in place of a system message's content (CSV and plain-text exports).
_SYSTEM_CONTENT = re.compile(
    r"Added .+ to the group\.|Added a recipient\.|Left the group\.|Removed .+ from the group\."
    r"|Removed a recipient\.|Started a call that lasted [\d,]+ minutes\.|Changed the channel name[.:].*"
    r"|Changed the channel icon\.|Pinned a message\.|Started a thread\.|Joined the server\."
    r"|.+'s poll .*has closed\.|A poll has closed\.", re.DOTALL)
_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"
_REACTION_COUNT = re.compile(r"\((\d+)\)(?:,|$)")
# DCE's default file name: "Guild - Channel [channel id].json" (also "... [id] (after ...)").
_FILE_NAME = re.compile(r"^(?P<guild>.+?) - (?P<channel>.+) \[(?P<id>\d+)\]")
# What changes between a bot's posts ("GG @kev, you just advanced to level 17!"): a mention, a
# number. A CSV has no ``isBot``: an author of at least ``BOT_POSTS`` posts, ``BOT_SHARE`` of them
# one template once these are masked, with the masked parts varying, is a bot. A brand's canned
# reply is pasted the same each time, and a member writes more than one sentence.
_TEMPLATE_PARTS = re.compile(r"@[^\s,.!?:;]+|<[@#]!?&?\d+>|\d+(?:[.,:]\d+)*")
BOT_POSTS = 10
BOT_SHARE = 0.9


def _person(name: str | None) -> str | None:
    """A channel named after a person, marked as one (between U+2068 and U+2069) so that the
    privacy pass pseudonymizes it, in the channel and in the file name."""
    return f"\u2068{name}\u2069" if name else name


def direct_name_in(file_name: str) -> str | None:
    """The person a DM export is named after, in DCE's default file name, or None.

    Example:
        >>> direct_name_in("Direct Messages - Dana Levi [530805775262679064].json")
        'Dana Levi'
    """
    named = _FILE_NAME.match(file_name)
    return named["channel"] if named and named["guild"] == DIRECT_GUILD else None


def _sniff(source: Source, head: bytes) -> bool:
    text = sniff_text(head)
    if text.startswith("{"):
        return '"guild"' in text and '"channel"' in text
    first_line = text.split("\n", 1)[0].strip().replace('"', "")
    return first_line.split(",") == CSV_COLUMNS


def _parse(text: pd.Series, utc: bool) -> pd.Series:
    parsed = pd.to_datetime(text, errors="coerce", utc=utc, format="ISO8601")
    retry = parsed.isna()
    if retry.any():  # DCE's --locale and --utc options change the format
        parsed[retry] = pd.to_datetime(text[retry], errors="coerce", utc=utc, format="mixed")
    return parsed


def _utc(values: list, timezone: str) -> pd.Series:
    """Times to UTC; a time written without an offset is wall-clock time in ``timezone``."""
    text = pd.Series(values, dtype=object).astype("string").str.strip()
    aware = text.str.contains(_OFFSET, regex=True).fillna(False).astype(bool)
    naive = ~aware & text.fillna("").ne("")
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")
    if aware.any():
        out[aware] = _parse(text[aware], utc=True)
    if naive.any():
        wall = _parse(text[naive], utc=False)
        out[naive] = wall_to_utc(wall, timezone)
    return out


def _message_kind(m: dict[str, Any]) -> str:
    """``bot`` for a bot account's message (DCE's ``author.isBot``), ``media`` for a screenshot,
    file or sticker sent without text (as the chat readers say: review 13 R13-6, they were
    counted as empty messages), else ``message``."""
    author = m.get("author")
    if isinstance(author, dict) and author.get("isBot") is True:
        return "bot"
    sent = m.get("attachments") or m.get("stickers")
    return "media" if sent and not str(m.get("content") or "").strip() else "message"


def _author(author: Any) -> tuple[str | None, str | None]:
    """The account (its user name, one per person on Discord; a deleted account by its id, as
    DCE names each "Deleted User"), and the name shown beside it (the server nickname) where it
    differs. Members who share a nickname ("Γιώργος") stay apart."""
    if not isinstance(author, dict):
        return None, None
    account = author.get("name") or author.get("id")
    if account == DELETED_USER and author.get("id"):
        account = f"{DELETED_USER} {author['id']}"
    shown = author.get("nickname") or author.get("name")
    return account, shown if shown and shown != account else None


# A mention in a CSV export: "@" and the name shown, up to three capitalized words (one word in
# a script without capitals: Hebrew), which the CSV cannot tie to an account.
_CSV_MENTION = re.compile(r"(?<![\w.])@(?!(?:everyone|here)\b)((?:[^\W\d_][\w'’.-]*)(?: (?=[^\W\d_])(?:[^\W\d_][\w'’.-]*)){0,2})")


def _csv_mentions_marked(text: str) -> str:
    """``text`` with its @mentions marked as names for the privacy pass: DCE's CSV writes a
    mention as ``@`` and the display name, with no list of who it names (the JSON has one), and
    "@Omar Haddad did you ever get a reply?" kept the full name (review 13 R13-16). Of the words
    after the ``@``, those that open with a capital letter are the name (the first word always:
    "@omar_h" is a handle; a Hebrew name, written without capitals, is its first word)."""
    def marked(match: re.Match) -> str:
        words = match[1].split(" ")
        name = [words[0]] + list(itertools.takewhile(lambda w: w[0].isupper(), words[1:]))
        name = name if words[0][0].isupper() else name[:1]
        rest = match[1][len(" ".join(name)):]
        return "@" + mark_name(" ".join(name)) + rest

    return _CSV_MENTION.sub(marked, text) if "@" in text else text


# Discord's markup, which the app shows as a bar or a quote's margin and never as characters:
# spoiler bars around words ("||spoiler||") and the quote marks opening a line (">>> ", "> ").
# Kept, they opened quotes and made "spoiler" a word of the posts (review 15, R15-20).
_SPOILER = re.compile(r"\|\|(?=\S)(.+?)(?<=\S)\|\|", re.DOTALL)
_QUOTE_MARK = re.compile(r"^[ \t]*>(?:>>)?[ \t]+", re.MULTILINE)


def without_markup(text: str) -> str:
    """``text`` without Discord's spoiler bars and quote marks (the words inside kept).

    Example:
        >>> without_markup(">>> ||spoiler|| svg path is not working, a || b")
        'spoiler svg path is not working, a || b'
    """
    if "|" in text:
        text = _SPOILER.sub(r"\1", text)
    return _QUOTE_MARK.sub("", text) if ">" in text else text


def _content(message: dict[str, Any]) -> str:
    """A message's text (``without_markup``), the members it @mentions marked by their accounts:
    DCE lists them (``mentions``), and writes each mention as ``@`` and the name shown, which
    members may share ("Γιώργος"); a member mentioned may also have no message in the export."""
    text = without_markup(message.get("content") or "")
    mentions = message.get("mentions")
    if not mentions or "@" not in text:
        return text
    accounts: dict[str, str] = {}  # each name a mention may be written with → the account
    for user in mentions:
        account = _author(user)[0]
        for name in (user.get("nickname"), user.get("name")) if account else ():
            if isinstance(name, str) and name:
                accounts.setdefault(name, account)  # the first mentioned with a shared name
    for name in sorted(accounts, key=len, reverse=True):  # "@Ελένη Δημητρίου" before "@Ελένη"
        text = re.sub(rf"@{re.escape(name)}(?![^\W_])",
                      lambda _, a=accounts[name]: "@" + mark_name(a), text)
    return text


def _parent(kind: str | None, reference: dict[str, Any], channel_id: str | None) -> str | None:
    """The id a reply answers: ``Reply`` messages, and (older DCE) plain messages whose reference
    points into the same channel; forwards, pins and thread starts reference without replying."""
    if not reference.get("messageId"):
        return None
    same_channel_default = (kind == "Default" and reference.get("type", "Default") == "Default"
                            and reference.get("channelId") in (None, channel_id))
    return str(reference["messageId"]) if kind == "Reply" or same_channel_default else None


def _thread_started(reference: dict[str, Any]) -> str | None:
    """The thread a ``ThreadCreated`` message started: the channel its reference points at."""
    return str(reference["channelId"]) if reference.get("channelId") else None


def _records(messages: Iterable, source: Source, channel_id: str | None, in_thread: bool,
             url_guild: str) -> Iterator[tuple]:
    """Per message, its (id, thread, parent, author, handle, time, text, kind, reactions, edited,
    url).

    A thread's messages carry its channel id as their thread; so does the message that started
    it. Most messages have no reference and no reactions: those steps are skipped for them (this
    loop is most of the reader's own time).
    """
    url = None if channel_id is None else f"https://discord.com/channels/{url_guild}/{channel_id}/"
    for number, m in enumerate(messages, 1):
        if not isinstance(m, dict):  # a record we cannot read is an error, never a silent drop
            raise InputError("E111", source.display, format="DiscordChatExporter",
                             detail=f"message {number} is not an object")
        mid = str(number) if m.get("id") is None else str(m["id"])
        kind, reference, reactions = m.get("type"), m.get("reference"), m.get("reactions")
        if not isinstance(reference, dict):
            reference = None
        thread = channel_id if in_thread else (
            _thread_started(reference) if reference and kind == "ThreadCreated" else None)
        yield (mid, thread, _parent(kind, reference, channel_id) if reference else None,
               *_author(m.get("author")), m.get("timestamp"), _content(m),
               "system" if kind in SYSTEM_TYPES else _message_kind(m),
               sum(int(r.get("count") or 0) for r in reactions if isinstance(r, dict))
               if reactions else 0,
               bool(m.get("timestampEdited")), url and url + mid)


def _read_json(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """A DCE JSON export as frames of up to ``CHUNK_MESSAGES`` messages, streamed."""
    head, key = top_level(source, {"messages": "start_array"})
    if key is None:
        raise InputError("E111", source.display, format="DiscordChatExporter",
                         detail="no 'messages' list")
    # DCE writes the guild and channel before the messages; another order costs a second read.
    guild = (head["guild"] if "guild" in head else first_item(source, "guild")) or {}
    channel = (head["channel"] if "channel" in head else first_item(source, "channel")) or {}
    channel_id = str(channel["id"]) if channel.get("id") is not None else None
    in_thread = channel.get("type") in THREAD_CHANNELS
    # DCE's "category" of a thread is its parent channel (the schema predates threads). The
    # thread's title is its members' own name for what it is about: it is said beside the
    # parent, as a Telegram forum topic's is (review 15, R15-14: "Login loop after 5.2 update"
    # was shown nowhere).
    channel_name = channel.get("name")
    if in_thread:
        channel_name = " / ".join(n for n in (channel.get("category"), channel_name) if n)
    elif channel.get("type") == DIRECT_CHANNEL:
        channel_name = _person(channel_name)
    guild_id = str(guild.get("id") or "0")
    url_guild = "@me" if guild_id == "0" else guild_id  # DCE puts direct messages in guild 0
    records = _records(stream_items(source, "messages.item"), source, channel_id, in_thread,
                       url_guild)
    while chunk := list(itertools.islice(records, CHUNK_MESSAGES)):
        (ids, threads, parents, authors, handles, times, texts, kinds, reactions, edited,
         urls) = zip(*chunk)
        yield pd.DataFrame({
            "source": "discord",
            "source_file": source.display,
            "source_id": ids,
            "channel": channel_name,
            "thread_id": threads,
            "parent_id": parents,
            "author": authors,
            "author_handle": handles,
            "created_at": _utc(list(times), options.timezone),
            "text": texts,
            "kind": kinds,
            "reactions": pd.array(reactions, dtype="Int64"),
            "edited": edited,
            "url": urls,
        })


def reaction_total(text: str) -> int:
    """The sum of the counts in a DCE CSV ``Reactions`` cell.

    Example:
        >>> reaction_total("👍 (3),❤ (2)")
        5
    """
    return sum(int(n) for n in _REACTION_COUNT.findall(text or ""))


def _read_csv(source: Source, options: InputConfig) -> pd.DataFrame:
    text = source.read_text()
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:  # pandas' words: the line and a plain reason
        raise parse_failure(exc, text, source.display) from None
    except ValueError as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError("E107", source.display, detail=detail) from None
    missing = [c for c in CSV_COLUMNS if c not in table.columns]
    if missing:
        raise InputError("E111", source.display, format="DiscordChatExporter CSV",
                         detail=f"missing columns {', '.join(missing)}")
    named = _FILE_NAME.match(source.name)
    notes: dict = {}
    ids = pd.RangeIndex(1, len(table) + 1).astype(str)  # a record's number, the header's repeats too
    same = repeated_header(table)
    if same.any():
        note_repeated_header(ids[same].tolist(), source.display, notes)
        table, ids = table[~same].reset_index(drop=True), ids[~same]
    content = table["Content"]
    frame = pd.DataFrame({
        "source": "discord",
        "source_file": source.display,
        "source_id": ids.tolist(),
        "channel": (None if not named else _person(named["channel"])
                    if named["guild"] == DIRECT_GUILD else named["channel"]),
        "author": table["Author"].where(table["Author"] != "", table["AuthorID"]),
        "created_at": _utc(table["Date"].tolist(), options.timezone),
        "text": content.map(lambda c: _csv_mentions_marked(without_markup(c))),
        "kind": ["system" if _SYSTEM_CONTENT.fullmatch(c) else "media" if not c.strip() and a
                 else "message" for c, a in zip(content, table["Attachments"])],
        "reactions": pd.array(table["Reactions"].map(reaction_total).tolist(), dtype="Int64"),
    })
    frame.loc[frame["kind"].eq("message") & templated_authors(frame), "kind"] = "bot"
    frame.attrs["notes"] = {**notes, "record_ids": CSV_ROW_NUMBERS}  # a quote's #id (the method)
    return frame


def templated_authors(posts: pd.DataFrame) -> pd.Series:
    """Which rows are by an author whose messages are nearly all one template with its mentions
    and numbers changing (a level-up or welcome bot), told by the posts where no flag says so.

    Example:
        >>> posts = pd.DataFrame({"author": ["mee6"] * 10, "kind": "message",
        ...                       "text": [f"GG @m{i}, you just advanced to level {i}!" for i in range(10)]})
        >>> bool(templated_authors(posts).all())
        True
    """
    said = posts["kind"].eq("message") & posts["author"].notna()
    text = posts["text"].fillna("").astype(str)
    frame = pd.DataFrame({"author": posts["author"], "text": text,
                          "template": text.str.replace(_TEMPLATE_PARTS, "#", regex=True)})[said]
    bots = [author for author, own in frame.groupby("author", sort=False)
            if _one_template(own["template"], own["text"])]
    return posts["author"].isin(bots) & said


def _one_template(templates: pd.Series, texts: pd.Series) -> bool:
    """At least ``BOT_POSTS`` posts, ``BOT_SHARE`` of them one template, its filled-in texts
    mostly different (a pasted canned reply is the same text each time)."""
    if len(templates) < BOT_POSTS:
        return False
    top = templates.value_counts().index[0]
    same = templates.eq(top)
    return bool(same.mean() >= BOT_SHARE and texts[same].nunique() * 2 > same.sum())


CSV_ROW_NUMBERS = ("row numbers below the header (DiscordChatExporter's CSV has no message ids; "
                   "its JSON export has them)")


def read_discord(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read a DiscordChatExporter JSON or CSV export into RAW_POST rows, one per message.

    Example:
        >>> next(read_discord(source, InputConfig())).kind.tolist()   # doctest: +SKIP
        ['system', 'message']
    """
    head = sniff_text(source.head())
    frames = _read_json(source, options) if head.startswith("{") else [_read_csv(source, options)]
    for frame in frames:
        if not frame.empty:
            out = conform(frame, RAW_POST)
            out.attrs["notes"] = frame.attrs.get("notes", {})
            yield out


DISCORD = register(Reader("discord", _sniff, read_discord))
