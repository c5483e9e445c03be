"""Masking payment and identity numbers in a post's text: committee and association chats carry
payment details as often as phone numbers.

* ``[card]``: a payment card number, 13 to 19 digits in groups, whose Luhn check digit holds,
  or the digits a card is named by ("כרטיס אשראי 4580 ...");
* ``[account]``: an IBAN whose mod-97 check holds (``GR16 0110 1250 ...``), and the digits a
  bank account is named by ("חשבון בנק 10-800-12345678", "account no. 12345678");
* ``[id]``: the digits an identity or tax number is named by (ת.ז., תעודת זהות, ΑΦΜ, ΑΜΚΑ, ΑΔΤ,
  ID number, SSN, passport).

The check digits keep order numbers and timestamps out: a random 16-digit number passes Luhn one
time in ten, an IBAN's two check digits one in a hundred; an account or identity number without a
check digit is masked only after the words that name it.

Example:
    >>> mask_numbers("כרטיס 4580 1234 5678 9018, ת.ז. 123456782", {})
    'כרטיס [card], ת.ז. [id]'
"""
from __future__ import annotations

import re
from collections.abc import Callable

MASKS = {"[card]": "cards", "[account]": "accounts", "[id]": "ids"}

_CARD = re.compile(r"(?<![\d-])\d{4}(?:[ -]?\d{3,4}){2,3}(?:[ -]?\d{1,3})?(?![\d-])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_NUMBER = r"(?P<number>\d[\d .-]{4,22}\d)(?!\d)"  # Greek banks print 0026.0123.45.0200123456
# Hebrew words may carry prefix letters (ו, ה, ב, ל, מ, ש: "ובחשבון", "לת.ז."); Hebrew writes an
# abbreviation with a quotation mark or gershayim (ת"ז, ת״ז, מס׳), Greeks in Latin letters too
# (AFM, logariasmos, karta).
_NAMED = (r"[ובלמשה]{0,2}(?:ת[.\"״׳']? ?ז[.\"״׳']?|תעודת ה?זהות|מס(?:פר|[.׳'])? ?ה?זהות|דרכון"
          r"|מספר ה?חשבון|חשבון(?: ה?בנק)?|כרטיס(?: ה?אשראי)?)"
          r"|Α\.?Φ\.?Μ\.?|Α\.?Μ\.?Κ\.?Α\.?|Α\.?Δ\.?Τ\.?|αριθμ[οό]ς (?:ταυτότητας|διαβατηρίου|λογαριασμού)"
          r"|λογαριασμ[οό]ς τράπεζας|λογαριασμ\w*|(?:πιστωτικ[ηή]ς? )?κ[αά]ρτ[αε]ς?"
          r"|A\.?F\.?M\.?|A\.?M\.?K\.?A\.?|A\.?D\.?T\.?|logariasm\w*|(?:pistwtik[hi]s? )?kart[ae]s?"
          r"|ID (?:number|no\.?)|SSN"
          r"|passport(?: number| no\.?)?|(?:bank )?account(?: number| no\.?)?|(?:credit )?card")
_KEYWORD = re.compile(rf"(?P<label>(?<!\w)(?:{_NAMED}))(?P<gap>[^\d\n]{{0,25}}?){_NUMBER}",
                      re.IGNORECASE)
_KINDS = ((re.compile(r"כרטיס|κ[αά]ρτ|kart|card", re.IGNORECASE), "[card]"),
          (re.compile(r"חשבון|λογαριασμ|logariasm|account", re.IGNORECASE), "[account]"))


def mask_numbers(text: str, counts: dict[str, int],
                 phone: Callable[[str], bool] = lambda number: False) -> str:
    """``text`` with card numbers, IBANs and named account and identity numbers masked;
    ``counts`` (``MASKS``' values) counted on. Digits after the word "card" that ``phone`` says
    are a phone number are left for the phone mask (an Isracard number has 8 or 9 digits: only
    its shape tells it from a phone)."""
    if sum(c.isdigit() for c in text) < 6:  # most posts
        return text
    text = _CARD.sub(lambda m: _masked("[card]", counts) if _luhn(m.group(0))
                     else m.group(0), text)
    text = _IBAN.sub(lambda m: _masked("[account]", counts) if _iban(m.group(0))
                     else m.group(0), text)
    return _KEYWORD.sub(lambda m: _named(m, counts, phone), text)


# "λογαριασμός" alone is a bill as often as an account: only an account's length of digits counts.
_BILL = re.compile(r"λογαριασμ\w*|logariasm\w*", re.IGNORECASE)
ACCOUNT_DIGITS = 11
_DATE = re.compile(r"\d{1,2}[-. ]\d{1,2}[-. ]\d{2,4}(?!\d)")


def _named(match: re.Match, counts: dict[str, int], phone: Callable[[str], bool]) -> str:
    number = match["number"]
    digits = sum(c.isdigit() for c in number)
    if digits < 6 or _DATE.match(number):  # a sum, a date
        return match.group(0)
    if _BILL.fullmatch(match["label"]) and digits < ACCOUNT_DIGITS:  # a bill's number, not an account
        return match.group(0)
    mask = next((mask for words, mask in _KINDS if words.search(match["label"])), "[id]")
    if mask == "[card]" and phone(number):  # "בכרטיס, תתקשרו אליי 052-1234567"
        return match.group(0)
    return match["label"] + match["gap"] + _masked(mask, counts)


def _masked(mask: str, counts: dict[str, int]) -> str:
    counts[MASKS[mask]] = counts.get(MASKS[mask], 0) + 1
    return mask


def _luhn(written: str) -> bool:
    digits = [int(c) for c in written if c.isdigit()]
    if not 13 <= len(digits) <= 19 or not 2 <= digits[0] <= 6:  # the card networks' first digits
        return False
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2)
                for i, d in enumerate(reversed(digits)))
    return total % 10 == 0


def _iban(written: str) -> bool:
    code = written.replace(" ", "")
    if not 15 <= len(code) <= 34:
        return False
    moved = code[4:] + code[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
