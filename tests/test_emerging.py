"""A new problem too small for a challenge (review 8, R8-11): a Greek game community's week in
which members report a shop outage ("error 503") in a few posts, copied word for word by others.
The earlier weeks talk about the same game (log-in, lobby, payments), never about the shop."""
import numpy as np
import pandas as pd

from mining.config import FilterConfig
from mining.emerging import emerging_problems
from mining.filter import mark_skips
from mining.increment import _confirmers
from mining.report.summary import emerging_line

EARLIER = [  # (author, text): the weeks the model was fitted on
    ("nikos", "πάλι δεν μπορώ να μπω στο lobby, βγάζει σφάλμα σύνδεσης"),
    ("maria", "το παιχνίδι κολλάει στο loading μετά το update"),
    ("eleni", "ξέχασα τον κωδικό και το reset δεν δουλεύει"),
    ("giorgos", "δεν μου έρχεται ο κωδικός επαλήθευσης στο email"),
    ("kostas", "μου χρέωσαν δύο φορές την κάρτα για τα coins"),
    ("dimitra", "το lobby αργεί πάρα πολύ να φορτώσει το βράδυ"),
    ("petros", "πότε θα φτιάξετε το matchmaking, περιμένω δέκα λεπτά"),
    ("sofia", "η εφαρμογή κλείνει μόνη της όταν ανοίγω το προφίλ"),
] * 6  # six weeks of the same problems, each text its own post
WEEK = [  # the new week: the same problems, and the shop outage of one morning
    ("anna", "πάλι σφάλμα σύνδεσης στο lobby σήμερα το πρωί"),
    ("nikos", "το matchmaking αργεί ακόμα πολύ"),
    ("maria", "μετά το update δεν μπορώ να αγοράσω skins, βγάζει error 503"),
    ("eleni", "το κατάστημα skins δεν ανοίγει καθόλου, error 503"),
    ("kostas", "error 503 στο shop από χθες το βράδυ"),
    ("petros", "error 503 στο shop από χθες το βράδυ"),  # copies by other members
    ("sofia", "το κατάστημα skins δεν ανοίγει καθόλου, error 503"),
]


def _posts(earlier, week) -> pd.DataFrame:
    # one week of the earlier ones a day; the same text each week is a post of its own
    rows = [(a, f"{t} (εβδομάδα {'αβγδεζ'[i // 8]})", "2026-09-0%d" % (1 + i // 8))
            for i, (a, t) in enumerate(earlier)]
    rows += [(a, t, "2026-09-25") for a, t in week]
    posts = pd.DataFrame({
        "post_id": [f"p{i}" for i in range(len(rows))], "author": [a for a, _, _ in rows],
        "text_norm": [t for _, t, _ in rows], "lang": "el", "source_file": "chat.json",
        "channel": "general", "kind": "message", "deleted": pd.array([False] * len(rows), dtype="boolean"),
        "created_at": pd.to_datetime([d for _, _, d in rows], utc=True)
        + pd.to_timedelta(np.arange(len(rows)), unit="min")})
    return mark_skips(posts, FilterConfig())


def _alerts(posts: pd.DataFrame, n_earlier: int) -> list[dict]:
    analyzed = posts[posts["analyzed"].astype(bool)]
    is_new = np.asarray(analyzed.index >= n_earlier)
    return emerging_problems(analyzed, is_new, is_new.copy(), _confirmers(posts, analyzed))


def test_a_few_members_reporting_a_new_problem_raise_an_alert_with_quotes():
    posts = _posts(EARLIER, WEEK)
    assert posts["skip_reason"].eq("duplicate").sum() == 2  # the copies: confirmations
    [alert] = _alerts(posts, len(EARLIER))
    assert alert["terms"][0] == "error" and alert["label"].startswith("error")
    assert alert["new_posts"] == 3 and alert["confirmations"] == 2 and alert["members"] == 5
    assert alert["chance"] < 1e-4
    assert "error 503 στο shop από χθες το βράδυ" in alert["quotes"]
    line = emerging_line(alert)  # the report's alert
    assert line.startswith("A new problem may be starting (error") and "5 members" in line
    assert "2 confirmations" in line and "“error 503 στο shop από χθες το βράδυ”" in line


def test_without_the_copies_three_posts_are_no_alert_and_an_ordinary_week_neither():
    posts = _posts(EARLIER, [w for w in WEEK if w[0] not in ("petros", "sofia")])
    assert _alerts(posts, len(EARLIER)) == []  # 3 posts by 3 members: fewer than 5
    ordinary = [(a, t.replace("πάλι", "σήμερα")) for a, t in EARLIER[:8]]
    assert _alerts(_posts(EARLIER, ordinary), len(EARLIER)) == []


def test_a_weekly_run_splits_only_the_weeks_posts_and_finds_the_same_alert():
    """Issue 13, item 4: the alert tokenized every post of the history on each weekly run (48.5 s
    of a 245 s week at 100k). The previous run's words, saved and read back as arrays, leave only
    the week's posts to split, and the alert is the same."""
    from mining.lang import texts_read
    from mining.lang.analyze import WordCache
    from mining.topics.describe import token_docs

    posts = _posts(EARLIER, WEEK)
    analyzed = posts[posts["analyzed"].astype(bool)]
    is_new = np.asarray(analyzed.index >= len(EARLIER))
    earlier = analyzed[~is_new]
    kept = WordCache()  # the previous run's: the words of its posts
    token_docs(texts_read(earlier).tolist(), earlier["lang"].tolist(), words=kept)
    words = WordCache(kept.arrays())
    assert len(words.known) == earlier["text_norm"].nunique()
    alerts = emerging_problems(analyzed, is_new, is_new.copy(), _confirmers(posts, analyzed),
                               words=words)
    assert alerts == _alerts(posts, len(EARLIER)) and len(alerts) == 1
    # split now: the week's texts only; every analyzed post's words kept for the next run
    assert len(words.known) - len(kept.known) == analyzed.loc[is_new, "text_norm"].nunique()
    assert len(set(words.used.tolist())) == analyzed["text_norm"].nunique()


def test_a_new_problem_mostly_in_a_new_challenge_names_it_in_one_alert():
    """Review 12, R12-12: the week's new words were mostly in a challenge new in this run, but
    made less than half of it: the report had "C-0002 ... is accelerating" and a second alert,
    "A new problem may be starting", for one problem. The alert names the challenge, quotes its
    posts there first, and the challenge has no line of its own."""
    from mining.report.summary import _alerts

    posts = _posts(EARLIER, WEEK)
    analyzed = posts[posts["analyzed"].astype(bool)]
    is_new = np.asarray(analyzed.index >= len(EARLIER))
    outage = analyzed["text_norm"].str.contains("503").to_numpy()
    ids = np.where(outage, 7.0, np.nan)
    ids[np.flatnonzero(~is_new)[:10]] = 7  # older posts make most of the new challenge
    [alert] = emerging_problems(analyzed, is_new, is_new.copy(), _confirmers(posts, analyzed),
                                challenges=(ids, [7]))
    assert alert["challenge_id"] == 7 and alert["in_challenge"] == 3
    table = pd.DataFrame({"challenge_id": [7, 8], "label": ["skins · shop · 503", "lobby · αργεί"],
                          "trend": ["accelerating", "new"]})
    line = emerging_line(alert, table)
    assert ("members since the last fit, 3 of them in challenge C-0007 (skins · shop · 503), new "
            "in this run: \u201c") in line
    assert _alerts(table, pd.DataFrame(), None, {7}) == ["C-0008 (lobby · αργεί) is new."]
    # half of the new challenge too: it is that challenge, which the report names already
    ids[np.flatnonzero(~is_new)[:10]] = np.nan
    assert emerging_problems(analyzed, is_new, is_new.copy(), _confirmers(posts, analyzed),
                             challenges=(ids, [7])) == []


def test_one_problem_said_in_other_words_is_one_alert_when_its_posts_share_a_topic():
    """Review 13 (R13-8): one morning's login failures were four alerts, "(login)", "(log)",
    "(password)", "(sign)": members say it in other words, in posts that share none. The topic
    model puts them in one topic; terms whose posts are mostly in one topic are one problem."""
    said = [("anna", "δεν μπορώ να κάνω login από το πρωί"), ("yannis", "το login βγάζει λάθος"),
            ("eva", "κανένα login δεν περνάει σήμερα"), ("lefteris", "login αδύνατο στο κινητό"),
            ("marina", "ούτε από τον υπολογιστή login"),
            ("stelios", "ο password reset δεν στέλνει τίποτα"), ("rena", "λάθος password λέει συνέχεια"),
            ("vasilis", "άλλαξα password και πάλι τίποτα"), ("christos", "password ξεχασμένο δεν είναι"),
            ("niki", "το σωστό password το απορρίπτει")]
    posts = _posts(EARLIER, said)
    analyzed = posts[posts["analyzed"].astype(bool)]
    is_new = np.asarray(analyzed.index >= len(EARLIER))
    alerts = emerging_problems(analyzed, is_new, is_new.copy(), _confirmers(posts, analyzed))
    assert sorted(a["terms"][0] for a in alerts) == ["login", "password"]
    topics = np.where(is_new, 7, -1)
    [alert] = emerging_problems(analyzed, is_new, is_new.copy(), _confirmers(posts, analyzed),
                                topics=topics)
    assert set(alert["terms"]) >= {"login", "password"} and alert["new_posts"] == 10
