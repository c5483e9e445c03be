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
