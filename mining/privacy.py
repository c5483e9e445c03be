"""Privacy by default: pseudonymous authors, masked phone numbers and e-mail addresses.

Community exports carry real names and phone numbers. Before anything is written, each author
becomes a salted pseudonym (the same person gets the same pseudonym in every run of a project
that keeps its salt), @mentions of known authors become their pseudonyms, and phone numbers and
e-mail addresses in the text are masked. Brand accounts keep their names: they are not private
persons, and a report must show what the brand answered.

Example:
    >>> pseudonym("Dani M", salt="s3cret")
    'member-...'
    >>> mask_contacts("call me 050-123-4567 or dani@example.com")
    ('call me [phone] or [email]', 1, 1)
"""
from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable

import pandas as pd

from mining.config import DEFAULT_SALT, BrandConfig, PrivacyConfig

# Digits with the separators people type, optionally after a + country code. A match is a phone
# number when it has a + and 7+ digits, or 9+ digits (local Israeli and Greek numbers have 10);
# dates and order numbers are left alone.
_PHONE = re.compile(r"(?<![\w+])\+?\d(?:[\s\-.()\u00a0\u202a\u202c]?\d){6,14}(?!\w)")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MENTION = re.compile(r"@\u2068?([^\s\u2069,:;!?]+(?: [^\s\u2069,:;!?@]+)?)\u2069?")


def pseudonym(author: str, salt: str) -> str:
    digest = hmac.new(salt.encode("utf-8"), author.strip().casefold().encode("utf-8"), hashlib.sha256)
    return "member-" + digest.hexdigest()[:8]


def mask_contacts(text: str) -> tuple[str, int, int]:
    """Mask e-mail addresses, then phone numbers; return the text and how many of each."""
    text, emails = _EMAIL.subn("[email]", text)
    phones = 0

    def phone(match: re.Match) -> str:
        nonlocal phones
        found = match.group(0)
        digits = sum(c.isdigit() for c in found)
        if _DATE.match(found) or digits < (7 if found.startswith("+") else 9):
            return found
        phones += 1
        return "[phone]"

    return _PHONE.sub(phone, text), phones, emails


def pseudonyms(authors: Iterable[str], config: PrivacyConfig, brand: BrandConfig
               ) -> dict[str, str]:
    """Each author's pseudonym; brand accounts have none (they keep their names).

    Example:
        >>> pseudonyms(["Dani M", "Basketo"], PrivacyConfig(salt="s3cret"),
        ...            BrandConfig(accounts=["basketo"]))
        {'Dani M': 'member-...'}
    """
    brands = _brands(brand)
    return {a: pseudonym(a, config.salt) for a in authors if a.strip().casefold() not in brands}


def _brands(brand: BrandConfig) -> set[str]:
    return {b.strip().casefold() for b in brand.accounts}


def protect_identities(posts: pd.DataFrame, config: PrivacyConfig, brand: BrandConfig,
                       names: dict[str, str] | None = None) -> tuple[pd.DataFrame, dict]:
    """Mark brand accounts, and unless ``config.keep_identities``, pseudonymize and mask.

    ``names`` are the pseudonyms of every author of the input (``pseudonyms``), which @mentions
    need when ``posts`` is one chunk of it; by default, those of the authors in ``posts``.
    Returns the protected posts and a summary for the manifest.
    """
    out = posts.copy()
    brands = _brands(brand)
    out["author_is_brand"] = out["author"].map(
        lambda a: isinstance(a, str) and a.strip().casefold() in brands).astype("boolean")
    if config.keep_identities:
        return out, {"pseudonymized_authors": False, "masked_contacts": False}

    if names is None:
        names = pseudonyms(out["author"].dropna().unique(), config, brand)
    by_handle = {a.casefold(): p for a, p in names.items()}

    def mention(match: re.Match) -> str:
        handle = match.group(1)
        for candidate in (handle, handle.split(" ")[0]):
            if candidate.casefold() in by_handle:
                rest = handle[len(candidate):]
                return "@" + by_handle[candidate.casefold()] + rest
        return match.group(0)

    phones = emails = 0
    masked = []
    for text in out["text"].fillna(""):
        text, p, e = mask_contacts(_MENTION.sub(mention, text))
        phones, emails = phones + p, emails + e
        masked.append(text)
    out["text"] = pd.Series(masked, index=out.index, dtype="string")
    out["author"] = out["author"].map(lambda a: names.get(a, a) if isinstance(a, str) else a
                                      ).astype("string")
    summary = {"pseudonymized_authors": True, "masked_contacts": True,
               "authors": len(names), "phones_masked": phones, "emails_masked": emails,
               "salt": "configured" if config.salt != DEFAULT_SALT else
               "default (set privacy.salt so pseudonyms cannot be recomputed from names)"}
    return out, summary

