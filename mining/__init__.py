"""mining: an offline feedback-mining toolkit for Hebrew, Greek and English communities.

The public API is small; everything else is private and may change.

Public names:
    Config: the run configuration (``Config.from_file("mining.toml")``).
    run(inputs, out, config): the whole pipeline into a run folder; returns a ``RunResult``
        (``posts``, ``topics``, ``challenges``, ``manifest``, ``out``).
    load_run(folder): a finished run folder back as a ``RunResult``.
    read_posts(inputs, config, manifest): read, protect identities, normalize, detect languages.
    read_inputs / protect_posts / prepare_posts / fit_topics / analyze_challenges: the stages one
        by one (``read_inputs`` gives real names: ``protect_posts`` replaces them as a run does).
    split_hidden(table) / display_name(row) / curation_marks(row): a run's challenges or topics
        as its report shows them: those listed and those hidden (a merged one is in neither: its
        target lists its id), the name shown, and the curation's status and merges beside it.

Example:
    >>> import mining
    >>> result = mining.run(["corpora/demo"], "reports/demo", mining.Config())  # doctest: +SKIP
    >>> result.challenges.challenges.head()                                       # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.2.0"
__all__ = ["Config", "run", "load_run", "read_posts", "read_inputs", "protect_posts",
           "prepare_posts", "fit_topics", "analyze_challenges", "split_hidden", "display_name",
           "curation_marks", "__version__"]


def __getattr__(name: str):
    # Imported on first use so that ``import mining`` stays fast (no pandas, no models).
    if name == "Config":
        from mining.config import Config

        return Config
    if name == "read_inputs":
        from mining.ingest import read_inputs

        return read_inputs
    if name == "load_run":
        from mining.runs import load_run

        return load_run
    if name in ("run", "read_posts", "protect_posts", "prepare_posts", "fit_topics"):
        from mining import pipeline

        return getattr(pipeline, name)
    if name == "analyze_challenges":
        from mining.challenges import analyze_challenges

        return analyze_challenges
    if name in ("split_hidden", "display_name", "curation_marks"):
        # the report's own rules (mining.report.curated), so a notebook lists what it lists
        from mining.report.curated import marks, split_hidden
        from mining.report.summary import display_name

        return {"split_hidden": split_hidden, "display_name": display_name,
                "curation_marks": marks}[name]
    raise AttributeError(f"module 'mining' has no attribute {name!r}")
