"""Build ``mining/lang/data/first_names_{el,en,he}.txt`` from Faker's person providers.

Faker (https://pypi.org/project/Faker/, MIT, Copyright (c) 2012 Daniele Faraglia) ships first
names per locale for generating test data; ``el_GR`` holds 806 Greek first names, ``en`` 7,203
English ones and ``he_IL`` 593 Hebrew ones. `mining` reads them to recognise someone's first name
in Greek posts, and in Hebrew labels (see ``mining/lang/names.py``); it does not depend on Faker.
Hebrew function words that the Hebrew list holds (לי, שלי, אשר, אלה, בן) and its two-word names
are left out, and so are the Hebrew names that the Hebrew posts of ``../shared/corpora`` (the
hebrew-sentiment train split and the YouTube comments, 6,026 posts) use as ordinary words, by
the rule a run applies to its own posts (``mining.lang.names.hebrew_word_uses``: with the
article, in the plural or feminine, twice after a negation): ישראל (ישראלים), ברוך (ברוכים),
טובה (הטובה), שלום, חיים. A run's few posts often lack those forms; these corpora hold them. Names that Greek writes capitalized as
ordinary words are left out: days and months (Κυριακή, Παρασκευή, Αύγουστος, Ιούλιος), Παναγία,
Αθηνά, which folds to Αθήνα (Athens), and Χρυσαυγή, a party's name in Greek tweets. The
everyday Greek forms Faker lacks (Φώτης, Μίλτος, Ρία, Γωγώ; ``EVERYDAY``) are added.

Usage (Faker need not be installed; an unpacked wheel is enough):
    pip download faker --no-deps -d /tmp/faker && unzip -q /tmp/faker/*.whl -d /tmp/faker
    PYTHONPATH=. python benchmarks/build_first_names.py /tmp/faker [--corpora ../shared/corpora]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "mining" / "lang" / "data"
NOT_NAMES = {"el": {"Κυριακή", "Παρασκευή", "Αύγουστος", "Ιούλιος", "Παναγία", "Αθηνά", "Χρυσαυγή"},
             "en": set(),
             # Hebrew function words that Faker lists as names (לי "to me", שלי "mine", אשר
             # "that", אלה "these", בן "son of", ...), and its names of two words
             "he": {"לי", "שלי", "שלו", "עלי", "אלי", "אשר", "אלה", "אן", "אמי", "בן", "בת",
                    "בת שבע", "שי לי", "שי-לי"}}
LOCALES = {"el": "el_GR", "en": "en", "he": "he_IL"}
# The everyday forms of Greek first names that Faker's formal list lacks (a review found Φώτης,
# Μίλτος, Σάκης, Ρία and Γωγώ heading topic labels), written for mining (MIT). Forms that are
# also ordinary words are not in it: Ζωή (life), Χαρά (joy), Μάχη (battle), Μαρούλα (lettuce),
# Άρης (Mars, a football club), Φανή, Νανά, Τίνα.
EVERYDAY = {"el": set("""
    Άκης Αλέκος Αλέξης Αντρέας Βαγγέλης Γιώργης Γρηγόρης Θάνος Θανάσης Θοδωρής Κωστής Λάκης
    Λευτέρης Μάκης Μάνος Μανώλης Μήτσος Μίλτος Μπάμπης Ντίνος Πάνος Ρένος Σάκης Σίμος Σπύρος
    Στέλιος Στράτος Τάκης Τάσος Τζίμης Τίμος Τόλης Φάνης Φώτης Χάρης
    Βάνια Βάσω Βέτα Βίκη Βίκυ Βιβή Βούλα Γιώτα Γωγώ Έφη Εύη Ελεωνόρα Κάτια Κατίνα Κέλλυ Κική
    Κορίνα Κούλα Λένα Λήδα Λιάνα Λίλιαν Λίτσα Μαίρη Ματίνα Μίνα Νίνα Νόρα Ντίνα Ντόρα Πόπη Ρένα
    Ρία Ρίτσα Ρούλα Σούλα Σοφούλα Σταυρούλα Τασούλα Τζένη Τούλα Φένια Φωφώ""".split())}


def hebrew_ordinary(corpora: Path) -> set[str]:
    """Hebrew words the Hebrew posts of ``corpora`` use as ordinary words."""
    from mining.lang.names import hebrew_word_uses

    with open(corpora / "hebrew-sentiment" / "train.tsv", encoding="utf-8", newline="") as fh:
        texts = [row["comment"] or "" for row in csv.DictReader(fh, delimiter="\t", quoting=3)]
    comments = json.loads((corpora / "hebrew-youtube-comments" / "comments.json").read_text("utf-8"))
    texts += [c.get("text") or "" for c in comments if isinstance(c, dict)]
    print(f"he: {len(texts)} posts read for ordinary words")
    return hebrew_word_uses(texts)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("faker", type=Path, help="folder holding the faker package")
    parser.add_argument("--corpora", type=Path, default=OUT.parents[2].parent / "shared" / "corpora",
                        help="../shared/corpora, for the Hebrew names used as ordinary words")
    args = parser.parse_args()
    ordinary = {"he": hebrew_ordinary(args.corpora)}
    sys.path.insert(0, str(args.faker))
    from importlib import import_module

    version = import_module("faker").VERSION
    for lang, locale in LOCALES.items():
        provider = import_module(f"faker.providers.person.{locale}").Provider
        common = set(provider.first_names) & ordinary.get(lang, set())
        everyday = EVERYDAY.get(lang, set())
        names = sorted((set(provider.first_names) | everyday) - NOT_NAMES[lang] - common)
        header = (f"# First names of Faker {version} (faker/providers/person/{locale}), MIT, "
                  "Copyright (c) 2012 Daniele Faraglia;\n# built by benchmarks/build_first_names.py"
                  + (f", with {len(everyday - set(provider.first_names))} everyday forms written "
                     "for mining (MIT)" if everyday else "")
                  + f", less {', '.join(sorted(NOT_NAMES[lang])) or 'nothing'}"
                  + (f";\n# and less {len(common)} used as ordinary words by the Hebrew posts of "
                     f"../shared/corpora: {', '.join(sorted(common))}" if common else "") + ".\n")
        (OUT / f"first_names_{lang}.txt").write_text(header + "\n".join(names) + "\n",
                                                     encoding="utf-8")
        print(lang, len(names))


if __name__ == "__main__":
    main()
