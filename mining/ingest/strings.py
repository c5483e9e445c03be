"""What chat exports write in place of a message, in the language of the exporting phone: media
placeholders, attachment names, deletion notes, edit marks and system lines.

One table for the reader (``mining.ingest.whatsapp``: which bodies are system lines, deletions or
edits) and for the filter (``mining.filter``: which posts are media or deletions and never
analyzed), so that the two cannot drift apart. The strings are WhatsApp's own, from its Android
string tables (``email_media_omitted``, ``email_file_attached``, ``revoked_msg_*``,
``message_deleted``) and its iOS tables (the ``… omitted``, ``<attached: %@>`` and ``… deleted``
entries), in English, Hebrew (``iw``/``he``) and Greek (``el``): see
``../shared/reference/whatsapp-strings/``. ``REPORTED`` holds the forms seen in real exports or
other parsers' tests but not in those tables (older app versions); German is there because the
German exports of the fixtures use it.

Bodies are compared folded (``mining.normalize.fold_text``: direction marks, case and accents
off), so ``\\u200f<מדיה הושמטה>`` and ``<ΕΞΑΙΡΕΣΗ ΠΟΛΥΜΕΣΩΝ>`` match too.

Example:
    >>> is_media_placeholder("\\u200f<מדיה הושמטה>"), is_media_placeholder("IMG-1.jpg (קובץ מצורף)")
    (True, True)
    >>> is_deleted_note("\\u200eΑυτό το μήνυμα διαγράφηκε."), is_media_placeholder("the image omitted")
    (True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mining.ingest.whatsapp_layout import MARKS
from mining.normalize import fold_text


@dataclass(frozen=True)
class ExportStrings:
    """One language's strings of one export. ``%s`` stands for a file name (attachments) or a
    person (deletion by an admin).

    Attributes:
        media: whole bodies that stand for media left out of the export (Android writes one for
            every type, iOS one per type).
        document: the iOS placeholder that follows a document's name ("Report.pdf • 2 pages
            document omitted").
        attached: bodies of exports made with media, naming the attached file.
        deleted: notes left where a message was deleted (a final period is optional).
    """

    media: tuple[str, ...]
    document: str
    attached: tuple[str, ...]
    deleted: tuple[str, ...]


WHATSAPP: dict[str, ExportStrings] = {
    "en": ExportStrings(
        media=("<Media omitted>", "image omitted", "video omitted", "audio omitted",
               "sticker omitted", "GIF omitted", "Contact card omitted", "document omitted",
               "product image omitted"),
        document="document omitted",
        attached=("<attached: %s>", "%s (file attached)"),
        deleted=("This message was deleted", "You deleted this message", "Message deleted",
                 "This message was deleted for everyone", "You deleted this message for everyone",
                 "This message was deleted by an admin", "You deleted this message as admin",
                 "This message was deleted by admin %s")),
    "he": ExportStrings(
        media=("<מדיה הושמטה>", "התמונה הושמטה", "סרטון הווידאו הושמט", "קטע קול הושמט",
               "סטיקר הושמט", "GIF הושמט", "כרטיס איש קשר הושמט", "מסמך הושמט",
               "תמונת המוצר נשלחה"),
        document="מסמך הושמט",
        attached=("<מצורף: %s>", "%s (קובץ מצורף)"),
        deleted=("הודעה זו נמחקה", "מחקת הודעה זו", "הודעה נמחקה", "הודעה זו נמחקה אצל כולם",
                 "מחקת הודעה זו אצל כולם", "מחקת את ההודעה הזו", "ההודעה נמחקה על ידי מנהל/ת",
                 "מחקת את ההודעה הזו כמנהל/ת", "ההודעה נמחקה על ידי %s, מנהל/ת הקבוצה")),
    "el": ExportStrings(
        media=("<Εξαίρεση πολυμέσων>", "εικόνα παραλείφθηκε", "βίντεο παραλείφθηκε",
               "ήχος παραλείφθηκε", "αυτοκόλλητο παραλήφθηκε", "Παράληψη GIF",
               "Η κάρτα επαφής παραλήφθηκε", "έγγραφο παραλείφθηκε",
               "παραλείπεται η εικόνα προϊόντος"),
        document="έγγραφο παραλείφθηκε",
        attached=("<επισυνάφθηκε: %s>", "%s (συνημμένο αρχείο)"),
        deleted=("Αυτό το μήνυμα διαγράφηκε", "Διαγράψατε αυτό το μήνυμα", "Το μήνυμα διαγράφηκε",
                 "Το μήνυμα διαγράφηκε από όλους", "Διαγράψατε αυτό το μήνυμα από όλους",
                 "Διαγράψατε το μήνυμα", "Αυτό το μήνυμα διαγράφηκε από έναν διαχειριστή",
                 "Διαγράψατε το μήνυμα ως διαχειριστής",
                 "Αυτό το μήνυμα διαγράφηκε από τον διαχειριστή %s")),
}

# Seen in real exports or other parsers' tests, not in the string tables above.
REPORTED: dict[str, ExportStrings] = {
    "he": ExportStrings(media=("<המדיה לא נכללה>", "<המדיה הושמטה>", "<המדיה הוסרה>"),
                        document="", attached=(), deleted=()),
    "el": ExportStrings(media=("<Παραλείφθηκαν πολυμέσα>", "<Τα πολυμέσα παραλείφθηκαν>",
                               "<Πολυμέσα παραλείφθηκαν>", "<Αποχρεωτική παραλαβή μέσων>"),
                        document="", attached=(), deleted=()),
    "de": ExportStrings(media=("<Medien ausgeschlossen>", "Bild weggelassen", "Video weggelassen",
                               "Audio weggelassen", "Sticker weggelassen", "GIF weggelassen",
                               "Dokument weggelassen"),
                        document="Dokument weggelassen",
                        attached=("<angehängt: %s>", "%s (Datei angehängt)"),
                        deleted=("Diese Nachricht wurde gelöscht", "Du hast diese Nachricht gelöscht")),
    # whatsapp-chat-parser's Dutch export (its file says "deutch")
    "nl": ExportStrings(media=("<Media weggelaten>",), document="",
                        attached=("%s (bestand bijgevoegd)",),
                        deleted=("Dit bericht is verwijderd", "U hebt dit bericht verwijderd")),
}
_ALL = (*WHATSAPP.values(), *REPORTED.values())


def placeholders(lang: str) -> tuple[str, ...]:
    """Every whole-body placeholder and deletion note an export writes in ``lang``.

    Example:
        >>> "<מדיה הושמטה>" in placeholders("he")
        True
    """
    found = [s for table in (WHATSAPP, REPORTED) if lang in table
             for s in (*table[lang].media, *table[lang].deleted) if "%s" not in s]
    return tuple(found)


def _template(template: str, name: str = ".+") -> str:
    return re.escape(fold_text(template)).replace("%s", name)


_FILE = r".+\.\w{1,5}"  # a file name: WhatsApp keeps its extension


_MEDIA = frozenset(fold_text(s) for t in _ALL for s in t.media)
_DELETED = frozenset(fold_text(s) for t in _ALL for s in t.deleted if "%s" not in s)
_DELETED_BY = re.compile("|".join(_template(s) for t in _ALL for s in t.deleted if "%s" in s))
# An attachment note, or a document placeholder after the document's name; iOS writes a
# document's name and pages before its note too ("Report.pdf • 2 pages <attached: ...>").
_DOCUMENT = _FILE + "(?: • [^•]+)? "
_ATTACHED = re.compile("|".join([f"(?:{_DOCUMENT})?{_template(s, _FILE)}" for t in _ALL for s in t.attached]
                                + [_DOCUMENT + re.escape(fold_text(t.document)) for t in _ALL if t.document]))
# What readers test every message with: the strings case-folded only, then the full tests for the
# few bodies that name a file or start like an admin's deletion note.
_QUICK_MEDIA = frozenset(x.casefold() for t in _ALL for x in t.media)
_QUICK_DELETED = frozenset(x.casefold() for t in _ALL for x in t.deleted if "%s" not in x)
_QUICK_STARTS = tuple(x.split("%s")[0].casefold() for t in _ALL for x in t.deleted if "%s" in x)
_QUICK_ENDS = tuple(t.document.casefold() for t in _ALL if t.document)
_QUICK_PART = re.compile("|".join(re.escape(max(x.split("%s"), key=len).casefold())
                                  for t in _ALL for x in t.attached))


# Bodies longer than this, not ending as a file's note does, are no placeholder (a deletion note
# by an admin holds the admin's name).
LONGEST = max(len(x) for t in _ALL for x in (*t.media, *t.deleted)) + 40
FILE_BODY_ENDS = frozenset(">)" + "".join(t.document[-1] + t.document[-1].upper() for t in _ALL if t.document))


def placeholder_kind(body: str) -> str | None:
    """``"media"`` or ``"deleted"`` for a message body (direction marks and spaces stripped at
    its ends) that is a placeholder or a deletion note, else None: fast enough for every message
    of a chat (a reader may first skip bodies over ``LONGEST`` that do not end with a character of
    ``FILE_BODY_ENDS``).

    Example:
        >>> placeholder_kind("IMAGE OMITTED"), placeholder_kind("הודעה זו נמחקה."), placeholder_kind("ok :)")
        ('media', 'deleted', None)
    """
    folded = body.casefold()
    if folded.rstrip(".…") in _QUICK_DELETED:
        return "deleted"
    if folded in _QUICK_MEDIA:
        return "media"
    if (folded.endswith(_QUICK_ENDS) or folded.startswith(_QUICK_STARTS)
            or (folded[-1:] in ">)" and _QUICK_PART.search(folded))):
        return "deleted" if is_deleted_note(body) else "media" if is_media_placeholder(body) else None
    return None


def is_media_placeholder(text: str) -> bool:
    """Whether a whole message body only stands for media (left out, or an attached file).

    A caption after the media is real content, and so is a sentence that merely uses the words.

    Example:
        >>> is_media_placeholder("\\u200e<attached: 00000012-PHOTO-2024-03-12.jpg>")
        True
        >>> is_media_placeholder("<Media omitted>\\nour new logo")
        False
    """
    if "\n" in text.strip():
        return False
    folded = fold_text(text)
    return folded in _MEDIA or bool(_ATTACHED.fullmatch(folded))


# A document's name alone on a line, as Android writes it under the media placeholder: a name
# and the extension of a file people send.
_DOCUMENT_NAME = re.compile(r"[^\n/\\<>]{1,200}\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|txt|rtf|csv|zip|"
                            r"rar|7z|vcf|apk|jpe?g|png|gif|webp|heic|mp4|mov|3gp|opus|mp3|m4a|"
                            r"aac|ogg|wav)", re.IGNORECASE)


def without_media_line(text: str) -> str:
    """The text a media message is analyzed by. Android writes the placeholder on the first line
    and the caption, or a document's name, below it: a caption is analyzed alone, a document's
    name not at all (the placeholder stays, and the post is set aside as media). Any other text
    is returned as it is.

    Example:
        >>> without_media_line("<Media omitted>\\nour new logo")
        'our new logo'
        >>> without_media_line("<Media omitted>\\nResume-Dana-Levi.pdf")
        '<Media omitted>'
    """
    if "\n" not in text:
        return text
    first, _, rest = text.strip().partition("\n")
    if len(first) > LONGEST + 200 or not rest.strip() or not is_media_placeholder(first):
        return text
    rest = rest.strip()
    return first if _DOCUMENT_NAME.fullmatch(rest) else rest


def is_deleted_note(text: str) -> bool:
    """Whether a whole message body is the note of a deleted message.

    Example:
        >>> is_deleted_note("\\u200fהודעה זו נמחקה"), is_deleted_note("this message was deleted?!")
        (True, False)
    """
    folded = fold_text(text).rstrip(".").rstrip("…")
    return folded in _DELETED or bool(_DELETED_BY.fullmatch(folded))


# The edit mark ends the body ("<This message was edited>", "<ההודעה נערכה>"); the Greek wording
# is unconfirmed, so its key words are matched.
EDITED = re.compile(rf"[\s{MARKS}]*<(?:This message was edited|[^<>\n]{{0,20}}נערכה"
                    rf"|[^<>\n]{{0,40}}(?:τροποποιήθηκε|επεξεργασ)[^<>\n]{{0,20}})>[\s{MARKS}]*\Z")

# WhatsApp's system texts (its en / he / el string tables), matched at the start of a body with
# marks stripped. Only distinctive ones: a user may well write "X added Y".
SYSTEM_START = re.compile("|".join([
    r"(?:Messages|Your messages)\b[^\n]{0,80}end-to-end encrypt",
    r"(?:כעת )?(?:ההודעות|השיחות)[^\n]{0,80}מקצה[- ]לקצה",
    r"(?:Πλέον, )?Τα μηνύματα[^\n]{0,80}κρυπτογρα",
    r"Your security code with |קוד האבטחה (?:של|עם) |Ο κωδικός ασφαλείας ",
    r"Missed (?:voice|video) call|שיחה קולית שלא נענתה|שיחת וידאו שלא נענתה|Αναπάντητη ",
    r"Waiting for this message|בהמתנה להודעה זו|Αναμονή για αυτό το μήνυμα",
    r"(?:You were added|נוספת לקבוצה|Προστεθήκατε)\Z",
    r"You created group |(?:את/ה )?יצרת את הקבוצה |Δημιουργήσατε την ομάδα ",
    r"You joined using this group's invite link|הצטרפת לקבוצה דרך קישור"
    r"|Συμμετέχετε χρησιμοποιώντας τον σύνδεσμο",
]))
# A member's own notes, written by the phone after the member's name (iOS behind U+200E), in
# WhatsApp's iOS string tables' words: a shared location, a live one, a missed call. They are the
# member's (set aside as system lines, the author kept), not the group's (review 15, R15-3).
MEMBER_NOTE = re.compile("(?:" + "|".join([
    r"(?:Location|מיקום|Τοποθεσία): https?://\S+",
    r"Live location shared|מיקום בזמן אמת|Τωρινή τοποθεσία",
    r"Missed (?:group )?(?:voice|video) call|(?:שיחה קולית|שיחת וידאו) (?:קבוצתית )?שלא נענתה"
    r"|Αναπάντητη (?:ομαδική )?(?:φωνητική κλήση|βιντεοκλήση)",
]) + rf")[\s{MARKS}]*\Z", re.IGNORECASE)
# System texts that start with the actor's name ("Dana created group ..."), searched in bodies
# that only iOS prefixes with an author-like name, and in Android lines whose "author" has quotes.
SYSTEM_ACTOR = re.compile("|".join([
    r" (?:created group [\"“]|changed the subject (?:from|to) [\"“]|changed this group's icon"
    r"|deleted this group's icon|changed the group description|changed this group['’]s settings"
    r"|joined using this group's invite link|changed their phone number)",
    r"'s security code changed",
    r"יצר/ה את הקבוצה|החליף/ה את (?:נושא הקבוצה|הנושא)|שינה/תה את נושא הקבוצה|הנושא שונה ל"
    r"|החליף/ה את תמונת|החליף/ה את מספר הטלפון|באמצעות קישור ההזמנה|הגדרות הקבוצה שונו",
    r"δημιούργησε την ομάδα|άλλαξε το θέμα|άλλαξε το εικονίδιο|άλλαξε την (?:περιγραφή|ονομασία)"
    r"|άλλαξε τις ρυθμίσεις|χρησιμοποιώντας τον σύνδεσμο πρόσκλησης",
]))
