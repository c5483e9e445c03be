"""Every table a run writes has a declared schema: the run's tables follow it, ``load_run`` gives
the same types back, and a stage that breaks it fails naming every problem."""
import pandas as pd
import pytest

import mining
from mining.schema import KPI, RUN_TABLES, SchemaError, check_frame, check_table, empty_frame


def _tables(result) -> dict[str, pd.DataFrame]:
    return {name: result.topics if name == "topics" else getattr(result.challenges, name)
            for name in RUN_TABLES}


@pytest.mark.parametrize("name", RUN_TABLES)
def test_each_table_of_a_run_follows_its_schema(demo_run, name):
    table = _tables(demo_run)[name]
    check_frame(table, RUN_TABLES[name], name)
    assert list(table.columns) == list(RUN_TABLES[name])


def test_a_run_folder_loads_back_with_every_type(demo_run):
    loaded = _tables(mining.load_run(demo_run.out))
    for name, table in _tables(demo_run).items():
        assert loaded[name].dtypes.to_dict() == table.dtypes.to_dict(), name
        # CSV cannot tell an empty text from a missing one
        texts = [c for c, t in RUN_TABLES[name].items() if t in ("str", "string")]
        pd.testing.assert_frame_equal(loaded[name].fillna({c: "" for c in texts}),
                                      table.fillna({c: "" for c in texts}),
                                      check_exact=False, rtol=1e-9)


def test_a_broken_table_names_every_problem():
    table = pd.DataFrame({"kpi": ["mentions"], "scope": ["he"], "value": ["many"], "extra": [1]})
    with pytest.raises(SchemaError) as caught:
        check_table(table, KPI, "kpis")
    message = str(caught.value)
    assert "missing name" in message and "missing unit" in message
    assert "unexpected extra" in message and "value (str) is not float64" in message


def test_a_table_read_back_from_text_gets_its_types():
    table = pd.DataFrame({"kpi": ["response_rate"], "scope": ["all"], "name": ["2026"],
                          "value": [0.5], "unit": ["share"]})
    assert check_table(table, KPI, "kpis").dtypes.to_dict() == empty_frame(KPI).dtypes.to_dict()
    with_times = check_table(pd.DataFrame({c: [] for c in RUN_TABLES["spikes"]}),
                             RUN_TABLES["spikes"], "spikes")
    assert str(with_times["period_start"].dtype) == "datetime64[ns, UTC]"


def test_the_analyzed_rows_with_a_time_leave_the_posts_as_they_were():
    """A run of posts without times crashed in its write stage: taking the timed rows for a chart
    marked every post without a time not analyzed, in the posts' own column."""
    from mining.schema import analyzed_rows

    posts = pd.DataFrame({"analyzed": pd.array([True, True, False], dtype="boolean"),
                          "created_at": pd.to_datetime(["2026-10-01", None, "2026-10-02"], utc=True),
                          "lang": ["he", "el", "en"]})
    assert analyzed_rows(posts, ["lang"], timed=True)["lang"].tolist() == ["he"]
    assert posts["analyzed"].tolist() == [True, True, False]
