import pandas as pd
import pytest

from mining.config import BrandConfig, PrivacyConfig
from mining.privacy import mask_contacts, protect_identities, pseudonym


@pytest.mark.parametrize("text, masked", [
    ("תתקשרו אליי 050-123-4567 בבקשה", "תתקשרו אליי [phone] בבקשה"),
    ("\u202a+972 54-555-0192\u202c", "\u202a[phone]\u202c"),
    ("πάρτε με στο 690 000 0001", "πάρτε με στο [phone]"),
    ("mail me at dani.m@example.com", "mail me at [email]"),
    ("+1 555 0100 ext", "[phone] ext"),
    ("order #4521987 still missing", "order #4521987 still missing"),  # an order number
    ("since 12.3.2024 at 14:05", "since 12.3.2024 at 14:05"),  # a date
    ("paid 129.90 ₪ for 3 items", "paid 129.90 ₪ for 3 items"),
])
def test_mask_contacts(text, masked):
    assert mask_contacts(text)[0] == masked


def test_pseudonyms_are_stable_per_salt_and_differ_across_salts():
    assert pseudonym("Dani M", "a") == pseudonym("dani m ", "a")
    assert pseudonym("Dani M", "a") != pseudonym("Dani M", "b")
    assert pseudonym("Dani M", "a").startswith("member-")


def _posts():
    return pd.DataFrame({"author": pd.array(["נועה כהן", "Basketo Team", "nikos_g", None], dtype="string"),
                         "text": pd.array(["@nikos_g תודה! 050-123-4567", "we are on it",
                                           "mail x@example.com", "system line"], dtype="string")})


def test_protect_identities_masks_and_pseudonymizes_but_keeps_brand_names():
    out, summary = protect_identities(_posts(), PrivacyConfig(salt="s"), BrandConfig(accounts=["Basketo Team"]))
    assert out["author"].iloc[0] == pseudonym("נועה כהן", "s")
    assert out["author"].iloc[1] == "Basketo Team"
    assert out["author_is_brand"].tolist() == [False, True, False, False]
    assert out["text"].iloc[0] == f"@{pseudonym('nikos_g', 's')} תודה! [phone]"
    assert out["text"].iloc[2] == "mail [email]"
    assert (summary["phones_masked"], summary["emails_masked"]) == (1, 1)


def test_keep_identities_turns_it_off():
    out, summary = protect_identities(_posts(), PrivacyConfig(keep_identities=True), BrandConfig())
    assert out["author"].iloc[0] == "נועה כהן" and "050-123-4567" in out["text"].iloc[0]
    assert summary["pseudonymized_authors"] is False
