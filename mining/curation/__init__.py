"""Curation: a team's names, statuses, merges, splits and hidden items, kept across runs.

``load_curation`` reads and checks the file named by ``run.curation`` (see
``mining.curation.decisions`` for its format); ``mining.curation.apply.apply_curation`` applies it
to a run's tables after stable ids are assigned; ``mining.curation.skeleton.curation_skeleton``
writes the file ``mining curate`` starts from. Only the file's checks are imported here: the
config loads them, and ``import mining.config`` stays free of pandas.
"""
from mining.curation.decisions import STATUSES, Curation, Decision, load_curation, shown_id

__all__ = ["STATUSES", "Curation", "Decision", "load_curation", "shown_id"]
