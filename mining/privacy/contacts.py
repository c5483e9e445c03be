"""Masking contacts in a post's text: phone numbers, e-mail addresses, meeting links and passwords
(and payment and identity numbers: ``mining.privacy.identifiers``).

Links are kept whole or masked whole: a meeting link (Zoom, Meet, Teams, Webex, ...) becomes
``[meeting]``, a link that dials or messages a phone number (``wa.me/972...``, ``tel:``) ``[phone]``,
a link holding an e-mail address ``[email]``, one with a password in its query ``[password]``;
any other link is left exactly as written, so the
digits of ``https://music.apple.com/il/album/x/1440838174`` are never taken for a phone number.

Phone numbers are found by their shape (digits in groups, with the spaces, dots, dashes of every
kind, parentheses and direction marks people and phones put between them, glued or not to the word
before: ``ל0547774110``, ``στο6978884212``), then kept only when the digits make a number of a
known plan: international ones (``+`` or ``00``) by ``phonenumbers``' lengths for that country
code, local ones by the Israeli, Greek, British and North American plans (a North American one
only when written in its groups). A Greek landline written as bare digits, with neither a country
code nor a separator (``2101234567``), is taken only in a post that holds Greek letters: Greek
numbers have no trunk prefix, so ten bare digits starting with 2 are as often an id or a 32-bit
limit (``2147483647`` is a valid Athens number) in a post that is not Greek. A Greek mobile
keeps its prefix as its mark (``6978884212``, like Israel's ``05``). A run of groups that is not a number as a whole is tried in its
parts, so that a date or an order number next to a phone number neither hides it nor is masked.

Example:
    >>> mask_contacts("call 054 - 777 - 4119 or dani@example.com")[0]
    'call [phone] or [email]'
"""
from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

import phonenumbers

from mining.lang import PSEUDONYM
from mining.ingest.strings import REPORTED, WHATSAPP
from mining.privacy.identifiers import MASKS as NUMBER_MASKS
from mining.privacy.identifiers import mask_numbers

# Between the digit groups of a phone number: spaces, dots, hyphens and every dash (U+2010-2015),
# minus, Hebrew maqaf, small and full-width hyphens, and the direction marks phones wrap them in.
_SEP = ("[ \t\u00a0\u202f\u2009.\\-\u2010-\u2015\u2212\u05be\ufe63\uff0d"
        "\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A date or a time of day (with its seconds and their fraction: "22:57:06.074105", a log line's
# stamp) is taken whole before a run of digit groups can start inside it, so that the fraction
# and the thread id after it ("06.074105  1271", "06.074  1271  1290") never read as a number. A
# run starts after no digit or '+', nor the '#', '/', '=' or '_' of ids and paths, nor a digit and
# a '.' or ':' (the fraction of a decimal or a time); a letter may come before (a Hebrew prefix or
# a word glued on) unless a digit comes before it (a hash, a uuid) or it is a lone Latin letter (a
# hex dump's "a0 29 19 56 00 00", an id's "v2"), and no Latin letter or digit after. A '(' opens it only around a country or area code: "(054) 777-4108", "(+972) 54-...",
# not "(054-7774108)", whose parentheses stay around the mask.
_TIME = r"\d\d?:\d\d(?::\d\d)?(?:[.,]\d{1,9})?"
_DATE = (r"(?:\d{2,4}-\d\d?-\d\d?(?:[ T]\d\d?(?:[:.]\d\d)*(?:[.,]\d{1,9})?)?"
         rf"|\d\d?[./-]\d\d?[./-]\d{{2,4}}|{_TIME})(?!\d)")
_CANDIDATE = re.compile(rf"(?P<date>{_DATE})|(?<![\d#/=_+])(?<!\d[A-Za-z])(?<!\d[.:])"
                        r"(?<!(?<![A-Za-z])[A-Za-z])"
                        rf"(?:\(?\+{_SEP}?\d+\)?|\(\d{{1,5}}\)|\d+)(?:(?:{_SEP}|[()]){{1,3}}\d+)*"
                        r"(?![0-9A-Za-z_])")
# Dots between digits make a decimal or a version unless the groups are a phone's: 054.777.4104.
_DOTTED = re.compile(r"\+?\(?\d{2,4}\)?(?:\.\d{2,4}){2,4}")
# Mobile numbers written without a country code, by their prefix and length: Israel (05x, and
# 07x VoIP), Greece (69x), United Kingdom (07x). Landlines are checked against the plan.
_MOBILE = re.compile(r"0[57]\d{8}|69\d{8}|07[1-57-9]\d{8}")
_LANDLINE_REGIONS = (("IL", "0", (9, 10)), ("GR", "2", (10,)), ("GB", "0", (11,)))
# Country codes people write without their '+' (972-54-7774111), and the trunk prefix that their
# national numbers are written with.
_OWN_CODES = {"972": "0", "30": ""}
# Cyprus's numbers have 8 digits and no trunk prefix (mobiles 94-97 and 99, landlines 2x): in a
# Greek post, after a word for a phone ("πάρτε με τηλέφωνο 99123456"); an order number, a coupon
# code or an amount of 8 digits is no phone (review 8, P2-2).
_CYPRIOT_MOBILE = re.compile(r"9[4-79]\d{6}")
# Up to three words may stand between: a person ("πάρε τηλέφωνο τον Νίκο στο", a pseudonym by
# then, one word) and a preposition (review 13 R13-9: the number was kept).
_PHONE_WORD = re.compile(r"(?:τηλ\w*|κιν(?:ητ\w*)?\b|σταθερ\w*|phone|mobile|call|tel|viber|whats\s?app|signal"
                         r"|telegram|π[αά]ρ(?:ε|τε)\b|πα[ιί]ρν(?:ε|ετε|εις)|καλ[εέ]σ(?:ε|τε)"
                         r"|στε[ιί]λ(?:ε|τε)\s+μου\s+στο|γρ[αά]ψ(?:ε|τε)\s+μου\s+στο|επικοινων\w*)\W{0,3}"
                         rf"(?:(?:{PSEUDONYM}|\w+)\W{{1,3}}){{0,3}}$", re.IGNORECASE)
# In a post without Greek letters, a Cypriot mobile only right after a messenger's name or a
# request to call ("viber 99123456", "call me at 99123456", "whatsapp: 96123456"): "call
# 99123456 for the keys" or an order number a few words after "whatsapp" stays (review 9 R9-20).
_CALL_ME = re.compile(r"(?:viber|whats\s?app|signal|telegram|(?:call|text|message|ring|whatsapp)"
                      rf"\s+(?:me|us|(?:{PSEUDONYM}|[^\W\d_]+)(?:\s+[^\W\d_]+)?\s+(?=at|on))"
                      r"|phone|mobile|cell|tel)\W{0,3}(?:(?:at|on)\W{1,3})?$", re.IGNORECASE)
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
# North America, only written in groups: (646) 555-0199, 1-646-555-0199, 646.555.0199.
_NANP = re.compile(rf"(?:1{_SEP})?\(?[2-9]\d\d\)?{_SEP}{{1,3}}[2-9]\d\d{_SEP}\d{{4}}")

# The name before the @ ends in a letter, digit, "_" or "+": "ו-@noa.levi" (Hebrew "and" and a
# hyphen before an @mention) is no address.
_EMAIL = re.compile(r"\b(?:[\w.+-]*[\w+])@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b")
# A link: with a scheme, from www., or a host and path (zoom.us/j/...); its last punctuation is
# the sentence's (see _trim).
_LINK = re.compile(r"(?:https?://|www\.|tel:\+?\d|mailto:|viber://)[^\s<>\"'«»]+"
                   r"|(?<![\w@.])(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>\"'«»]*", re.IGNORECASE)
# Meeting hosts, and the paths of theirs that join a meeting; on the last four, every path is a room.
_MEETING_HOSTS = re.compile(r"(?:^|\.)(?:zoom\.us|zoomgov\.com|webex\.com|teams\.microsoft\.com"
                            r"|teams\.live\.com|gotomeeting\.com|(?P<rooms>meet\.google\.com"
                            r"|whereby\.com|meet\.jit\.si|bluejeans\.com))$")
_MEETING_PATHS = re.compile(r"^/(?:j|w|s|my|wc|meeting|webinar|l/meetup-join|meet|join)\b|j\.php",
                            re.IGNORECASE)
# A decimal that Slack turned into a dial link ("<tel:28919.8689279|28919.8689279>" in a pasted
# program output): one dot, no '+' and no groups, which a phone number written so never is.
_DECIMAL_LINK = re.compile(r"tel:\d+\.\d+(?:\|\d+\.\d+)?$", re.IGNORECASE)
# A link that dials or messages a phone: tel:, WhatsApp's, Telegram's t.me/+ with digits alone
# (its invite links have letters), Signal's, Viber's (the messenger of Greece and Cyprus).
_PHONE_LINK = re.compile(r"^(?:tel:|(?:https?://)?(?:wa\.me|api\.whatsapp\.com/send\?phone=)/?\+?\d"
                         r"|(?:https?://)?t\.me/\+\d+(?:$|[/?#])|(?:https?://)?signal\.me/#p/\+?\d"
                         r"|viber://(?:chat|add)\?number=(?:%2B|\+)?\d)", re.IGNORECASE)

# "Meeting ID: 855 1234 5678", "Passcode: 123456" and their Hebrew and Greek labels; Zoom's one-tap
# dial string "+16465588656,,85512345678#,,,,*123456#". Members write them without the colon too
# ("Zoom ID 812 3456 7890 passcode 7731", "סיסמה 7731"), a Hebrew label with its prefixes
# ("והסיסמה"), and words before the colon ("הסיסמה לוויפי של הגן: ...", "password for the wifi:"):
# without a colon, only a value with a digit is masked ("password reset" is no password), and a
# shell's "$PWD" is no label.
_MEETING_ID = re.compile(
    r"(?P<label>(?:Meeting|Conference|Webinar|Zoom(?: meeting)?) ID"
    r"|מזהה (?:ה)?(?:פגישה|ישיבה|וובינר|כנס)|Αναγνωριστικό (?:σύσκεψης|συνάντησης|διάσκεψης))(?P<sep>\s*[:：]?\s*)"
    r"(?P<value>\d[\d \u00a0-]{5,20}\d#?)", re.IGNORECASE)
_PASSWORD_LABEL = (r"(?<![$\w-])(?:Meeting )?(?:Pass ?code|Pass ?word|Pwd|PIN|Access code)"
                   r"|(?<!\w)[ושכלמ]?ה?(?:קוד (?:ה)?(?:גישה|סודי|כניסה)|סיסמ[הא](?: לפגישה)?)"
                   r"|\bΚωδικός πρόσβασης|\bΚωδικός εισόδου|\bΣυνθηματικό")
# "Κωδικός" alone is any code ("ο κωδικός PLUS15", a discount code): a password after a colon only
_PASSWORD = re.compile(
    rf"(?P<label>{_PASSWORD_LABEL}|\bΚωδικός)"
    r"(?P<sep>(?:\s+[^\s:：.!?]{1,20}){0,4}?\s*[:：]\s*)(?P<value>\S+?)(?=[,;.)]*(?:\s|$))"
    rf"|(?P<bare_label>{_PASSWORD_LABEL})(?P<bare>\s+(?:is\s+|היא\s+|είναι\s+)?)"
    r"(?P<digits>(?=[^\s,;.)]*\d)[^\s,;.)]{3,24}?)(?=[,;.)]*(?:\s|$))", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# A shared contact card, named after its contact: WhatsApp writes "Moshe Cohen.vcf (file
# attached)" on Android and "Moshe Cohen.vcf <attached: 00000012-Moshe Cohen.vcf>" on iOS, in
# the export's language ("<מצורף: …>", "<επισυνάφθηκε: …>"). The contact is a person, member
# or not, so the name is masked whoever it is.
_ATTACHED = sorted({re.escape(form.split("%s")[0]) for table in (WHATSAPP, REPORTED)
                    for strings in table.values() for form in strings.attached
                    if form.startswith("<")})
_CONTACT_CARD = re.compile(rf"(?m)(^[\u200e\u200f]?|(?:{'|'.join(_ATTACHED)})(?:\d+-)?)"
                           r"[^\n<>/\\]+?\.vcf(?=[ \t]*(?:\(|<|>|$))", re.IGNORECASE)
_DIAL = re.compile(r"(?<=,)(?:\d{9,12}#|\*\d{4,12}#)")


def mask_contacts(text: str, names: Callable[[str], str] | None = None
                  ) -> tuple[str, dict[str, int]]:
    """Mask meeting links, ids and passwords, e-mail addresses, phone numbers and the names of
    shared contact cards (``[contact].vcf``); other links stay whole. ``names``, when given,
    replaces names in the text between links first. Return the text and how many of each were
    masked.

    Example:
        >>> mask_contacts("Passcode: 4kT9x, details at https://us02web.zoom.us/j/85512345678?pwd=x")
        ('Passcode: [password], details at [meeting]', {'phones': 0, 'emails': 0, 'meetings': 1, \
'passwords': 1, 'contacts': 0, 'cards': 0, 'accounts': 0, 'ids': 0})
    """
    counts = dict.fromkeys(("phones", "emails", "meetings", "passwords", "contacts",
                            *NUMBER_MASKS.values()), 0)
    greek = bool(_GREEK.search(text))
    if not ("/" in text or "www." in text or "tel:" in text or "mailto:" in text):  # most posts
        return _mask_words(text, counts, names, greek), counts
    pieces, end = [], 0
    for link in _LINK.finditer(text):
        url = _trim(link.group(0))
        pieces.append(_mask_words(text[end:link.start()], counts, names, greek))
        kind = _link_kind(url)
        if kind:
            counts[COUNTED_MASKS[kind]] += 1
        pieces.append(kind or url)
        end = link.start() + len(url)
    pieces.append(_mask_words(text[end:], counts, names, greek))
    return "".join(pieces), counts


COUNTED_MASKS = {"[phone]": "phones", "[email]": "emails", "[meeting]": "meetings",
                 "[password]": "passwords", **NUMBER_MASKS}


def _trim(url: str) -> str:
    """A link without the sentence's punctuation after it (a ')' stays when the link opened one)."""
    while url and url[-1] in ".,;:!?'\"»]}" or (url.endswith(")") and "(" not in url):
        url = url[:-1]
    return url


def _link_kind(url: str) -> str | None:
    """``[meeting]``, ``[phone]`` or ``[email]`` for a link that is one; None to keep it."""
    if _PHONE_LINK.match(url) and not _DECIMAL_LINK.match(url):
        return "[phone]"
    # Shop, tracking and reset links write the customer's address percent-encoded (%40).
    if url.lower().startswith("mailto:") or _EMAIL.search(unquote(url)):
        return "[email]"
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    query = parts.query.lower()
    meeting = _MEETING_HOSTS.search(host)
    if meeting and (_MEETING_PATHS.search(parts.path) or (meeting["rooms"] and len(parts.path) > 1)):
        return "[meeting]"
    if re.search(r"(?:^|&)(?:pwd|passcode|password)=", query):
        return "[password]"
    return None


def _mask_words(text: str, counts: dict[str, int], names: Callable[[str], str] | None,
                greek: bool = False) -> str:
    """Replace names, then mask meeting ids, passwords, e-mail addresses and phone numbers in
    text without links (``greek``: whether the post holds Greek letters)."""
    if not text:
        return text
    if ".vcf" in text or ".VCF" in text:
        text, n = _CONTACT_CARD.subn(lambda m: m[1] + "[contact].vcf", text)
        counts["contacts"] += n
    if names is not None:
        text = names(text)
    # Each pass runs only on texts that hold what it needs: most posts have no digit, '@' or ':'.
    if ":" in text or "：" in text or _DIGIT.search(text):
        text, n = _MEETING_ID.subn(lambda m: m["label"] + m["sep"] + "[meeting]", text)
        counts["meetings"] += n
        text, n = _PASSWORD.subn(lambda m: (m["label"] or m["bare_label"])
                                 + (m["sep"] or m["bare"]) + "[password]", text)
        counts["passwords"] += n
    if ",," in text:
        text = _DIAL.sub(lambda m: "*[password]#" if m.group(0)[0] == "*" else "[meeting]#", text)
    if "@" in text:
        text, n = _EMAIL.subn("[email]", text)
        counts["emails"] += n
    if not _DIGIT.search(text) or sum(map(text.count, "0123456789")) < 6:  # an id has 6 or more
        return text
    # before phones: a card's digit groups are no phone
    text = mask_numbers(text, counts, lambda number: _is_phone(number, greek))
    return _CANDIDATE.sub(
        lambda m: m.group(0) if m["date"] else _mask_phones(
            m.group(0), counts, greek, _after_phone_word(text[max(0, m.start() - 40):m.start()],
                                                         greek)),
        text)


def _after_phone_word(before: str, greek: bool) -> bool:
    """Whether ``before`` (the text before a number) ends in a word for a phone, so that eight
    digits are a Cypriot number: any of ``_PHONE_WORD`` in a Greek post, one of ``_CALL_ME``
    (a messenger, "call me") right before it in another."""
    return bool((_PHONE_WORD if greek else _CALL_ME).search(before))


def _mask_phones(run: str, counts: dict[str, int], greek: bool = False, cypriot: bool = False) -> str:
    """``run`` (digit groups) with each phone number in it masked: the whole run when it is one,
    else the longest numbers found among its consecutive groups, left to right."""
    if sum(c.isdigit() for c in run) < 7:
        return run
    groups = [m.span() for m in re.finditer(r"\d+", run)]
    out, done, i = [], 0, 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            start = 0 if i == 0 else groups[i][0] - (run[groups[i][0] - 1] == "(")
            if _is_phone(run[start:groups[j - 1][1]], greek, cypriot):
                out += [run[done:start], "[phone]"]
                counts["phones"] += 1
                done, i = groups[j - 1][1], j
                break
        else:
            i += 1
    return "".join(out) + run[done:]


def _is_phone(written: str, greek: bool = False, cypriot: bool = False) -> bool:
    """Whether ``written`` (digit groups, maybe after a '+') is a phone number; a bare Greek
    landline counts only in a ``greek`` post, a bare Cypriot number only after a word for a
    phone in one (``cypriot``)."""
    digits = "".join(c for c in written if c.isdigit())
    if not 7 <= len(digits) <= 15 or ("." in written and not _DOTTED.fullmatch(written)):
        return False
    if not greek and written.isdigit() and _bare_greek(digits):
        return False
    if written.lstrip("(").startswith("+"):
        return _international(digits)
    if digits.startswith("00"):
        return _international(digits[2:])
    if any(digits.startswith(code) for code in _OWN_CODES) and len(digits) >= 11:
        return _international(digits)
    if digits.startswith("357") and len(digits) == 11:  # Cyprus's code without its '+'
        return bool(_CYPRIOT_MOBILE.fullmatch(digits[3:])) or (
            (greek or not written.isdigit()) and _valid(digits[3:], "CY"))
    if cypriot and len(digits) == 8 and (_CYPRIOT_MOBILE.fullmatch(digits)
                                         or (greek and _valid(digits, "CY"))):
        return True
    return _local(digits) or bool(_NANP.fullmatch(written) and _valid(digits, "US"))


def _bare_greek(digits: str) -> bool:
    """Whether bare ``digits`` can only be a Greek landline (which has no trunk prefix to mark
    it; a mobile has its 69), alone or after the country code 30 without its '+'."""
    national = digits[2:] if digits.startswith("30") and len(digits) == 12 else digits
    return len(national) == 10 and national[0] == "2"


def _international(digits: str) -> bool:
    """A number after its '+': Israeli and Greek ones by their national plans, others by the
    lengths their country code allows."""
    if len(digits) < 8:
        return False
    for code, trunk in _OWN_CODES.items():
        if digits.startswith(code):
            national = digits[len(code):]
            return _local(national if national.startswith(trunk) else trunk + national)
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse("+" + digits))
    except phonenumbers.NumberParseException:
        return False


def _local(digits: str) -> bool:
    """A number without country code: a mobile by its prefix, a landline valid in its plan."""
    return bool(_MOBILE.fullmatch(digits)) or any(
        digits.startswith(first) and len(digits) in lengths and _valid(digits, region)
        for region, first, lengths in _LANDLINE_REGIONS)


def _valid(digits: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, region))
    except phonenumbers.NumberParseException:
        return False
