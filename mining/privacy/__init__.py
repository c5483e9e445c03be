"""Privacy by default: pseudonymous members, masked contacts, meeting links and passwords.

Community exports carry real names and phone numbers. Before anything is written, each member
becomes a salted pseudonym (the same person gets the same pseudonym in every run of a project
that keeps its salt): as an author, and wherever the text names them (see ``names``): in WhatsApp
system lines ("Dana added Bob"), in names the readers mark (Telegram mentions and service
messages), in meeting invitations, in @mentions, and by their known names in free text. A chat
named after a person (a 1:1 chat) gets the person's pseudonym as its channel and in its file
name. Phone numbers, e-mail addresses, meeting links, ids and passwords are masked (see
``contacts``). Brand accounts keep their names: they are not private persons, and a report must
show what the brand answered.

Example:
    >>> pseudonym("Dani M", salt="s3cret")
    'member-...'
    >>> mask_contacts("call me 050-123-4567 or dani@example.com")[0]
    'call me [phone] or [email]'
"""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from mining.config import DEFAULT_SALT, BrandConfig, PrivacyConfig
from mining.ingest.discord import direct_name_in
from mining.ingest.whatsapp import chat_name_in
from mining.privacy.contacts import mask_contacts
from mining.privacy.names import (NameIndex, account_key, clean_name, invitation_names,
                                  marked_names, system_line)

__all__ = ["Identities", "mask_contacts", "protect_identities", "pseudonym"]

_MARK = re.compile("[\u2068\u2069]")
_NAME_WORD = re.compile(r"[^\W\d_]+")
_HANDLE = re.compile(r"[\w.]*(?:_|\d)[\w.]*")  # one token with an underscore or a digit


def _key(file: str, channel: object) -> tuple[str, str | None]:
    """A chat's key: its file, and its channel (None when it has none)."""
    return file, channel if isinstance(channel, str) else None


def pseudonym(author: str, salt: str) -> str:
    digest = hmac.new(salt.encode("utf-8"), author.strip().casefold().encode("utf-8"), hashlib.sha256)
    return "member-" + digest.hexdigest()[:8]


def salt_fingerprint(salt: str) -> str:
    """What tells two ``privacy.salt`` values apart without revealing either: a keyed hash of a
    fixed text, which the run's manifest and report show instead of the salt (with the salt and
    a member's name, anyone could tell which pseudonym is theirs). It tells no more about the
    salt than the pseudonyms themselves, which are keyed hashes of names.

    Example:
        >>> salt_fingerprint("s3cret") == salt_fingerprint("s3cret") != salt_fingerprint("other")
        True
    """
    digest = hmac.new(salt.encode("utf-8"), b"mining privacy.salt fingerprint", hashlib.sha256)
    return "fingerprint:" + digest.hexdigest()[:16]


def _brand_named(posts: pd.DataFrame, brands: set[str]) -> pd.DataFrame:
    """``posts`` with a brand account named by the name it shows (``brand.accounts`` lists names
    as members see them) where a reader keys authors by account (a Telegram ``from_id``, a
    Slack or Discord user name): its author is that name, kept as written."""
    if not brands or "author_handle" not in posts:
        return posts
    handles = posts["author_handle"]
    named = handles.map(lambda h: isinstance(h, str) and account_key(h) in brands)
    if not named.any():
        return posts
    posts = posts.copy()
    posts.loc[named, "author"] = handles[named]
    return posts


def _account_keys(posts: pd.DataFrame) -> set[str]:
    """The keys (``account_key``) of every author's name and user name in ``posts``."""
    names = [posts[c].dropna().unique() for c in ("author", "author_handle") if c in posts]
    return {account_key(str(n)) for some in names for n in some}


_OPAQUE_ACCOUNT = re.compile(r"user\d+")  # a Telegram from_id: no name a reader knows


def _named_accounts(authors: pd.Series, shown: pd.Series | None) -> pd.Series:
    """Authors kept as they are (``keep_identities``), but an account that is only a number
    (Telegram's ``user123``) shown by its member's latest name, with the account where several
    accounts show the same name ("דני (user2)"): the members stay apart, and readable."""
    if shown is None:
        return authors
    opaque = authors.str.fullmatch(_OPAQUE_ACCOUNT).fillna(False).astype(bool) & shown.notna()
    if not opaque.any():
        return authors
    latest = shown[opaque].groupby(authors[opaque]).last()  # one name for a member who renamed
    shared = latest.map(latest.value_counts()) > 1
    names = latest.where(~shared, latest + " (" + latest.index.to_series() + ")")
    return authors.mask(opaque, authors[opaque].map(names)).astype("string")


@dataclass
class _Chat:
    """What one file's rows tell about its chat: its channel, who wrote, whether it is a group."""

    source: str
    channel: str | None
    authors: set[str] = field(default_factory=set)
    group: bool = False


def _named_chat(file: str) -> str | None:
    """The chat name a file's name (or one of its archive's names) shows, when the file name
    alone cannot tell a person's chat from a group's: a WhatsApp export's chat name, or the
    person a DiscordChatExporter DM export is named after."""
    parts = re.split(r"[/!]", file)
    return next(filter(None, [*map(chat_name_in, parts), *map(direct_name_in, parts)]), None)


class Identities:
    """Every person the input names, gathered over all of it before any chunk is protected
    (an @mention or a name in one file may be of a member who writes in another), and the
    pseudonyms that replace them.

    Example:
        >>> people = Identities(PrivacyConfig(salt="s"), BrandConfig()).add(posts)  # doctest: +SKIP
        >>> people.names                                                          # doctest: +SKIP
        {'Dana Levi': 'member-...', 'Bob': 'member-...'}
    """

    # read by ``add`` (``author_is_brand``: the accounts the input marks as the brand's are kept by
    # name; without it, ``mining ingest`` pseudonymized them while ``mining run`` kept them)
    COLUMNS = ("source", "source_file", "channel", "author", "author_handle", "kind", "text",
               "author_is_brand")

    def __init__(self, config: PrivacyConfig, brand: BrandConfig) -> None:
        self.salt = config.salt
        self.brands = {account_key(b) for b in brand.accounts}
        # the brand accounts named by an author's name or user name: a Discord account listed by
        # both is one author after ``_brand_named``, and neither name is missing (R15-12)
        self.brands_named: set[str] = set()
        self.names: dict[str, str] = {}  # each person's name → their pseudonym
        self.chats: dict[tuple[str, str | None], _Chat] = {}  # by source_file and channel
        self._index: NameIndex | None = None

    def add(self, posts: pd.DataFrame) -> Identities:
        """Gather the names, and what each chat tells about itself, from a chunk of posts.

        A chat is one channel of one file: a Telegram full export holds many (a personal chat,
        a group, a channel) in one ``result.json``, and each is a person's chat or not on its own.
        """
        self._index = None
        self.brands_named |= self.brands & _account_keys(posts)
        posts = _brand_named(posts, self.brands)
        if "author_is_brand" in posts:  # the input marks them: kept by name, as brand.accounts
            flagged = posts["author_is_brand"].astype("boolean").fillna(False).to_numpy(dtype=bool)
            self.brands.update(account_key(a) for a in posts.loc[flagged, "author"].dropna())
        for author in posts["author"].dropna().unique():
            self._person(author)
        if "author_handle" in posts:  # a user name beside the name shown: the same person
            pairs = posts[["author", "author_handle"]].dropna().drop_duplicates()
            for author, handle in pairs.itertuples(index=False):
                self._alias(handle, author)
        for (file, source, channel), authors in posts.groupby(
                ["source_file", "source", "channel"], dropna=False, sort=False)["author"]:
            chat = self.chats.setdefault(_key(file, channel), _Chat(source, channel))
            if len(chat.authors) < 3:  # only whether there are more than two matters
                chat.authors.update(clean_name(a) for a in authors.dropna().unique()[:3])
        text = posts["text"].fillna("")
        system = (posts["source"] == "whatsapp") & (posts["kind"] == "system")
        marked = text.str.contains("\u2068", regex=False)
        named = system | marked
        for file, channel, line, is_system in zip(posts["source_file"][named],
                                                  posts["channel"][named], text[named],
                                                  system[named]):
            spans = marked_names(line)
            if is_system:
                found, group = system_line(line)
                spans += found
                chat = self.chats[_key(file, channel)]
                chat.group = chat.group or group
            for start, end in spans:
                self._person(line[start:end])
        return self

    def _person(self, name: str) -> None:
        name = clean_name(name)
        if name and account_key(name) not in self.brands and name not in self.names:
            self.names[name] = pseudonym(name, self.salt)

    def _alias(self, handle: str, author: str) -> None:
        """``handle`` names ``author``: it gets the author's pseudonym (also where a mention
        seen earlier gave it one of its own)."""
        handle, author = clean_name(handle), clean_name(author)
        if handle and author and account_key(author) not in self.brands and handle != author:
            self.names[handle] = self.names.get(author) or pseudonym(author, self.salt)

    def name_words(self) -> set[str]:
        """The first and last words of every member's name (two letters or more), for leaving
        them out of keywords and labels: a first name alone stays in the text (see ``names``).
        The words between (``מורן אמא של עומר``: "Omer's mom") describe more often than they
        name, and a handle (``throwaway_basket``) is only ever written whole, as an @mention.
        Held in memory only, never written.

        Example:
            >>> people = Identities(PrivacyConfig(), BrandConfig())
            >>> people.names = {"Dana Levi 🌸": "m1", "יוסי": "m2", "מורן אמא של עומר": "m3",
            ...                 "deal_hunter_gr": "m4"}
            >>> sorted(people.name_words())
            ['Dana', 'Levi', 'יוסי', 'מורן', 'עומר']
        """
        words = set()
        for name in self.names:
            if _HANDLE.fullmatch(name):
                continue
            found = [w for w in _NAME_WORD.findall(name) if len(w) >= 2]
            words.update(found[:1] + found[-1:])
        return words

    def of(self, name: str) -> str:
        """The pseudonym of ``name``, or the name itself for a brand account."""
        name = clean_name(name)
        if account_key(name) in self.brands:
            return name
        return self.names.get(name) or pseudonym(name, self.salt)

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex(self.names)
        return self._index

    def person_chat(self, file: str, channel: object = None) -> str | None:
        """The name of the person a chat (``channel`` of ``file``) is with, or None for a group
        or a channel.

        A chat is a person's when the reader marked its name (a Telegram personal chat), when
        its name is a member's, or when a WhatsApp chat (named after its file) shows no group:
        no group event in its system lines and at most two members writing.
        """
        chat = self.chats.get(_key(file, channel))
        if chat is None or not isinstance(chat.channel, str):
            return None
        if _MARK.search(chat.channel) or clean_name(chat.channel) in self.names:
            return clean_name(chat.channel)
        if chat.source == "whatsapp" and not chat.group and len(chat.authors) <= 2:
            return clean_name(chat.channel)
        return None

    def _people_of(self, file: str) -> list[str]:
        """The people whose chats ``file`` holds."""
        return [p for (f, c) in self.chats if f == file for p in [self.person_chat(f, c)] if p]

    def shown_file(self, file: str) -> str:
        """A file name as the outputs show it: the name of a person's chat in it pseudonymized.

        A file named like a WhatsApp export ("WhatsApp Chat with NAME.txt") that the WhatsApp
        reader did not read (it failed, or another reader took it as plain text) cannot tell a
        person from a group, so its chat name is pseudonymized too; so are the people an archive
        member's name holds (``Dana Levi.vcf``).
        """
        people = self._people_of(file)
        if not people and not any(f == file and chat.source in ("whatsapp", "discord")
                                  for (f, _), chat in self.chats.items()):
            people = [_named_chat(file)]
        for person in filter(None, people):
            file = self._renamed(file, person)
        return self._shown_member(file)

    def _shown_member(self, file: str) -> str:
        """An archive member's name (after the last "!") without the people it names: a contact
        card is named after its contact (``Dana Levi.vcf``), so its name becomes the contact's
        pseudonym; any other name has the members' known full names and handles replaced."""
        archive, bang, member = file.rpartition("!")
        if not bang:
            return file
        folder, slash, name = member.rpartition("/")
        stem, dot, extension = name.rpartition(".")
        if dot and extension.casefold() == "vcf" and stem.strip():
            name = self.of(stem) + dot + extension
        else:
            name = self.index.replace(name)
        return archive + bang + folder + slash + name

    def shown_path(self, path: str) -> str:
        """A path or command-line argument as logs and the manifest show it: the names of the
        people whose chats this input holds pseudonymized, and the chat name of a WhatsApp
        export's file name (which, before reading, cannot tell a person from a group)."""
        for file, channel in self.chats:
            person = self.person_chat(file, channel)
            shown = self._renamed(path, person) if person else path
            if shown != path:
                return shown
        head, sep, last = path.rpartition("/")
        name = _named_chat(last)
        return head + sep + self._renamed(last, name) if name else path

    def _renamed(self, path: str, person: str) -> str:
        """``path`` with ``person`` written as a word in it replaced by their pseudonym."""
        shown = self.of(person)
        renamed, n = re.subn(rf"(?<!\w){re.escape(person)}(?!\w)", lambda _: shown,
                             unicodedata.normalize("NFC", path))
        return renamed if n else path

    def shown_input(self, entry: dict) -> dict:
        """A manifest's entry for an input file, its file name as ``shown_file`` shows it
        (in its error message too); the SHA-256 beside it still tells which file it was."""
        if entry.get("repeats"):  # the other file's name, as that file's entry shows it
            entry = {**entry, "repeats": self.shown_file(entry["repeats"])}
        shown = self.shown_file(entry["file"])
        if shown == entry["file"]:
            return entry
        return {key: value.replace(entry["file"], shown) if isinstance(value, str) else value
                for key, value in entry.items()}

    def protect_text(self, text: str, source: str | None, kind: str | None
                     ) -> tuple[str, dict[str, int]]:
        """``text`` with every name pseudonymized and every contact masked; what was done."""
        spans = marked_names(text) + invitation_names(text)
        if source == "whatsapp" and kind == "system":
            spans += system_line(text)[0]
        for start, end in sorted(set(spans), reverse=True):
            text = text[:start] + self.of(text[start:end]) + text[end:]
        replaced = self.index.replaced
        text, counts = mask_contacts(text, names=self.index.replace)
        counts["names"] = len(set(spans)) + self.index.replaced - replaced
        return text, counts


def protect_identities(posts: pd.DataFrame, config: PrivacyConfig, brand: BrandConfig,
                       identities: Identities | None = None) -> tuple[pd.DataFrame, dict]:
    """Mark brand accounts (``brand.accounts``, and the posts the input marks), and unless
    ``config.keep_identities``, pseudonymize and mask.

    ``identities`` are those of the whole input (``Identities(...).add`` over every chunk), which
    names need when ``posts`` is one chunk of it; by default, those of ``posts``. Returns the
    protected posts (without ``author_handle``: it has served) and a summary for the manifest.
    """
    brands = {account_key(b) for b in brand.accounts}
    out = _brand_named(posts, brands).drop(columns="author_handle", errors="ignore")
    named = out["author"].map(lambda a: isinstance(a, str) and account_key(a) in brands)
    said = (out["author_is_brand"].astype("boolean").fillna(False) if "author_is_brand" in out
            else False)
    out["author_is_brand"] = (named.astype("boolean") | said).astype("boolean")
    if config.keep_identities:
        out["author"] = _named_accounts(out["author"], posts.get("author_handle"))
        out["channel"] = out["channel"].str.replace(_MARK, "", regex=True)
        return out, {"pseudonymized_authors": False, "masked_contacts": False}

    people = identities or Identities(config, brand).add(posts)
    counts: Counter = Counter()
    texts = []
    for text, source, kind in zip(out["text"].fillna("").tolist(), out["source"].tolist(),
                                  out["kind"].tolist()):
        text, done = people.protect_text(text, source, kind)
        if any(done.values()):
            counts.update(done)
        texts.append(text)
    out["text"] = pd.Series(texts, index=out.index, dtype="string")
    authors = {a: people.of(a) for a in out["author"].dropna().unique()}
    out["author"] = out["author"].map(authors).astype("string")
    keys = [_key(f, c) for f, c in zip(out["source_file"], out["channel"])]
    chats = {key: people.person_chat(*key) for key in set(keys)}
    out["channel"] = pd.Series([people.of(chats[key]) if chats[key] else c
                                for key, c in zip(keys, out["channel"])], index=out.index,
                               dtype="string").str.replace(_MARK, "", regex=True)
    files = {f: people.shown_file(f) for f in out["source_file"].unique()}
    out["source_file"] = out["source_file"].map(files).astype("string")
    summary = {"pseudonymized_authors": True, "masked_contacts": True,
               "people": len(set(people.names.values())), "names_in_text": counts["names"],
               "phones_masked": counts["phones"], "emails_masked": counts["emails"],
               "meetings_masked": counts["meetings"], "passwords_masked": counts["passwords"],
               "contact_cards_masked": counts["contacts"], "cards_masked": counts["cards"],
               "accounts_masked": counts["accounts"], "ids_masked": counts["ids"],
               "chats_with_a_person": sum(1 for p in chats.values() if p),
               "salt": "configured" if config.salt != DEFAULT_SALT else
               "default (set privacy.salt so pseudonyms cannot be recomputed from names)"}
    return out, summary
