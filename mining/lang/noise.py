"""Chat noise: posts that carry no feedback, told from the words of each language and the shape
of the post, never from a list of whole posts.

A post is noise of one kind when it is short and all its words belong to the chat-noise lexicons
of the languages (``Language.noise``), or all but one in four of them when at least two are core
words of those lexicons rather than function words (a name after a thanks; never a content word
beside a reaction, which is then praise of that thing: "פרק מדהים, כל הכבוד"): laughter (חחחח, χαχαχα, lol), greetings and
wishes, thanks, presence checks (אתם שם?, are we still here, είστε εκεί;), reactions (wow, אחלה,
τέλειο). Its kind is the one most of its words belong to (a word of several kinds is split between them). The structure of the post decides the
rest: only links, e-mail addresses or phone numbers (with at most a few words presenting them) is
``link_only``; only @mentions is ``mention_only``; a group invite or meeting link with the
boilerplate of an invitation around it (a pasted Zoom or Meet invitation, WhatsApp's "Follow this
link to join my WhatsApp group") is ``invite``.

A real question or complaint that merely starts with a greeting ("hi, the app crashes when I
pay") has words no lexicon holds, and stays.

Example:
    >>> noise_reason("חחחחחח"), noise_reason("are we still here?"), noise_reason("είστε εκεί;")
    ('laughter', 'presence', 'presence')
    >>> noise_reason("hi, the app crashes when I pay") is None
    True
"""
from __future__ import annotations

import re
from functools import lru_cache

from mining.lang import LANGUAGES
from mining.lang.language import NOISE_KINDS
from mining.normalize import EMAIL, URL, fold_text

# The reasons a post is set aside as noise, in the order ties are broken.
NOISE_REASONS = ("invite", "link_only", "mention_only", "presence", "greeting", "thanks",
                 "laughter", "reaction")
MAX_WORDS = 12  # a longer post says more than hello
MIN_COVERED = 0.75  # share of a post's words the lexicons must hold (one in four may be a name)
MIN_INVITE_COVERED = 0.6  # of an invitation's words: it also holds a topic and a host's words

# Group invitations and meetings: WhatsApp, Telegram and Discord invite links, and the meeting
# links and ids that privacy masks as [meeting] (or that stay when identities are kept).
_INVITE_LINK = re.compile(
    r"\[meeting\]|(?:https?://)?(?:chat\.whatsapp\.com/|t\.me/(?:joinchat/|\+)|discord\.gg/"
    r"|discord(?:app)?\.com/invite/|(?:(?<![\w.-])[\w-]+\.)?zoom\.us/[jw]/|meet\.google\.com/|teams\.microsoft\.com/l/meetup-join"
    r"|teams\.live\.com/meet/)\S*")
_LINK = re.compile(rf"{URL}|\[(?:phone|email|password)\]|{EMAIL}")
_MENTION = re.compile(r"@\S+|\bmember-[0-9a-f]{8}\b")
_WORD = re.compile(r"[^\W\d_]+(?:['׳\"][^\W\d_]+)*")
# A number says something (a price, a version, a date): it counts as a word no lexicon holds.
_NUMBER = re.compile(r"\d+")
_LANGUAGES = tuple(LANGUAGES.values())


@lru_cache(maxsize=1 << 16)
def _kinds(word: str) -> tuple[tuple[str, ...], bool]:
    """The noise kinds of a folded word in any language (a word's script picks its language),
    and whether it is a core word of them, not a function word (here, you, καλά, זה)."""
    for language in _LANGUAGES:
        kinds = language.noise_kinds(word)
        if kinds:
            return kinds, language.normalize(word) not in language.function_words
    return (), False


@lru_cache(maxsize=1 << 16)  # words repeat: each is looked up once
def _is_stop(word: str) -> bool:
    return any(language.is_stop(language.normalize(word)) for language in _LANGUAGES)


def _tally(words: list[str], with_link: bool) -> tuple[int, int, int, dict[str, float]]:
    """How many words the lexicons hold, how many of them are core words, how many words outside
    them are content words (not stop words), and each kind's share: a word in several kinds (hey
    greets and checks presence) is split between them. The words that present a link or an
    invitation count only beside one."""
    covered, core, content, per_kind = 0, 0, 0, dict.fromkeys(NOISE_KINDS, 0.0)
    for word in words:
        found, is_core = _kinds(word)
        kinds = [k for k in found if with_link or k not in ("invite", "link")]
        covered += bool(kinds)
        core += bool(kinds) and is_core
        content += not kinds and not _is_stop(word)
        for kind in kinds:
            per_kind[kind] += 1 / len(kinds)
    return covered, core, content, per_kind


def noise_reason(text: str) -> str | None:
    """The kind of chat noise a post is (one of ``NOISE_REASONS``), or None when it may carry
    feedback. Posts without any letter, link or mention are left to the caller (emoji only,
    empty).

    Example:
        >>> noise_reason("תודה רבה לכולם!!"), noise_reason("https://example.com/x check this out")
        ('thanks', 'link_only')
    """
    folded = fold_text(text)
    invites = _INVITE_LINK.findall(folded)
    rest = _INVITE_LINK.sub(" ", folded)
    links = _LINK.findall(rest)
    rest = _LINK.sub(" ", rest)
    mentions = _MENTION.findall(rest)
    rest = _MENTION.sub(" ", rest)
    words = _WORD.findall(rest)
    if invites:  # an invitation's dates and times are part of it: its numbers are not counted
        if sum("invite" in _kinds(word)[0] for word in words) >= MIN_INVITE_COVERED * len(words):
            return "invite"
    words += _NUMBER.findall(rest)
    if not words:
        return "link_only" if invites or links else "mention_only" if mentions else None
    if len(words) > MAX_WORDS:
        return None
    with_link = bool(invites or links)
    covered, core, content, per_kind = _tally(words, with_link)
    # A word no lexicon holds (a name, a noun, an insult) is let pass only beside two core words:
    # "ευχαριστώ πολύ Σπύρο, να είσαι καλά" is thanks, "τι μαλάκας είναι" is not a reaction.
    if covered < MIN_COVERED * len(words) or (covered < len(words) and core < 2):
        return None
    if with_link:
        return "link_only"
    best = max(NOISE_REASONS[3:], key=lambda kind: (per_kind[kind], -NOISE_REASONS.index(kind)))
    # A reaction beside a content word judges that thing: "פרק מדהים, כל הכבוד" (amazing episode,
    # well done) and "Τέλειο επεισόδιο μπράβο σας" are praise. Thanks and greetings address
    # people, so the word beside them is let pass as a name.
    if best == "reaction" and content:
        return None
    return best if per_kind[best] else None
