from pathlib import Path

import pytest

from mining.config import Config, documented_settings
from mining.errors import ConfigError

README = Path(__file__).resolve().parents[1] / "README.md"


def test_unknown_key_is_an_error_naming_the_key(tmp_path):
    path = tmp_path / "mining.toml"
    path.write_text("[topics]\nn_topic = 7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"n_topic.*\[E201\]"):
        Config.from_file(path)


def test_unknown_section_is_an_error():
    with pytest.raises(ConfigError, match="toppics"):
        Config.from_dict({"toppics": {}})


def test_wrong_type_is_an_error():
    with pytest.raises(ConfigError, match="min_topic_size"):
        Config.from_dict({"topics": {"min_topic_size": "ten"}})


def test_values_are_read():
    cfg = Config.from_dict({"topics": {"n_topics": 7}, "input": {"timezone": "Asia/Jerusalem"}})
    assert (cfg.topics.n_topics, cfg.input.timezone) == (7, "Asia/Jerusalem")


@pytest.mark.parametrize("section, key, default, doc", documented_settings())
def test_every_setting_is_documented_in_the_readme(section, key, default, doc):
    assert doc
    assert f"`{section}.{key}`" in README.read_text(encoding="utf-8")


def test_init_config_writes_a_config_that_reads_back(tmp_path, capsys):
    from mining.cli import main

    path = tmp_path / "mining.toml"
    assert main(["init-config", str(path)]) == 0
    config = Config.from_file(path)
    # every default written, with relative folders now relative to the config file
    assert config == (Config().updated("privacy", salt=config.privacy.salt)
                      .updated("run", reports_dir=str(tmp_path / "reports")))
    assert len(config.privacy.salt) == 32
    assert main(["init-config", str(path)]) == 2  # never overwrites without --force
    assert "E204" in capsys.readouterr().err


@pytest.mark.parametrize("section, key, value", [
    ("topics", "n_topics", 0), ("topics", "max_topic_share", 7.0), ("challenges", "period", "month"),
    ("challenges", "spike_method", "mad"), ("challenges", "recent_weeks", 0),
    ("input", "timezone", "Asia/Jerusalm"), ("embedding", "name", "bert"),
    ("topics", "merge", "yes"), ("challenges", "n_challenges", True)])
def test_bad_value_is_a_one_line_error_naming_file_and_key(tmp_path, section, key, value):
    path = tmp_path / "mining.toml"
    path.write_text(f"[{section}]\n{key} = {_toml(value)}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Config.from_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path} [{section}]: bad value for {key!r}") and "\n" not in message
    assert message.endswith("[E202]")


@pytest.mark.parametrize("section, key", [("embedding", "cache_dir"), ("run", "reports_dir")])
def test_a_folder_setting_naming_a_file_fails_when_the_config_loads(tmp_path, section, key):
    """Review 15 (R15-25): ``cache_dir = "/etc/passwd"`` passed the check and failed the run at
    the embed stage, after every input was read."""
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    path = tmp_path / "mining.toml"
    path.write_text(f'[{section}]\n{key} = "notes.txt"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"bad value for '{key}': names a file, not a folder"):
        Config.from_file(path)


def _toml(value):
    return str(value).lower() if isinstance(value, bool) else repr(value).replace("'", '"')


def test_values_at_the_edges_of_their_range_are_accepted():
    cfg = Config.from_dict({"topics": {"max_topic_share": 1, "max_outlier_share": 0.0},
                            "challenges": {"period": "week", "min_challenge_size": 2}})
    assert (cfg.topics.max_topic_share, cfg.challenges.period) == (1.0, "week")


def test_command_line_values_are_checked_as_config_values():
    with pytest.raises(ConfigError, match=r"command line \[topics\]: bad value for 'n_topics'"):
        Config().updated("topics", "command line", n_topics=0)


def _constrained(field) -> bool:
    kind = str(field.annotation)
    return bool(field.metadata) or "Literal" in kind or kind in ("bool", "<class 'bool'>")


@pytest.mark.parametrize("section, key", [(s, k) for s, k, _, _ in documented_settings()])
def test_every_setting_has_a_range_a_choice_or_a_reason_it_needs_none(section, key):
    field = getattr(Config(), section).__pydantic_fields__[key]
    reason = field.json_schema_extra["free"]
    assert _constrained(field) != bool(reason), (
        "give the setting a range (ge/gt/le, min_length, pattern) or a Literal, or say in "
        "free=... why any value of its type will do (and not both)")
