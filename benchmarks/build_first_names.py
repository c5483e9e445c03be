"""Build ``mining/lang/data/first_names_{el,en}.txt`` from Faker's person providers.

Faker (https://pypi.org/project/Faker/, MIT, Copyright (c) 2012 Daniele Faraglia) ships first
names per locale for generating test data; ``el_GR`` holds 806 Greek first names and ``en`` 7,203
English ones. `mining` reads them to recognise someone's first name in Greek posts (see
``mining/lang/names.py``); it does not depend on Faker. Names that Greek writes capitalized as
ordinary words are left out: days and months (Κυριακή, Παρασκευή, Αύγουστος, Ιούλιος), Παναγία,
Αθηνά, which folds to Αθήνα (Athens), and Χρυσαυγή, a party's name in Greek tweets.

Usage (Faker need not be installed; an unpacked wheel is enough):
    pip download faker --no-deps -d /tmp/faker && unzip -q /tmp/faker/*.whl -d /tmp/faker
    python benchmarks/build_first_names.py /tmp/faker
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "mining" / "lang" / "data"
NOT_NAMES = {"el": {"Κυριακή", "Παρασκευή", "Αύγουστος", "Ιούλιος", "Παναγία", "Αθηνά", "Χρυσαυγή"},
             "en": set()}
LOCALES = {"el": "el_GR", "en": "en"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("faker", type=Path, help="folder holding the faker package")
    args = parser.parse_args()
    sys.path.insert(0, str(args.faker))
    from importlib import import_module

    version = import_module("faker").VERSION
    for lang, locale in LOCALES.items():
        provider = import_module(f"faker.providers.person.{locale}").Provider
        names = sorted(set(provider.first_names) - NOT_NAMES[lang])
        header = (f"# First names of Faker {version} (faker/providers/person/{locale}), MIT, "
                  "Copyright (c) 2012 Daniele Faraglia;\n# built by benchmarks/build_first_names.py"
                  f", less {', '.join(sorted(NOT_NAMES[lang])) or 'nothing'}.\n")
        (OUT / f"first_names_{lang}.txt").write_text(header + "\n".join(names) + "\n",
                                                     encoding="utf-8")
        print(lang, len(names))


if __name__ == "__main__":
    main()
