import dataclasses

import pandas as pd
import pytest

from mining.challenges import CHALLENGE_POST, analyze_challenges
from mining.config import BrandConfig, ChallengesConfig
from mining.schema import CHALLENGE, CONTENT_FEED, RUN_TABLES, check_table
from mining.embed.align import LanguageAligner

# (language, text) of complaints and questions on three challenges, then praise and chit-chat.
TEXTS = [
    ("he", "קוד האימות לא מגיע ב-SMS, לא מצליח להתחבר"),
    ("he", "שוב לא מגיע לי קוד כניסה, ניסיתי עשר פעמים"),
    ("he", "האפליקציה קורסת מיד כשאני פותח אותה"),
    ("he", "מאז העדכון האפליקציה נסגרת לבד, נמאס"),
    ("he", "המשלוח הגיע באיחור של שעתיים בלי שום עדכון"),
    ("he", "השליח שוב איחר, חלון של 18-19 והגיע ב-21"),
    ("el", "Δεν έρχεται ο κωδικός SMS και δεν μπορώ να συνδεθώ"),
    ("el", "Ο κωδικός επιβεβαίωσης δεν ήρθε ποτέ, τρίτη φορά"),
    ("el", "Η εφαρμογή κρασάρει μόλις την ανοίγω"),
    ("el", "Μετά την ενημέρωση η εφαρμογή κλείνει μόνη της"),
    ("el", "Η παραγγελία άργησε δύο ώρες χωρίς καμία ενημέρωση"),
    ("el", "Ο κούριερ ήρθε πάλι εκτός ώρας παράδοσης"),
    ("en", "The SMS login code never arrives, can't sign in"),
    ("en", "Still no verification code, tried ten times"),
    ("en", "The app crashes as soon as I open it"),
    ("en", "Since the update the app closes by itself"),
    ("en", "My delivery was two hours late with no update"),
    ("en", "Courier missed the delivery window again"),
    ("en", "Anyone else not getting the login code today?"),
    ("en", "App keeps crashing on Android after the update"),
    ("he", "למה ההזמנה שלי תמיד מגיעה באיחור?"),
    ("el", "Γιατί δεν έρχεται ο κωδικός σύνδεσης;"),
    ("en", "Thank you, great service!"),
    ("he", "תודה רבה, אלופים"),
    ("el", "Καλημέρα σε όλους"),
    ("en", "Sorry about that, please send us your order number"),
]
BRAND = "Basketo Team"


@pytest.fixture(scope="module")
def corpus(embed):
    n = len(TEXTS)
    start = pd.Timestamp("2026-06-01 08:00", tz="UTC")
    posts = pd.DataFrame({
        "post_id": [f"p{i}" for i in range(n)], "source": "csv", "source_file": "posts.csv",
        "source_id": [str(i) for i in range(n)], "channel": ["he-group"] * 6 + ["el-group"] * 6 + ["en"] * 14,
        "thread_id": pd.NA, "parent_id": [pd.NA] * (n - 1) + ["16"],
        "author": [f"member{i % 17}" for i in range(n - 1)] + [BRAND],
        "created_at": [start + pd.Timedelta(days=3 * i) for i in range(n)],
        "kind": "message", "text_norm": [t for _, t in TEXTS], "lang": [lang for lang, _ in TEXTS],
        "reactions": pd.array([i % 3 for i in range(n)], dtype="Int64"), "reply_count": pd.NA,
        "analyzed": True, "topic_id": -1,
    })
    for column in ("post_id", "source", "source_file", "source_id", "channel", "thread_id",
                   "parent_id", "author", "kind", "text_norm", "lang"):
        posts[column] = posts[column].astype("string")
    posts["reply_count"] = posts["reply_count"].astype("Int64")
    vectors = embed(posts["text_norm"].tolist())
    aligned = LanguageAligner(min_posts=5).fit_transform(vectors, posts["lang"].to_numpy())
    return posts, vectors, aligned


# 22 complaints and questions, just above the 20 a clustering needs: with the confidence gate
# (test_posts_typed_without_confidence_stay_out_of_challenges), the heads' doubt on two or three
# of them decides whether this stage clusters at all; the other tests are about its tables
CONFIG = ChallengesConfig(min_challenge_size=4, min_question_size=3, max_challenge_share=0.5,
                          min_confidence=0.0)


def test_posts_typed_without_confidence_stay_out_of_challenges(corpus):
    posts, vectors, aligned = corpus
    # At 0.6, not the default 0.5: the heads retrained with the "me too" seeds are surer of this
    # corpus's complaints (the least sure at 0.51, 0.42 before), and the gate needs some under it.
    typed = analyze_challenges(posts, vectors, aligned,
                               dataclasses.replace(CONFIG, min_confidence=0.6)).posts
    clustered_type = typed["feedback_type"].isin(["complaint", "question", "request"])
    gated = clustered_type & ~typed["is_spam"] & (typed["feedback_confidence"] >= 0.6)
    assert (clustered_type & ~gated).any()  # some complaint or question the heads doubt
    assert typed["challenge_id"].notna().tolist() == gated.tolist()


def test_full_run(corpus):
    posts, vectors, aligned = corpus
    result = analyze_challenges(posts, vectors, aligned, CONFIG,
                                brand=BrandConfig(accounts=[BRAND], terms=["Basketo"]))
    assert list(result.posts.columns) == ["post_id", *CHALLENGE_POST]
    assert {c: str(t) for c, t in result.posts.dtypes.items() if c != "post_id"} == CHALLENGE_POST
    assert result.posts["post_id"].tolist() == posts["post_id"].tolist()
    assert result.posts["feedback_type"].iloc[-1] == "other"  # the brand's answer
    table = result.challenges
    assert len(table) >= 2
    parts = [f"priority_{p}" for p in ("volume", "authors", "negativity", "growth", "engagement")]
    assert table[parts].apply(lambda c: c.between(0, 1)).all().all()
    assert table["priority"].is_monotonic_decreasing
    assert (table["n_he"] + table["n_el"] + table["n_en"] + table["n_other_lang"] == table["n_posts"]).all()
    clustered = result.posts["challenge_id"].dropna()
    assert set(clustered[clustered >= 0]) == set(table["challenge_id"])
    assert "time" not in result.notes and "brand_accounts" not in result.notes
    assert set(result.kpis["kpi"]) >= {"response_rate", "mentions"}
    assert list(result.spikes.columns) == ["scope", "challenge_id", "period", "period_start", "count",
                                           "baseline", "score", "alarm"]


def test_missing_signals_are_explained_not_zero(corpus):
    posts, vectors, aligned = corpus
    bare = posts.drop(columns=["created_at", "parent_id", "reactions"])
    bare["author"] = pd.array([pd.NA] * len(bare), dtype="string")
    result = analyze_challenges(bare, vectors, aligned, CONFIG)
    for key in ("time", "threads", "brand_accounts", "reactions", "mentions", "community_weekly"):
        assert key in result.notes, key
    table = result.challenges
    assert table["first_seen"].isna().all() and table["growth"].isna().all()
    assert table["share_answered"].isna().all() and table["reactions"].isna().all()
    assert table["trend"].isna().all() and table["spike_periods"].isna().all()
    assert "growth" in result.notes["priority"] and "engagement" in result.notes["priority"]
    assert result.spikes.empty and result.kpis.empty and result.community_weekly.empty


def test_too_few_posts_say_so(corpus):
    posts, vectors, aligned = corpus
    result = analyze_challenges(posts.iloc[:5], vectors[:5], aligned[:5], ChallengesConfig())
    assert "challenges" in result.notes and "content_feed" in result.notes
    assert result.challenges.empty and result.content_feed.empty
    assert (result.posts["challenge_id"].dropna() == -1).all()
    # the empty tables carry their schema's columns and types
    # challenges gets its status in the pipeline, the written tables their quotes' references
    for name, schema in {**RUN_TABLES, "content_feed": CONTENT_FEED}.items():
        if name not in ("topics", "challenges"):
            check_table(getattr(result, name), schema, name)
    assert list(result.challenges.columns) == [c for c in CHALLENGE if c != "status"]


def test_all_posts_adds_replies_that_were_not_analyzed(corpus):
    posts, vectors, aligned = corpus
    thanks = posts.iloc[[0]].assign(post_id="thanks", source_id="99", parent_id="0", author="member5",
                                    text_norm="תודה!", analyzed=False)
    everything = pd.concat([posts, thanks], ignore_index=True)
    result = analyze_challenges(posts, vectors, aligned, CONFIG, all_posts=everything)
    health = result.community_health.set_index("metric")["value"]
    assert health["replies"] >= 1
    assert len(result.posts) == len(posts)


def test_posts_missing_from_all_posts_is_an_error(corpus):
    posts, vectors, aligned = corpus
    with pytest.raises(ValueError, match="not in all_posts"):
        analyze_challenges(posts, vectors, aligned, CONFIG, all_posts=posts.iloc[:3])


def test_replies_to_posts_that_were_not_analyzed(corpus):
    """Members answer an emoji-only post, a one-word post and a repeated text: none of them was
    typed, so none is a complaint or question that the reply answered."""
    posts, vectors, aligned = corpus
    first = posts.iloc[[0]]
    unanalyzed = pd.concat([
        first.assign(post_id="emoji", source_id="100", parent_id=pd.NA, author="member3", text_norm="👍"),
        first.assign(post_id="reply-emoji", source_id="101", parent_id="100", author="member4",
                     text_norm="😂😂"),
        first.assign(post_id="word", source_id="102", parent_id=pd.NA, author="member5", text_norm="תודה"),
        first.assign(post_id="reply-word", source_id="103", parent_id="102", author="member6",
                     text_norm="Παρακαλώ, ό,τι χρειαστείς"),
        first.assign(post_id="repeat", source_id="104", parent_id=pd.NA, author="member7"),
        first.assign(post_id="reply-repeat", source_id="105", parent_id="104", author="member8",
                     text_norm="Same here, the code never comes"),
    ]).assign(analyzed=False)
    everything = pd.concat([posts, unanalyzed], ignore_index=True)
    result = analyze_challenges(posts, vectors, aligned, CONFIG, all_posts=everything,
                                brand=BrandConfig(accounts=[BRAND]))
    health = result.community_health.set_index("metric")["value"]
    assert health["replies"] == 1 + 3  # the brand's answer in the corpus, and the three replies
    helpful = result.helpful_members.set_index("member")["answers_to_others"]
    assert all(helpful.get(m, 0) == 0 for m in ("member4", "member6", "member8"))
    assert len(result.posts) == len(posts)


# Short Croatian posts that read as Greeklish; after stop words each is the same one term.
CROATIAN = ["Ruši se!", "Se ruši!", "Ruši se?", "se ruši."]


def test_a_language_whose_feedback_has_one_term(embed):
    """Keywords are found for a language whose feedback posts share a single term (BERTopic's
    c-TF-IDF transformer fails on a one-term vocabulary)."""
    from mining.challenges.clusters import challenge_model
    from mining.lang import detect_language
    from mining.topics.describe import token_docs

    texts = [t for lang, t in TEXTS if lang != "el"] + CROATIAN
    langs = [detect_language(t)[0] for t in texts]
    assert langs[-4:] == ["el"] * 4 and len(set(token_docs(CROATIAN, ["el"] * 4)[0])) == 1
    posts = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(texts))], "text_norm": texts,
                          "lang": langs})
    vectors = embed(texts)
    aligned = LanguageAligner(min_posts=3).fit_transform(vectors, posts["lang"].to_numpy())
    config = ChallengesConfig(min_challenge_size=3, max_challenge_share=0.5)
    model = challenge_model(config).fit(posts, aligned)
    greek = model.table_[model.table_["n_el"] > 0]
    assert model.clustered_ and (greek["n_el"] >= 2).any()
    # a keyword is held by two posts: a challenge with one of them in the language has none
    assert set(greek["keywords_el"]) <= {"ruši", ""}
    assert set(greek.loc[greek["n_el"] >= 2, "keywords_el"]) == {"ruši"}


def _telegram_message(i: int, author: str, text: str, reply_to: int | None = None) -> dict:
    message = {"id": i, "type": "message", "date": f"2026-06-01T07:{i:02d}:00",
               "date_unixtime": str(1780297200 + 60 * i), "from": author,
               "from_id": f"user{sum(map(ord, author))}", "text": text,
               "text_entities": [{"type": "plain", "text": text}]}
    if reply_to is not None:
        message["reply_to_message_id"] = reply_to
    return message


def test_a_run_on_a_telegram_export_with_replies_to_an_emoji_given_twice(tmp_path):
    """A Telegram chat where members reply to an emoji and to a one-word reaction, given twice:
    exported again a day later, with one message more (every other post of the second export is
    a duplicate), and as the same file twice (read once): the run finishes."""
    import json

    import mining
    from mining.config import Config

    messages = [
        _telegram_message(1, "Κατερίνα Μ.", "Η παραγγελία μου άργησε δύο ώρες και κανείς δεν απαντάει"),
        _telegram_message(2, "Ρένα Αλεξίου", "👍", reply_to=1),
        _telegram_message(3, "Νίκος Π.", "Ρένα, εσύ την πήρες τελικά την παραγγελία σου;", reply_to=2),
        _telegram_message(4, "Ρένα Αλεξίου", "Ναι", reply_to=3),
        _telegram_message(5, "Κατερίνα Μ.", "Κι εμένα ήρθε στο τέλος, αλλά κρύα", reply_to=4),
    ]
    later = messages + [_telegram_message(6, "Νίκος Π.", "Κατερίνα, και σε μένα ήρθε κρύα χθες",
                                          reply_to=5)]
    for name, held in (("first", messages), ("later", later)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "result.json").write_text(json.dumps(
            {"name": "Basketo Ελλάδα - Κοινότητα", "type": "private_supergroup",
             "id": 1987654321, "messages": held}, ensure_ascii=False), encoding="utf-8")
    config = Config().updated("embedding", cache_dir=str(tmp_path / "cache"))
    later = tmp_path / "later" / "result.json"
    result = mining.run([str(tmp_path / "first"), str(later)], tmp_path / "run", config)
    assert result.manifest["status"] == "ok"
    assert len(result.posts) == 6 and result.posts["analyzed"].sum() == 4  # the first, read once
    result = mining.run([str(later), str(later)], tmp_path / "twice", config)
    assert len(result.posts) == 6 and result.manifest["inputs"][1]["repeats"] == "result.json"
    extra = later.with_name("extra.json")  # one more message, so both files are read
    extra.write_text(later.read_text(encoding="utf-8").replace('"id": 6,', '"id": 7,').replace(
        "χθες", "σήμερα"), encoding="utf-8")
    result = mining.run([str(later), str(extra)], tmp_path / "both", config)
    assert len(result.posts) == 12 and result.posts["analyzed"].sum() == 5
    assert set(result.posts["skip_reason"].dropna()) == {"emoji_only", "reaction", "duplicate"}
    health = result.challenges.community_health.set_index("metric")["value"]
    assert health["replies"] >= 4


def test_a_corpus_that_begins_midweek_raises_no_spike_in_its_second_week():
    """Posts at a flat rate from a Wednesday: the first week holds 5 of its 7 days. Counted, it
    was the second week's whole baseline (336 posts against 504) and flagged a spike in every
    scope; left out, the flat rate raises none."""
    from mining.challenges.analyze import find_spikes

    times = pd.Series(pd.date_range("2025-01-01 08:00", "2025-03-30 20:00", freq="20min", tz="UTC"))
    posts = pd.DataFrame({"created_at": times})
    typed = pd.DataFrame({"feedback_type": "complaint",
                          "challenge_id": pd.array([0] * len(times), dtype="Int64")})
    (spikes, counts), _ = find_spikes(posts, typed, ChallengesConfig(period="week"))
    assert spikes.empty and counts == {0: 0}


@pytest.mark.parametrize("channel", [None, "בסקטו"])
def test_the_first_week_of_a_second_export_after_a_gap_is_no_spike(channel):
    """Two exports of one group, January to March and September to November, at one flat rate:
    the months between them are nobody's export, not quiet weeks. Counted as zeros, the first
    week of the second export was a spike against 0.0 expected; a real surge after it still is.
    So with the group's name on both (a chat's exports): the group's span was taken whole."""
    from mining.challenges.analyze import find_spikes

    first = pd.date_range("2025-01-06", "2025-03-30 20:00", freq="2h", tz="UTC")
    second = pd.date_range("2025-09-01", "2025-11-30 20:00", freq="2h", tz="UTC")
    surge = pd.date_range("2025-11-10", "2025-11-16 20:00", freq="20min", tz="UTC")
    times = pd.Series(first.append(second).append(surge))
    files = ["q1.txt"] * len(first) + ["q4.txt"] * (len(second) + len(surge))
    posts = pd.DataFrame({"created_at": times, "source_file": files,
                          "channel": pd.array([channel] * len(times), dtype="string")})
    typed = pd.DataFrame({"feedback_type": "other",
                          "challenge_id": pd.array([-1] * len(times), dtype="Int64")})
    (spikes, _), _ = find_spikes(posts, typed, ChallengesConfig(period="week"))
    flagged = spikes.loc[spikes["scope"] == "all_posts", "period_start"].dt.strftime("%Y-%m-%d")
    assert flagged.tolist() == ["2025-11-10"]


def test_a_weekly_run_of_a_long_history_checks_its_last_week_by_days():
    """Review 14 (R14-7): a year-long group binned by weeks (``period = "auto"``); 14 login
    reports in one morning of the last week, against about 3 a day, made 34 in the week against
    20 a week before: no weekly spike, and no alarm. Its last week is tested by days too, and
    one day of a week flagged as a whole is not flagged again."""
    from mining.challenges.analyze import find_spikes

    year = pd.date_range("2025-12-01", "2026-12-05 20:00", freq="8h24min", tz="UTC")
    morning = pd.date_range("2026-12-03 08:00", "2026-12-03 11:15", periods=14, tz="UTC")
    times = pd.Series(year.append(morning))
    posts = pd.DataFrame({"created_at": times, "source_file": "chat.txt"})
    typed = pd.DataFrame({"feedback_type": "complaint",
                          "challenge_id": pd.array([0] * len(times), dtype="Int64")})
    (spikes, counts), _ = find_spikes(posts, typed, ChallengesConfig(period="auto"))
    days = spikes[spikes["period"] == "day"]
    assert spikes[spikes["period"] == "week"].empty
    assert set(days["scope"]) == {"all_posts", "complaints", "challenge"}
    assert set(days["period_start"].dt.strftime("%Y-%m-%d")) == {"2026-12-03"}
    assert days["alarm"].all() and counts == {0: 1}
    week = pd.Series(pd.date_range("2026-11-30 08:00", "2026-12-03 11:00", periods=60, tz="UTC"))
    posts = pd.DataFrame({"created_at": pd.concat([times, week], ignore_index=True),
                          "source_file": "chat.txt"})
    typed = typed.reindex(range(len(posts))).fillna({"feedback_type": "complaint", "challenge_id": 0})
    (spikes, _), _ = find_spikes(posts, typed, ChallengesConfig(period="auto"))
    assert not spikes.empty and set(spikes["period"]) == {"week"}  # the week's, not its days'


def test_a_thread_opened_for_an_outage_is_a_spike_of_its_server():
    """Review 15 (P15-1): a Discord thread, exported as its own file, holds an outage's 35 posts
    of one day. Taken as a history of its own beside its channel, it read every other day as a
    quarter covered, and no spike was flagged; it is a day of its parent channel."""
    from mining.challenges.analyze import find_spikes

    days = pd.date_range("2026-11-01 08:00", "2026-11-30 20:00", freq="2h", tz="UTC")
    thread = pd.date_range("2026-11-20 09:00", "2026-11-20 18:00", periods=35, tz="UTC")
    times = pd.Series(days.append(thread))
    posts = pd.DataFrame({
        "created_at": times,
        "source_file": ["Flowly - support [1].json"] * len(days)
                       + ["Flowly - support - Login loop [905].json"] * len(thread),
        "channel": pd.array(["support"] * len(days) + ["support / Login loop"] * len(thread),
                            dtype="string")})
    typed = pd.DataFrame({"feedback_type": "other",
                          "challenge_id": pd.array([-1] * len(times), dtype="Int64")})
    (spikes, _), _ = find_spikes(posts, typed, ChallengesConfig(period="day"))
    flagged = spikes.loc[spikes["scope"] == "all_posts", "period_start"].dt.strftime("%Y-%m-%d")
    assert flagged.tolist() == ["2026-11-20"]


def test_a_chat_beginning_beside_a_sparse_file_raises_no_spike_in_its_first_week():
    """A channel's comments, a few a month for four years, beside a group chat exported from a
    Friday: the weeks before the chat were covered by the comments alone, quiet history, and the
    chat's first week was a spike against 0.0 expected. A real surge in the chat still is one."""
    from mining.challenges.analyze import find_spikes

    comments = pd.date_range("2021-12-29", "2026-01-29", periods=100, tz="UTC")
    chat = pd.date_range("2024-03-01 08:00", "2024-06-30 20:00", freq="4h", tz="UTC")
    surge = pd.date_range("2024-06-03", "2024-06-09 20:00", freq="30min", tz="UTC")
    times = pd.Series(comments.append(chat).append(surge))
    posts = pd.DataFrame({
        "created_at": times,
        "source_file": ["comments.json"] * len(comments) + ["chat.txt"] * (len(chat) + len(surge)),
        "channel": pd.array([None] * len(comments) + ["ועד הבית"] * (len(chat) + len(surge)),
                            dtype="string")})
    typed = pd.DataFrame({"feedback_type": "other",
                          "challenge_id": pd.array([-1] * len(times), dtype="Int64")})
    (spikes, _), _ = find_spikes(posts, typed, ChallengesConfig(period="week"))
    flagged = spikes.loc[spikes["scope"] == "all_posts", "period_start"].dt.strftime("%Y-%m-%d")
    assert flagged.tolist() == ["2024-06-03"]


def test_copies_and_me_toos_by_other_members_count_in_the_complaints_spike():
    """Review 8, R8-11: a morning's outage, 4 complaints and 5 copies of them by other members
    ("duplicate" with ``agrees_with``) and a "me too". Counted alone, 4 complaints are below
    ``spike_min_count`` (5); with their confirmations the day is a spike of complaints."""
    from mining.challenges.analyze import find_spikes

    quiet = pd.date_range("2026-08-01 09:00", "2026-09-24 09:00", freq="3D", tz="UTC")
    outage = pd.date_range("2026-09-25 07:28", periods=4, freq="30min", tz="UTC")
    times = pd.Series(quiet.append(outage))
    posts = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(times))], "created_at": times,
                          "source_file": "chat.json", "channel": pd.array(["general"] * len(times),
                                                                          dtype="string")})
    typed = pd.DataFrame({"feedback_type": "complaint",
                          "challenge_id": pd.array([-1] * len(times), dtype="Int64")})
    last = [f"p{i}" for i in range(len(quiet), len(times))]
    confirming = pd.DataFrame({
        "post_id": [f"c{i}" for i in range(6)], "author": [f"m{i}" for i in range(6)],
        "agrees_with": [last[0], last[0], last[1], last[2], last[3], last[3]],
        "created_at": [outage[-1] + pd.Timedelta(minutes=10 * i) for i in range(6)]})
    config = ChallengesConfig(period="day")
    (alone, _), _ = find_spikes(posts, typed, config)
    (spikes, _), _ = find_spikes(posts, typed, config, pd.concat([posts, confirming]))
    assert alone[alone["scope"] == "complaints"].empty
    flagged = spikes.loc[spikes["scope"] == "complaints"]
    assert flagged["period_start"].dt.strftime("%Y-%m-%d").tolist() == ["2026-09-25"]
    assert flagged["count"].tolist() == [10]
    assert spikes[spikes["scope"] == "all_posts"].empty  # the posts themselves: 4
