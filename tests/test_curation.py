"""Curation that persists: a team's decisions, written once, stick to the same challenges the
next week.

The weekly scenario replays the demo corpus as a scheduled job sees it: week 1 is every post
before the planted 4.2 crash (3 August), week 2 is every post, with week 1 as the previous run.
Decisions are written after week 1 about its largest challenges; week 2 must show each on the
challenge that holds the same posts, and flag the challenges that are new and undecided.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

import mining
from mining.config import Config
from mining.curation import load_curation
from mining.curation.apply import KEPT_MIN, apply_curation
from mining.curation.decisions import parse_curation
from mining.curation.skeleton import curation_skeleton
from mining.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
CRASH_DAY = pd.Timestamp("2026-08-03", tz="Asia/Jerusalem")
COLUMNS = ["post_id", "source_file", "channel", "thread_id", "parent_id", "author", "created_at",
           "text", "reactions", "kind"]


def _config(folder: Path, curation: str | None = None) -> Config:
    text = (ROOT / "corpora" / "demo.toml").read_text(encoding="utf-8")
    text += f'\n[embedding]\ncache_dir = "{folder / "embeddings"}"\n'
    if curation:
        text += f'\n[run]\ncuration = "{curation}"\n'
    (folder / "mining.toml").write_text(text, encoding="utf-8")
    config = Config.from_file(folder / "mining.toml")
    # Every complaint, question and request clustered (min_confidence 0): more and larger
    # challenges, so the six decided on in week 1 are all found again in week 2. What is under
    # test is that decisions follow stable ids, not which posts are confident enough.
    config = config.updated("challenges", min_confidence=0.0)
    return config.updated("input", id_column="post_id", text_column="text")


def _week(posts: pd.DataFrame, folder: Path) -> str:
    """The week's export, where last week's was: the same post keeps its ``post_id``."""
    (folder / "data").mkdir(exist_ok=True)
    posts[COLUMNS].to_csv(folder / "data" / "posts.csv", index=False)
    return str(folder / "data")


@pytest.fixture(scope="module")
def weeks(demo_run, tmp_path_factory):
    """Week 1, the decisions written after it, and week 2 run with them."""
    tmp = tmp_path_factory.mktemp("weeks")
    # A copy of the precomputed embeddings: the weeks' posts are the demo run's, pseudonymized,
    # and protected again a few texts change and are embedded anew, never into the committed cache.
    shutil.copytree(ROOT / "tests" / "data" / "embeddings", tmp / "embeddings")
    posts = demo_run.posts[demo_run.posts["kind"] != "system"]
    early = posts[posts["created_at"] < CRASH_DAY]
    week1 = mining.run([_week(early, tmp)], tmp / "week1", _config(tmp))
    decisions = _decide(week1)
    (tmp / "curation.toml").write_text(decisions["toml"], encoding="utf-8")
    week2 = mining.run([_week(posts, tmp)], tmp / "week2",
                       _config(tmp, "curation.toml"), previous=week1.out)
    return week1, week2, decisions, tmp


def _decide(week1) -> dict:
    """Decisions about week 1's six largest challenges, and a split of the largest one."""
    table = week1.challenges.challenges.sort_values("n_posts", ascending=False)
    big = table["challenge_id"].astype(int).tolist()[:6]

    def topics_of(number: int) -> pd.Series:
        posts = week1.posts[week1.posts["challenge_id"].eq(number).fillna(False)]
        return posts.loc[posts["topic_id"].ge(0), "topic_id"].value_counts()

    # The split takes a part of a challenge: the largest of the six whose posts span two topics
    # or more (on some machines the largest lies in one topic), renamed too.
    source = next(n for n in big if len(topics_of(n)) >= 2)
    big = [source, *(n for n in big if n != source)]
    split_topic = int(topics_of(source).index[1])  # its second topic: a part, not the whole
    ids = {k: f"C-{n:04d}" for k, n in zip(["renamed", "known", "source", "target", "hidden", "fixed"], big)}
    toml = f"""
[challenges."{ids['renamed']}"]
name = "השם שבחרנו · Το όνομά μας · our name"
status = "in progress"

[challenges."{ids['known']}"]
status = "known"
name = "Known since week 1"

[challenges."{ids['source']}"]
merge_into = "{ids['target']}"

[challenges."{ids['hidden']}"]
hide = "a duplicate of the FAQ, not a product problem"

[challenges."{ids['fixed']}"]
status = "fixed"
name = "Fixed in 4.1"

[challenges."C-0100"]
split_from = "{ids['renamed']}"
topics = ["{split_topic}"]
name = "Split off by hand"

[challenges."C-0999"]
name = "An id this project never had"
"""
    return {"toml": toml, "ids": ids, "numbers": dict(zip(ids, big)), "split_topic": split_topic}


def _members(result, number: int) -> set[str]:
    posts = result.posts
    return set(posts.loc[posts["challenge_id"].eq(number).fillna(False), "post_id"])


def _landed(week2, decisions) -> dict[str, bool]:
    """Which decided challenges week 2 still has. Week 2 refits on the grown corpus, and a refit
    may split a challenge into parts none of which is close enough to it to keep its id (on
    2026-12-07 the largest, "קיבלתי · זיכוי · נדחה", became two new ones once Greeklish posts were
    read in Greek letters): its decision is then a note, never an error or a wrong match."""
    table = week2.challenges.challenges.set_index("challenge_id")
    notes = week2.manifest["curation"]["notes"]
    landed = {key: number in table.index for key, number in decisions["numbers"].items()}
    for key in (k for k, found in landed.items() if not found):
        assert any(decisions["ids"][key] in note for note in notes), key
    assert sum(landed.values()) >= 4, landed  # most decisions find their challenge
    return landed


def test_every_decision_sticks_to_the_same_challenge(weeks):
    week1, week2, decisions, _ = weeks
    table = week2.challenges.challenges.set_index("challenge_id")
    numbers = decisions["numbers"]
    landed = _landed(week2, decisions)
    if landed["renamed"]:
        assert table.loc[numbers["renamed"], "curated_name"].startswith("השם שבחרנו")
        assert table.loc[numbers["renamed"], "curated_status"] == "in progress"
    if landed["known"]:
        assert table.loc[numbers["known"], ["curated_name", "curated_status"]].tolist() == [
            "Known since week 1", "known"]
    if landed["fixed"]:
        assert table.loc[numbers["fixed"], ["curated_name", "curated_status"]].tolist() == [
            "Fixed in 4.1", "fixed"]
    assert table.loc[numbers["hidden"], "hidden"] == "a duplicate of the FAQ, not a product problem"
    assert table.loc[numbers["source"], "merged_into"] == decisions["ids"]["target"]
    assert table.loc[numbers["target"], "merged"] == decisions["ids"]["source"]
    # "The same challenge": a large part of the posts it held in week 1 are in it in week 2.
    # Clustering the grown corpus again moves many; measured on the merged main of 2026-12-05
    # (devset-trained heads): renamed 56 of 114 (49%, the largest, which also lost a split-off
    # topic), the others 77-95%. Hence 0.4, not "most": README, Curation, says so.
    for key in ("renamed", "known", "hidden", "fixed"):
        if numbers[key] not in table.index:
            continue
        before = _members(week1, numbers[key]) - _members(week2, 100)
        assert len(before & _members(week2, numbers[key])) > 0.4 * len(before), key
    merged = _members(week1, numbers["source"]) | _members(week1, numbers["target"])
    assert len(merged & _members(week2, numbers["target"])) > 0.6 * len(merged)
    assert not _members(week2, numbers["source"])  # folded: none left in the source


def test_generated_ids_never_take_a_split_id_or_an_id_given_before(weeks):
    week1, week2, _, _ = weeks
    new = week2.manifest["changes"]["challenges"]["new"]
    given = week1.challenges.challenges["challenge_id"].astype(int)
    # after every id of week 1, and never C-0100 (the split) or C-0999 (decided ahead)
    assert new and all(n > given.max() for n in new) and not {100, 999} & set(new)
    split = _members(week2, 100)
    notes = week2.manifest["curation"]["notes"]
    assert split or any(note.startswith("split C-0100: no post") for note in notes)


def test_a_split_takes_the_posts_of_its_topics(demo_run):
    table = demo_run.challenges.challenges
    source = int(table.sort_values("n_posts").iloc[-1]["challenge_id"])
    posts = demo_run.posts
    topic = int(posts.loc[posts["challenge_id"].eq(source).fillna(False) & posts["topic_id"].ge(0),
                          "topic_id"].value_counts().index[1])
    curation = parse_curation({"challenges": {"C-0100": {
        "split_from": f"C-{source:04d}", "topics": [str(topic)], "name": "Split off by hand"}}},
        "curation.toml")
    curated = apply_curation(curation, table, demo_run.topics, posts, review_new=False)
    moved = posts["challenge_id"].eq(source) & posts["topic_id"].eq(topic)
    assert moved.sum() > 0
    assert set(curated.posts.loc[moved.fillna(False), "challenge_id"]) == {100}
    assert (curated.posts["challenge_id"].eq(100).sum() == moved.sum())
    rows = curated.challenges.set_index("challenge_id")
    assert rows.loc[100, ["curated_name", "status"]].tolist() == ["Split off by hand",
                                                                  f"split from C-{source:04d}"]
    assert rows.loc[100, "curated_posts"] == moved.sum()
    assert rows.loc[source, "curated_posts"] == rows.loc[source, "n_posts"] - moved.sum()
    assert rows.loc[100, "n_he"] + rows.loc[100, "n_el"] + rows.loc[100, "n_en"] <= moved.sum()
    assert posts["challenge_id"].eq(source).sum() == rows.loc[source, "n_posts"]  # input untouched
    # its card has no priority of its own, and says so (review 14, R14-21: "Priority nan (nan)")
    from mining.report.model import _challenge

    card = _challenge(next(curated.challenges[curated.challenges["challenge_id"] == 100]
                           .itertuples(index=False)), curated.posts, ["he", "el", "en"])
    assert card.priority is None
    assert card.explained == f"split from C-{source:04d} by hand: no priority of its own"


def test_new_challenges_are_flagged_for_review(weeks):
    _, week2, _, _ = weeks
    table = week2.challenges.challenges
    new = set(week2.manifest["changes"]["challenges"]["new"])
    assert new, "the crash week brought no new challenge"
    flagged = set(table.loc[table["needs_review"], "challenge_id"].astype(int))
    assert new <= flagged
    # the others flagged are decided ones that kept less than half of their posts (their name
    # may no longer fit), as test_a_named_challenge_or_topic_whose_posts_moved_needs_review says
    others = table[table["challenge_id"].isin(flagged - new)]
    assert (others["kept_share"] < KEPT_MIN).all()
    assert (others["curated_name"].notna() | others["curated_status"].notna()).all()
    html = (week2.out / "report.html").read_text(encoding="utf-8")
    assert html.count("new — review") >= len(new)


def test_the_reports_show_curated_and_generated_names(weeks):
    _, week2, decisions, _ = weeks
    table = week2.challenges.challenges.set_index("challenge_id")
    # three decisions name their challenge, and at most two of six miss their challenge
    landed = _landed(week2, decisions)
    named = next(key for key in ("renamed", "fixed", "known") if landed[key])
    renamed = table.loc[decisions["numbers"][named]]
    csv = pd.read_csv(week2.out / "challenges.csv")
    assert list(csv.columns[csv.columns.get_loc("label"):][:3]) == ["label", "curated_name", "curated_status"]
    assert "curated_name" in pd.read_excel(week2.out / "challenges.xlsx", sheet_name="challenges")
    html = (week2.out / "report.html").read_text(encoding="utf-8")
    card = html.split(f'class="card" id="{decisions["ids"][named]}"', 1)[1].split("</h3>", 1)[0]
    assert renamed["curated_name"] in card and f"generated: <bdi>{renamed['label']}</bdi>" in card
    assert renamed["curated_status"] in card
    hidden = html.split('id="hidden-challenges"', 1)[1].split("</table>", 1)[0]
    assert "a duplicate of the FAQ, not a product problem" in hidden
    assert f'class="card" id="{decisions["ids"]["hidden"]}"' not in html  # no card of its own
    markdown = (week2.out / "report.md").read_text(encoding="utf-8")
    assert f"· {renamed['curated_name']}" in markdown and "## Hidden challenges" in markdown
    explorer = html.split("<section data-explorer", 1)[1]
    item = explorer.split(f'data-challenge-id="{decisions["ids"][named]}"', 1)[1].split("</li>", 1)[0]
    assert renamed["curated_name"] in item and "generated: " in item
    assert f'data-challenge-id="{decisions["ids"]["source"]}"' not in explorer  # merged away


def test_the_top_challenges_table_shows_the_teams_status_and_posts(weeks):
    """Review 14 (R14-14): the summary's first table showed no curated status (a fixed item read
    as an open one) and a merged challenge's generated count, not the posts it holds."""
    from mining.report.curated import split_hidden
    from mining.report.model import _top

    _, week2, decisions, _ = weeks
    listed, _ = split_hidden(week2.challenges.challenges)
    top = _top(listed, n=len(listed))
    rows = {row[0]: dict(zip(top.columns, row)) for row in top.rows}
    landed = _landed(week2, decisions)
    for key in (k for k in ("renamed", "known", "fixed") if landed[k]):
        status = listed.set_index("challenge_id").loc[decisions["numbers"][key], "curated_status"]
        assert rows[decisions["ids"][key]]["status"].startswith(status)
    if landed["target"] and landed["source"]:
        target = listed.set_index("challenge_id").loc[decisions["numbers"]["target"]]
        row = rows[decisions["ids"]["target"]]
        assert row["posts"] == str(target["curated_posts"]) != str(target["n_posts"])
        assert f"merged here: {decisions['ids']['source']}" in row["status"]


def test_an_id_absent_from_the_run_is_a_note(weeks):
    _, week2, _, _ = weeks
    notes = week2.manifest["curation"]["notes"]
    assert any("C-0999" in note and "not in this run" in note for note in notes)
    assert "C-0999" in (week2.out / "report.html").read_text(encoding="utf-8").split("Curation notes")[1]
    assert "curation: challenge C-0999 is in" in (week2.out / "run.log").read_text(encoding="utf-8")


def test_curate_updates_the_file_and_keeps_every_decision(weeks):
    _, week2, _, tmp = weeks
    out = tmp / "curation.toml"
    before = load_curation(out)
    done = subprocess.run([sys.executable, "-m", "mining", "curate", str(week2.out), "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert load_curation(out).decisions == before.decisions
    text = out.read_text(encoding="utf-8")
    for number in week2.challenges.challenges["challenge_id"]:
        assert f'[challenges."C-{int(number):04d}"]' in text
    for number in week2.topics["topic_id"]:
        assert f'[topics."{int(number)}"]' in text
    assert tomllib.loads(text)["challenges"]["C-0999"]["name"] == "An id this project never had"
    # the series its ids belong to: the run's salt, by its fingerprint (never the salt itself)
    assert load_curation(out).series == week2.manifest["config"]["privacy"]["salt"]
    assert load_curation(out).series.startswith("fingerprint:")


def test_a_curation_file_of_another_series_decides_nothing_and_says_so():
    """Review 11 (R11-7): a file written on an ad-hoc first run was silently void in the scheduled
    series (another salt): its challenges came back under new ids, and the notes said the curated
    ones "vanished or were merged" while they topped the report."""
    curation = parse_curation({"series": "fingerprint:aaaa", "challenges": {
        "C-0000": {"name": "Login outage 15 Oct", "status": "in progress"}}}, "curation.toml")
    assert curation.for_series("fingerprint:aaaa") is curation
    other = curation.for_series("fingerprint:bbbb")
    challenges = pd.DataFrame({"challenge_id": [0], "status": ["new"], "label": ["login · log"],
                               "n_posts": [13]})
    topics = pd.DataFrame({"topic_id": pd.array([], dtype="Int64"), "status": [], "label": [],
                           "size": []})
    posts = pd.DataFrame({"challenge_id": [0], "topic_id": pd.array([pd.NA], dtype="Int64")})
    curated = apply_curation(other, challenges, topics, posts, review_new=False)
    assert curated.challenges["curated_name"].isna().all()
    assert curated.notes == ["curation.toml was written by `mining curate` for a run of another "
                             "series (another privacy.salt): its ids name none of these challenges "
                             "and topics, so none of its decisions is applied; run `mining curate` "
                             "on this run"]


@pytest.mark.parametrize("text, key, code", [
    ('[challenges."C-0004"]\nstatus = "done"\n', "status", "E202"),
    ('[challenges."C-0004"]\nrename = "x"\n', "rename", "E201"),
    ('[challenges."C-0004"]\nmerge_into = "C-0004"\n', "merge_into", "E202"),
    ('[challenges."C-0004"]\nmerge_into = "C-0005"\n[challenges."C-0005"]\nmerge_into = "C-0004"\n',
     "merge_into", "E210"),
    ('[challenges."4"]\nname = "x"\n', "id", "E202"),
    ('[topics."7"]\nmerge_into = "C-0002"\n', "merge_into", "E202"),
    ('[challenges."C-0100"]\nsplit_from = "C-0004"\n', "topics", "E202"),
    ('[labels."C-0004"]\nname = "x"\n', "labels", "E201"),
    ('[challenges."C-0004"]\nname = "unterminated\n', None, "E209"),
])
def test_a_bad_curation_file_is_one_coded_line(tmp_path, text, key, code):
    (tmp_path / "curation.toml").write_text(text, encoding="utf-8")
    (tmp_path / "mining.toml").write_text('[run]\ncuration = "curation.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        Config.from_file(tmp_path / "mining.toml")
    message = str(error.value)
    assert str(tmp_path / "curation.toml") in message and message.endswith(f"[{code}]")
    assert "\n" not in message
    if key:
        assert repr(key) in message


def test_the_curation_file_is_checked_before_any_input_is_read(tmp_path):
    (tmp_path / "curation.toml").write_text('[challenges."C-0001"]\nstatus = "wontfix"\n', encoding="utf-8")
    (tmp_path / "mining.toml").write_text('[run]\ncuration = "curation.toml"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mining", "run", str(tmp_path / "missing.csv"),
                           "--config", str(tmp_path / "mining.toml"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "'wontfix'" in done.stderr and "[E202]" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["אפליקציה קורסת אחרי העדכון", "Η πληρωμή \"απορρίπτεται\"", "Refunds"])
def test_a_written_skeleton_reads_back_with_its_decisions(name):
    curation = parse_curation({"challenges": {"C-0003": {"name": name, "status": "known"},
                                              "C-0007": {"merge_into": "C-0003"}},
                               "topics": {"12": {"hide": "חדשות, לא משוב"}}}, "curation.toml")
    challenges = pd.DataFrame({"challenge_id": [3, 7], "status": ["new", "continuing"],
                               "label": ["crash · app", "κάρτα · πληρωμή"], "n_posts": [40, 12]})
    topics = pd.DataFrame({"topic_id": [-1, 5], "status": ["new", "new"],
                           "label": ["outliers", "משלוח · איחור"], "size": [3, 30]})
    text = curation_skeleton(challenges, topics, curation)
    assert parse_curation(tomllib.loads(text), "curation.toml").decisions == curation.decisions
    assert '[topics."5"]' in text and '[topics."-1"]' not in text and "# κάρτα · πληρωμή" in text


def test_curate_names_a_folder_that_is_not_a_run(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mining", "curate", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not a run folder" in done.stderr and "[E212]" in done.stderr


def test_a_split_takes_the_posts_merged_into_its_source(demo_run):
    """Review 14, R14-10: the team merged C-0002 into C-0000, then split C-0000's posts in topic 1
    off; the split read the generated C-0000 alone and found "no post of C-0000 in topics 1",
    while the report's C-0000 held 28 posts there, all merged from C-0002."""
    table = demo_run.challenges.challenges
    source, merged = table.sort_values("n_posts")["challenge_id"].astype(int).tolist()[-2:]
    posts = demo_run.posts
    topic = int(posts.loc[posts["challenge_id"].eq(merged).fillna(False) & posts["topic_id"].ge(0),
                          "topic_id"].value_counts().index[0])
    curation = parse_curation({"challenges": {
        f"C-{merged:04d}": {"merge_into": f"C-{source:04d}"},
        "C-0100": {"split_from": f"C-{source:04d}", "topics": [str(topic)]}}}, "curation.toml")
    curated = apply_curation(curation, table, demo_run.topics, posts, review_new=False)
    moved = posts["challenge_id"].isin([source, merged]) & posts["topic_id"].eq(topic)
    assert posts["challenge_id"].eq(merged).fillna(False)[moved.fillna(False)].any()
    assert curated.posts["challenge_id"].eq(100).sum() == moved.sum()
    rows = curated.challenges.set_index("challenge_id")
    assert rows.loc[100, "curated_posts"] == moved.sum()
    assert rows.loc[source, "curated_posts"] == (rows.loc[source, "n_posts"]
                                                 + rows.loc[merged, "n_posts"] - moved.sum())


def test_a_named_challenge_or_topic_whose_posts_moved_needs_review(demo_run):
    """Its id stayed but most of its posts went elsewhere: the team's name may no longer fit."""
    table = demo_run.challenges.challenges
    first, second, third = table["challenge_id"].astype(int).tolist()[:3]
    topic, other = demo_run.topics["topic_id"].astype(int).tolist()[:2]
    curation = parse_curation({
        "challenges": {f"C-{first:04d}": {"name": "Payments fail"},
                       f"C-{second:04d}": {"status": "known"}},
        "topics": {str(topic): {"name": "Ανανέωση συνδρομής"}}}, "curation.toml")
    kept = {"challenges": {first: 0.3, second: 0.9, third: 0.1}, "topics": {topic: 0.2, other: 0.1}}
    curated = apply_curation(curation, table, demo_run.topics, demo_run.posts, review_new=False,
                             kept=kept)
    rows = curated.challenges.set_index("challenge_id")
    assert rows["needs_review"].to_dict() == {n: n == first for n in rows.index}
    assert rows.loc[third, "kept_share"] == 0.1  # moved, but nobody named it
    topics = curated.topics.set_index("topic_id")
    assert topics["needs_review"].to_dict() == {n: n == topic for n in topics.index}
    assert f"challenge C-{first:04d} holds 30% of the posts it held in the previous run: check " \
           "that its name and status still fit" in curated.notes
    assert any(note.startswith(f"topic {topic} holds 20%") for note in curated.notes)


def test_a_named_challenge_gone_says_its_name_and_where_its_posts_went(demo_run):
    """Review 12, R12-1: after a refit the team's "in progress" challenge was in no challenge,
    and the note said only that C-0001 "vanished or was merged"; it names the team's name and
    status and where its posts are now, with the labels of the challenges that hold them."""
    table = demo_run.challenges.challenges
    first, second = table["challenge_id"].astype(int).tolist()[:2]
    labels = table.set_index("challenge_id")["label"]
    gone_id = int(table["challenge_id"].max()) + 7
    curation = parse_curation({"challenges": {f"C-{gone_id:04d}": {
        "name": "App: messages slow, crashes", "status": "in progress"}}}, "curation.toml")
    where = {"id": gone_id, "label": "app · open · send", "posts": 17, "not_analyzed": 0,
             "outside": 10, "moved": {first: 4, second: 3}}
    curated = apply_curation(curation, table, demo_run.topics, demo_run.posts, review_new=True,
                             gone={"challenges": [where]})
    assert curated.notes == [
        f"challenge C-{gone_id:04d} \u201cApp: messages slow, crashes\u201d (in progress) is gone: "
        f"no challenge of this run holds its posts (of its 17 posts in the previous run: 10 in no "
        f"challenge, 4 in C-{first:04d} ({labels[first]}), 3 in C-{second:04d} ({labels[second]})); "
        f"its decisions in curation.toml wait until a run has C-{gone_id:04d}: to keep following "
        "it, give its name and status to the challenge that holds its kind of posts now"]
