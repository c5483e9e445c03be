"""Where a post's text names a person: WhatsApp system lines, marked names, meeting invitations,
and the known names of members anywhere in the text.

- **WhatsApp system lines** ("Dana added Bob and Carol", "Dana left", "‏דנה הוסיף/ה את בוב",
  "Ο χρήστης Δανάη πρόσθεσε Νίκο") name the actor and the members added or removed, who may never
  post. ``SYSTEM_LINES`` holds their English, Hebrew and Greek forms (and the few German ones
  the fixtures show), written for this module
  after WhatsApp's localized templates (Android ``strings.xml`` / ``plurals.xml`` in ``values``,
  ``values-iw``/``values-he`` and ``values-el``, and the iOS ``EN``/``HE``/``EL`` ``.strings``;
  ``tests/test_privacy.py`` fills every such template of ``../shared/reference/whatsapp-strings``
  with names and checks that they are found). Each name slot is one regex group.
- **Marked names**: a name between U+2068 and U+2069 (first-strong isolate and its end). WhatsApp
  writes @mentions so (``@⁨Dana⁩``); the Telegram reader marks the same way the names it knows
  from the export (mention entities without @, the actor and members of a service message, a
  personal chat's name).
- **Meeting invitations** pasted into a chat name who sent them ("Dana Levi is inviting you to a
  scheduled Zoom meeting", "Topic: Dana Levi's Zoom Meeting").
- **Known names** (``NameIndex``): the members' full names and handles wherever the text writes
  them, after a Hebrew prefix letter too (לדנה לוי), a Latin one in any capitals or accents (DANA
  LEVI, dana levi, jose garcia), a Greek one in any case, capitals or accents (τον Νίκο
  Παπαδόπουλο, ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ), and @mentions of any member.

Example:
    >>> system_line("Dana Levi added Bob and Carol")
    ([(0, 9), (16, 19), (24, 29)], True)
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

from mining.ingest.strings import SYSTEM_START
from mining.ingest.system_lines import match_system_line
from mining.lang import el
from mining.lang.names import greek_name_forms
from mining.normalize import fold_text

MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_EDGE = f"[{MARKS}\\s~]"  # around a name: direction marks, spaces, iOS's "~" of a non-contact
_YOU = {"you", "את/ה", "אתה", "את", "εσείς", "εσύ", "du"}  # the exporting user, never a name here

# Name slots: {N} one name, {L} a list of names ("Bob, Carol and Dave"); {R} the rest of the line.
# A list stops before what is a group or a community, not a person.
_NOT_A_PERSON = (r"(?!you\b|this group|the group|a group|the groups|\d+ groups?|this community"
                 r"|את הקבוצה|קבוצה|αυτήν την ομάδα|την ομάδα|τις ομάδες|μια ομάδα|\d+ ομάδ)")
_QUOTE = "[\"“”'«»]"
SYSTEM_LINES: tuple[tuple[str, bool], ...] = (
    # (template, whether the line shows the chat is a group)
    # English
    (r"{N} created group {R}", True),
    (r"{N} (?:added|removed) you{R}", True),
    (r"{N} (?:added|removed) {L}", True),
    (r"{N} (?:left|was added|was removed|joined|joined using {R}|joined from the community"
     r"|requested to join{R})", True),
    (r"{N} changed (?:the subject|this group['’]s|the group|the settings){R}", True),
    (r"{N} (?:deleted this group['’]s icon|(?:reset|revoked) this group['’]s invite link{R})", True),
    (r"{L} (?:is|are) (?:now|no longer) (?:an )?admins?", True),
    (r"{N} changed their phone number{R}", False),
    (r"{N}(?:['’]s number was)? changed (?:from {N} )?to {N}\.?", False),
    (r"{N} (?:turned (?:on|off) {R}|started a (?:video )?call|pinned a message)", False),
    (r"Your security code with {N} changed{R}|{N}['’]s security code changed{R}", False),
    (r"Missed (?:group )?(?:voice |video )?call from {N}", False),
    # Hebrew (the Android "/ה" forms and the iOS passive "... על ידי NAME")
    (r"{N} (?:יצר/ה|יצר|יצרה) את הקבוצה {R}", True),
    (r"{N} (?:הוסיף/ה|צירף/ה|הסיר/ה) אותך{R}", True),
    (r"{N} (?:הוסיף/ה|הוסיף|הוסיפה|צירף/ה|הסיר/ה|הסיר|הסירה) את {L}", True),
    (r"(?:הוספת|צירפת|הסרת) את {L}\.?", True),
    (r"{N} (?:עזב/ה|עזב|עזבה|יצא/ה)\.?", True),
    (r"{N} (?:נוסף/ה לקבוצה|נוסף/ה|הוסר/ה(?: מהקבוצה)?|הצטרף/ה|הצטרף/הצטרפה){R}", True),
    (r"ההצטרפות של {N} בוצעה{R}", True),
    (r"{N} (?:החליף/ה|שינה/תה) את (?:הנושא|נושא הקבוצה|תיאור הקבוצה|תמונת){R}", True),
    (r"{N} (?:מחק/ה|איפס/ה|ביטל|ביטלה) את {R}", True),
    (r"{L} (?:כבר לא|עכשיו|כעת) מנהל/ת", True),
    (r"{N} (?:החליף/ה|שינה/תה) את מספר הטלפון{R}", False),
    (r"{N} השתנה (?:מ-{N} )?ל-{N}|המספר של {N} השתנה{R}", False),
    (r"{N} (?:התחיל/ה|כיבה/תה|הפעיל/ה){R}", False),
    (r"{R}(?:על ידי|על-ידי|ע״י|ע\"י) {N}(?:(?:\.|,| כך | לכן | לקהילה){R})?", True),
    (r"קוד האבטחה (?:שלך )?(?:עם|של) {N} (?:שונה|השתנה){R}", False),
    (r"שיח(?:ה|ת) (?:קולית |וידאו |קבוצתית )*שלא נענתה (?:מ-|מאת |מ){N}", False),
    # Greek (iOS often starts with "Ο χρήστης", the user)
    (r"(?:Ο χρήστης |Η χρήστρια )?{N} δημιούργησε την ομάδα {R}", True),
    (r"(?:Ο χρήστης )?{N} σας (?:πρόσθεσε|κατάργησε|αφαίρεσε){R}|{N} σαςκατάργησε", True),
    (r"(?:Ο χρήστης )?{N} (?:πρόσθεσε|κατάργησε|αφαίρεσε) {L}", True),
    (r"(?:Προσθέσατε|Καταργήσατε|Αφαιρέσατε) {L}", True),
    (r"(?:Ο χρήστης )?{N} (?:αποχώρησε|αποσυνδέθηκε|προστέθηκε|καταργήθηκε|έγινε μέλος"
     r"|συμμετέχει|έκανε αίτημα){R}", True),
    (r"(?:Ο χρήστης )?{N} άλλαξε (?:το θέμα|την περιγραφή|την ονομασία|το εικονίδιο"
     r"|αυτής της ομάδας|τις ρυθμίσεις){R}", True),
    (r"(?:Ο χρήστης )?{N} (?:διέγραψε|επανέφερε|ανακάλεσε) {R}", True),
    (r"{L} (?:είναι τώρα|δεν είναι πλέον) διαχειριστ(?:ής|ές)", True),
    (r"(?:Ο χρήστης )?{N} (?:ενεργοποίησε|απενεργοποίησε|ξεκίνησε){R}", False),
    (r"{N} (?:άλλαξε|άλλαξαν) (?:το|τον) (?:αριθμό|τηλεφωνικό){R}", False),
    (r"(?:Ο αριθμός του )?{N} άλλαξε (?:από {N} )?σε {N}\.?", False),
    (r"Ο κωδικός ασφαλείας (?:σας με|του) (?:τον χρήστη |την επαφή )?{N} (?:άλλαξε|έχει αλλάξει){R}",
     False),
    (r"Αναπάντητη (?:ομαδική )?(?:βιντεο)?κλήση από (?:τον χρήστη )?{N}", False),
    # German, as the German exports among ../shared/fixtures/whatsapp write them
    (r"{N} hat (?:dich|die Gruppe|den Betreff|das Gruppenbild|die Gruppenbeschreibung) {R}", True),
    (r"(?:Du hast|{N} hat) {L} (?:hinzugefügt|entfernt)\.?", True),
    (r"{N} (?:ist (?:über den Einladungslink dieser Gruppe )?beigetreten|wurde (?:hinzugefügt"
     r"|entfernt))\.?", True),
    (r"Deine Sicherheitsnummer für {N} hat sich geändert{R}", False),
)


def _compile(template: str) -> re.Pattern[str]:
    slots = iter(range(100))
    pattern = re.sub(r"\{([NLR])\}", lambda m: {
        "N": lambda: f"(?P<n{next(slots)}>[^\n]+?)",
        "L": lambda: f"{_NOT_A_PERSON}(?P<l{next(slots)}>[^\n]+?)",
        "R": lambda: "[^\n]*"}[m.group(1)](), template)
    return re.compile(f"{_EDGE}*(?:{pattern}){_EDGE}*")


_SYSTEM = [(_compile(t), group) for t, group in SYSTEM_LINES]
# "Bob, Carol and Dave", "בוב, קרול ו-דייב", "Μπομπ, Κάρολ και Ντέιβ"
_LIST_SEP = re.compile(r", (?:and |και )?| and | και | ו-| ואת ")
_MARKED = re.compile("\u2068([^\u2068\u2069\n]{1,100})\u2069")
_INVITE = re.compile(
    r"^[ \t]*(?:Ο χρήστης |Η χρήστρια |Ο |Η )?(?P<n>[^\n:]{1,60}?) (?:is inviting you|has invited you"
    r"|invited you|invites you|מזמין/ה אותך|מזמין אותך|מזמינה אותך|σας προσκαλεί) "
    r"|^[ \t]*(?:Topic|נושא|Θέμα): (?P<t>[^\n]{1,60}?)['’]s (?:Zoom Meeting|Personal Meeting Room)"
    r"|^[ \t]*(?:Topic|נושא|Θέμα): (?:פגישת ה?-?Zoom של|חדר הפגישות האישי של|Σύσκεψη Zoom του "
    r"(?:χρήστη )?|Προσωπική αίθουσα συσκέψεων του (?:χρήστη )?)(?P<z>[^\n]{1,60})$",
    re.MULTILINE)

_MAYBE_INVITE = re.compile("invit|מזמינ|מזמין|προσκαλ|Topic|נושא|Θέμα")


def system_line(text: str) -> tuple[list[tuple[int, int]], bool]:
    """The spans of the names a WhatsApp system line holds, and whether it shows a group.

    Example:
        >>> system_line("‏דנה לוי הסיר/ה את בוב")
        ([(1, 8), (19, 22)], True)
    """
    for pattern, group in _SYSTEM:
        found = pattern.fullmatch(text)
        if found:
            spans = []
            for slot, value in found.groupdict().items():
                if value is not None:
                    start = found.start(slot)
                    spans += (_list_spans(value, start) if slot[0] == "l"
                              else _trimmed(value, start))
            return spans, group
    # WhatsApp's other templates that open with a person (generated from its string tables);
    # none of them is taken to show a group, so a chat stays a person's unless a line above
    # says otherwise.
    # A known text of its own (encryption notice, "Missed voice call") opens with no person,
    # though it may fit a template that does ("%@ call").
    found = match_system_line(text)
    opens = text.lstrip(MARKS)
    if found and found.start("n0") == len(text) - len(opens) and SYSTEM_START.match(opens):
        found = None
    if found:
        return [s for slot, value in found.groupdict().items() if value is not None
                for s in (_list_spans(value, found.start(slot)) if slot[0] == "l"
                          else _trimmed(value, found.start(slot)))], False
    return [], False


def _list_spans(value: str, start: int) -> list[tuple[int, int]]:
    spans, at = [], 0
    for sep in _LIST_SEP.finditer(value):
        spans += _trimmed(value[at:sep.start()], start + at)
        at = sep.end()
    return spans + _trimmed(value[at:], start + at)


def _trimmed(name: str, start: int) -> list[tuple[int, int]]:
    """The span of ``name`` (at ``start``) without marks, spaces and "~" around it; none for
    "you" or an empty name."""
    core = name.strip(MARKS + " \t~")
    if not core or core.casefold() in _YOU or core.isdigit():  # "%1$@ added %2$@ groups": 2
        return []
    begin = start + name.index(core)
    return [(begin, begin + len(core))]


def marked_names(text: str) -> list[tuple[int, int]]:
    """The spans of the names marked between U+2068 and U+2069.

    Example:
        >>> marked_names("תודה @\\u2068Dana Levi\\u2069!")
        [(7, 16)]
    """
    if "\u2068" not in text:
        return []
    return [s for m in _MARKED.finditer(text) for s in _trimmed(m.group(1), m.start(1))]


def invitation_names(text: str) -> list[tuple[int, int]]:
    """The spans of the host's name in a pasted meeting invitation.

    Example:
        >>> invitation_names("Dana Levi is inviting you to a scheduled Zoom meeting.")
        [(0, 9)]
    """
    if not _MAYBE_INVITE.search(text):
        return []
    return [s for m in _INVITE.finditer(text) for slot in ("n", "t", "z") if m[slot]
            for s in _trimmed(m[slot], m.start(slot))]


def clean_name(name: str) -> str:
    """A name as the pseudonyms know it: without marks, spaces and iOS's "~" around it."""
    return name.strip(MARKS + " \t~")


_PHONE = re.compile(r"\+?[\d\s\-.()\u00a0]+")
PHONE_DIGITS = 9  # the significant digits a number keeps in every form it is written in


def account_key(name: str) -> str:
    """What two spellings of one account share, for matching ``brand.accounts`` with authors:
    the name without case and marks, and a phone number (WhatsApp names an unsaved contact by
    it) by its last ``PHONE_DIGITS`` digits, so that "+972 54-318-2207", "972543182207" and
    "054-318-2207" are one account (review 12 R12-21).

    Example:
        >>> account_key("+972 54-318-2207") == account_key("054-318-2207") == "tel:543182207"
        True
        >>> account_key(" Acme Support ")
        'acme support'
    """
    name = clean_name(name)
    digits = re.sub(r"\D", "", name)
    if len(digits) >= PHONE_DIGITS and _PHONE.fullmatch(name):
        return "tel:" + digits[-PHONE_DIGITS:]
    return name.casefold()


class NameIndex:
    """Finds the members' names in free text and in @mentions, and replaces them.

    A full name (two words or more) is found wherever it is written, after a Hebrew prefix letter
    too (לדנה לוי → ל + pseudonym), and so is a one-word name that is a handle (``nikos_g``,
    ``dana84``). A first name alone is not: Hebrew and Greek first names are often ordinary
    words (שיר, טל, Ελπίδα), and on the demo corpus, replacing the first names that 29 replies
    open with moved the planted themes to other topics. A full name's words joined by "_" are
    found as a handle too (``noa_levi``, ``מיכל_כהן``). Latin and Greek letters are found whatever
    their accents, and in capitals or as the name is written (``DANA LEVI``, ``Jose Garcia`` for
    José García, ``NOA_LEVI``, ``ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ``), but a name spelt otherwise only where
    each of its words opens with a capital (``_as_a_name``): in lower case, members' names
    made of words were ordinary phrases ("the bill price went up" for Bill Price, "so long,
    grace period" for Grace Long). A Greek full name is also found in each case its words
    take (``greek_name_forms``), since a post mostly writes it in the accusative or genitive
    (τον Νίκο Παπαδόπουλο, του Νίκου Παπαδόπουλου). An @mention is matched on its first word
    too (``@Dana thanks``), case-insensitively, whatever the name, and with the words of a full
    name joined by "." or "_" (``@noa.levi``, ``@מיכל_כהן``).

    Example:
        >>> index = NameIndex({"Dana Levi": "member-1", "Nikos": "member-2",
        ...                    "Νίκος Παπαδόπουλος": "member-3"})
        >>> index.replace("Thanks Dana Levi and @nikos, Nikos! cc DANA LEVI")
        'Thanks member-1 and @member-2, Nikos! cc member-1'
        >>> index.replace("Ρωτήστε τον Νίκο Παπαδόπουλο ή τον Νίκο")
        'Ρωτήστε τον member-3 ή τον Νίκο'
    """

    def __init__(self, pseudonyms: dict[str, str]) -> None:
        self.replaced = 0  # names replaced so far, for the privacy summary
        # A full name is also written as a handle, its words joined by "_" (``noa_levi``,
        # ``מיכל_כהן``), in any capitals (the fold); these are found like handles.
        joined = {variant: p for n, p in pseudonyms.items() if len(n.split()) > 1
                  for variant in _joined(n)}
        # An author known by an @handle (YouTube's, a scraper's column) is written with or
        # without its "@" ("@dana-levi", "dana-levi").
        handles = {n[1:]: p for n, p in pseudonyms.items() if n.startswith("@") and len(n) > 1}
        pseudonyms = {**handles, **pseudonyms}
        self.pseudonyms = {**joined, **pseudonyms}
        # An @mention names a member by first name too ("@Dana" for Dana Levi): the "@" says it
        # is a person, so the first name is safe to replace there (a first name two members share
        # goes to one of them: a pseudonym, not the name).
        # Both folded, in every case a Greek name takes ("@Νίκο πες μας" for Νίκος, "@Jose" for
        # José).
        firsts = {form: p for n, p in sorted(pseudonyms.items(), reverse=True)
                  if len(n.split()) > 1 for form in _mention_forms(n.split()[0])}
        self.by_handle = {**firsts, **{form: p for n, p in pseudonyms.items()
                                       for form in _mention_forms(n)}}
        in_text = sorted(n for n in self.pseudonyms if n in joined or _findable(n))
        # Each name as the folded text (``_FOLD``) writes it; a name's own spelling wins
        # over another name's case form that reads the same.
        self.spellings = {s: self.pseudonyms[n] for n in in_text for s in _spellings(n)}
        self.spellings.update({n.translate(_FOLD): self.pseudonyms[n] for n in in_text})
        self.written = {v for n in in_text for v in _variants(n)}
        self.surname_first = {form for n in in_text if _reversed(n)
                              for form in _forms(_reversed(n)) - _forms(n)}
        # A cheap test before the regex: the words that start a name, also after Hebrew prefixes.
        firsts = {(_WORD.findall(s) or [s])[0] for s in self.spellings}
        self.first_words = firsts | {p + w for w in firsts if _HEBREW.match(w)
                                     for p in _PREFIX_RUNS}
        self.surnames = _Surnames(self.pseudonyms)
        self.by_handle = {**self.surnames.mentions, **self.by_handle}  # "@Γεωργίου", last
        # What comes before a name is checked on a match (_standalone); the lookbehind only
        # skips early the places inside a word that it would reject (the folded text is mostly
        # lower case, so without it the trie is tried at nearly every letter of a long post).
        self.pattern = (re.compile(f"(?:(?<!\\w)|(?<=[{_PREFIXES}]))"
                                   f"(?:{_trie(self.spellings)})(?!\\w)") if self.spellings
                        else None)

    def replace(self, text: str) -> str:
        if "@" in text:
            text = _MENTION.sub(self._mention, text)
        if self.pattern is None and self.surnames.pattern is None:
            return text
        folded = _fold(text)  # as long as the text: its spans are the text's
        words = set(_WORD.findall(folded))
        if self.pattern is not None and not self.first_words.isdisjoint(words):
            named = self._full_names(text, folded)
            if named != text:
                text, folded = named, _fold(named)
                words = set(_WORD.findall(folded))
        if not self.surnames.owners.keys().isdisjoint(words):
            text, found = self.surnames.replace(text, folded)
            self.replaced += found
        return text

    def _full_names(self, text: str, folded: str) -> str:
        pieces, at = [], 0
        for found in self.pattern.finditer(folded):
            if _standalone(folded, found.start()) and self._as_a_name(
                    text[found.start():found.end()], found.group(0)):
                pieces += [text[at:found.start()], self.spellings[found.group(0)]]
                at = found.end()
                self.replaced += 1
        return "".join(pieces) + text[at:]

    def _as_a_name(self, written: str, folded: str) -> bool:
        """Whether ``written`` (found as ``folded``) is written as a name: as a member's name is,
        as a handle (an "_" or a digit), in capitals, or with each word opening with a capital;
        Hebrew has no capitals to tell, and a Greek name in its own word order is taken in lower
        case too (Greek chats write without capitals and accents; its surnames are seldom
        words)."""
        if written in self.written or _HANDLE_MARK.search(written):
            return True
        if all(w[0].isupper() for w in _CASED_WORD.findall(written)):
            return True
        return bool(_GREEK.search(written)) and folded not in self.surname_first

    def _mention(self, match: re.Match) -> str:
        handle = match.group(1)
        first = handle.split(" ")[0]
        for candidate in (handle, first, first.rstrip(_PUNCTUATION)):
            # "@noa.levi", "@מיכל_כהן": a full name's words joined by "." or "_"
            for key in (candidate, _JOINER.sub(" ", candidate)):
                pseudonym = self.by_handle.get(_fold(key))
                if pseudonym and candidate:
                    self.replaced += 1
                    return match.group(0).replace(candidate, pseudonym, 1)
        return match.group(0)


class _Surnames:
    """Members' surnames where a title, an initial or an @ says they name a person:
    "Ν. Παπαδόπουλος", "Παπαδόπουλος Ν.", "τον κ. Παπαδόπουλο", "Mr. Levi", "לגב' לוי",
    "ד. לוי", "@Γεωργίου". A surname alone is kept (Price, Long, Ελπίδα are words too); the
    surname is the last word of a full name of two words or more, in each case a Greek one
    takes; an initial must be the member's first name's ("Γ. Παπαδόπουλος" is someone else).
    A title stays before the pseudonym ("τον κ. member-3"); an initial goes with the name.

    Example:
        >>> _Surnames({"Νίκος Παπαδόπουλος": "member-3"}).replace("Ν. Παπαδόπουλος, κ. Παπαδόπουλε")
        ('member-3, κ. member-3', 2)
    """

    def __init__(self, pseudonyms: dict[str, str]) -> None:
        self.owners: dict[str, dict[str, str]] = {}  # folded surname form -> initial -> pseudonym
        for name, pseudonym in sorted(pseudonyms.items(), reverse=True):
            words = name.split()
            if len(words) < 2 or name.startswith("@") or len(words[-1]) < 2:
                continue
            initial = words[0][0].translate(_FOLD)
            for form in _mention_forms(words[-1]):
                self.owners.setdefault(form, {})[initial] = pseudonym
        self.mentions = {form: next(iter(by.values())) for form, by in self.owners.items()}
        self.pattern = re.compile(
            rf"(?<![\w@])(?:(?P<title>{_TITLES})(?:\.\s*|\s+)|(?P<initial>[^\W\d_])[.'׳]\s*)"
            rf"(?P<surname>{_trie(self.owners)})(?!\w)"
            rf"|(?<![\w@])(?P<before>{_trie(self.owners)})\s+(?P<after>[^\W\d_])[.'׳](?!\w)"
        ) if self.owners else None

    def replace(self, text: str, folded: str | None = None) -> tuple[str, int]:
        """``text`` (``folded``: as ``_fold`` folds it) with the surnames so written replaced,
        and how many were."""
        if self.pattern is None:
            return text, 0
        folded = _fold(text) if folded is None else folded
        pieces, at, found = [], 0, 0
        for match in self.pattern.finditer(folded):
            span, pseudonym = self._named(match, text)
            if pseudonym:
                pieces += [text[at:span[0]], pseudonym]
                at, found = span[1], found + 1
        return "".join(pieces) + text[at:], found

    def _named(self, match: re.Match, text: str) -> tuple[tuple[int, int], str | None]:
        """The span to replace and the member's pseudonym, or None where the match names none."""
        if match["title"]:
            by = self.owners[match["surname"]]
            return match.span("surname"), next(iter(by.values()))
        slot, surname = ("initial", "surname") if match["initial"] else ("after", "before")
        written = text[match.start(slot)]
        if written.lower() != written.upper() and not written.isupper():
            return match.span(), None  # "a. price": a letter in lower case is no initial
        return match.span(), self.owners[match[surname]].get(match[slot])


# Titles before a surname (folded: lower case, no accents, final sigma as σ), a Hebrew one also
# after a prefix letter or two ("למר לוי", "והגב' לוי").
_TITLES = ("mr|mrs|ms|miss|mister|dr|prof|κ|κα|κοσ|κυρ|κυριοσ|κυριε|κυριο|κυριου|κυρια|κυριασ"
           "|δρ|καθ|(?:[ובלשהכמ]{0,2})(?:מר|גב['׳]|גברת|ד[\"״]ר|עו[\"״]ד|פרופ['׳])")


_PREFIXES = "ובכלמשה"  # Hebrew letters glued before a word: and, in, as, to, from, that, the
# one to three of them (וכשדנה: "and when Dana")
_PREFIX_RUNS = ["".join(run) for n in (1, 2, 3) for run in product(_PREFIXES, repeat=n)]
_PUNCTUATION = ".,;:!?()[]{}\"'«»“”…"
# also after "ל-", "ו־", and after the direction mark a system line opens with
_WORD = re.compile(rf"[^\s.,;:!?()\[\]{{}}\"'«»“”…\-־{MARKS}]+")
_HEBREW = re.compile("[\u05d0-\u05ea]")


# The text is searched folded one letter for one, so that a match in the folded text is a span of
# the text: each Greek letter as ``el.fold`` folds it (capitals, accents, final sigma), each Latin
# letter lower-cased without its accents (DANA, José → dana, jose; İ → i, where lower() alone
# gives two characters). A letter whose fold would not be one letter is left as written (ß stays
# ß: only casefold() makes it ss); Hebrew has no case and keeps its niqqud; other scripts
# (Cyrillic) are matched as written.
_LATIN = (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))
_FOLD = {c: f for c in _LATIN if chr(c).isalpha()
         for f in [fold_text(chr(c))] if len(f) == 1 and f != chr(c)}
_FOLD.update({c: f for c in (*range(0x370, 0x400), *range(0x1F00, 0x2000))
              for f in [el.fold(chr(c))] if len(f) == 1 and f != chr(c)})
# A hyphen or a Hebrew maqaf between a name's words is a space: Israeli surnames with בן, בר or
# אבו are written all three ways (בן דוד, בן-דוד, בן־דוד: review 14, R14-13).
_FOLD.update({ord("-"): " ", 0x05BE: " "})
_FOLDABLE = re.compile("[A-Z\u00c0-\u024f\u0370-\u03ff\u1e00-\u1fff\u05be-]")
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_CASED_WORD = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u1f00-\u1fff]+")  # words of letters with capitals
_HANDLE_MARK = re.compile(r"[_\d]|(?<=\w)[-.](?=\w)")


def _fold(text: str) -> str:
    """``text`` folded by ``_FOLD``, one character for one.

    The same as ``text.translate(_FOLD)``, faster: ``lower()`` for ASCII text (half the posts;
    ``_FOLD`` maps A-Z to a-z and "-" to a space there and nothing else), and nothing to do for
    a text with no letter to fold and no hyphen or maqaf (most Hebrew posts).

    Example:
        >>> _fold("DANA Levi, José, ΝΊΚΟΣ, דנה בן־דוד")
        'dana levi, jose, νικοσ, דנה בן דוד'
    """
    if text.isascii():
        return text.lower().replace("-", " ")
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


def _spellings(name: str) -> set[str]:
    """The spellings of ``name`` that the folded text is searched for: each way people write it
    (``_variants``), a Greek full name's words each in every case (Νίκος Παπαδόπουλος: νικου
    παπαδοπουλου, νικο παπαδοπουλο, ...), any other name as written, its Latin and Greek letters
    folded.

    Example:
        >>> sorted(_spellings("José Levi"))
        ['jose levi', 'levi jose']
    """
    return {form for variant in _variants(name) for form in _forms(variant)}


def _forms(written: str) -> set[str]:
    """``written`` folded, a Greek full name's words in each of their cases."""
    words = written.split(" ")
    if len(words) < 2 or not _GREEK.search(written):
        return {written.translate(_FOLD)}
    forms = [greek_name_forms(w) if _GREEK.search(w) else {w.translate(_FOLD)} for w in words]
    return {" ".join(spelling) for spelling in product(*forms)}


def _reversed(name: str) -> str | None:
    """A two-word name surname first, as lists and forms write it (לוי דנה, Παπαδόπουλος Νίκος)."""
    words = name.split(" ")
    return f"{words[1]} {words[0]}" if len(words) == 2 else None


_APOSTROPHES = "'\u05f3\u2019"  # ASCII, the Hebrew geresh (ג׳ני), the typographic one (O’Brien)


def _variants(name: str) -> set[str]:
    """``name`` as members also write it: surname first (``_reversed``; not across a comma, where
    "so long, grace period" was Grace Long), a hyphen as a space (בת אל for בת-אל), and an
    apostrophe as either of the others."""
    variants = {name, _reversed(name)} - {None}
    variants |= {v.replace("-", " ") for v in variants}
    return variants | {v.replace(a, b) for v in variants for a in _APOSTROPHES if a in v
                       for b in _APOSTROPHES}


_JOINER = re.compile(r"(?<=[^\W_])[._-](?=[^\W_])")  # a ".", "_" or "-" between letters or digits


def _joined(name: str) -> set[str]:
    """A full name's words joined by "_" or "-": the handle people write for a member without @
    (``noa_levi``, ``jose-alvarez``; in any capitals and accents, see ``_FOLD``).

    Example:
        >>> sorted(_joined("Noa Levi"))
        ['Noa-Levi', 'Noa_Levi']
    """
    words = name.split()
    if len(words) < 2:
        return set()
    return {"_".join(words), "-".join(words)}


def _mention_forms(name: str) -> set[str]:
    """``name`` folded as an @mention is looked up: a Greek one-word name in each of its cases."""
    if " " not in name and _GREEK.search(name):
        return greek_name_forms(name)
    return _forms(name)


def _standalone(text: str, start: int) -> bool:
    """Whether a name found at ``start`` stands as a word: after no letter, digit or '@', or
    after one to three Hebrew prefix letters that do."""
    before = text[max(0, start - 4):start]
    glued = len(before) - len(before.rstrip(_PREFIXES))
    rest = before[: len(before) - min(glued, 3)]
    return not rest or not (rest[-1].isalnum() or rest[-1] in "_@")


_MENTION = re.compile(r"@\u2068?([^\s\u2069,:;!?]+(?: [^\s\u2069,:;!?@]+)?)\u2069?")


def _findable(name: str) -> bool:
    """Whether a name is looked for in free text (see ``NameIndex``)."""
    if len(name.split()) > 1:
        return len(name) >= 5
    return len(name) >= 4 and bool(re.search(r"[\d_]|(?<=\w)[.-](?=\w)", name))


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (the longest at each place), built as a trie so that
    thousands of names cost one pass over the text."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items())
                if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
