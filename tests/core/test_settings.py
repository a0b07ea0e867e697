from __future__ import annotations

import json
import sys
from pathlib import Path

import platformdirs
import pytest

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.settings import (
    DEFAULT_MODEL,
    PROJECT_ROOT,
    default_home,
    describe_options,
    load_settings,
    save_settings,
)


def test_defaults_and_paths(home: Path) -> None:
    settings = load_settings(home, environ={})
    assert settings.model == DEFAULT_MODEL
    assert settings.batch_size == 32
    assert settings.db_path == home.resolve() / "data" / "callcenter.db"
    assert settings.index_dir == home.resolve() / "indexes"


def test_order_file_then_env_then_overrides(home: Path) -> None:
    (home / "settings.json").write_text(json.dumps({"version": 1, "batch_size": 8, "model": "file-model"}))
    settings = load_settings(home, environ={"CALLCENTER_MODEL": "env-model"})
    assert settings.batch_size == 8 and settings.model == "env-model"
    settings = load_settings(home, overrides={"model": "/models/qwen"}, environ={"CALLCENTER_MODEL": "env-model"})
    assert settings.model == "/models/qwen"


def test_home_from_environment(tmp_path: Path) -> None:
    settings = load_settings(None, environ={"CALLCENTER_HOME": str(tmp_path)})
    assert settings.home == tmp_path.resolve()


def test_a_checkout_is_its_own_home(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    assert default_home(tmp_path) == tmp_path
    assert load_settings(None, environ={}).home == PROJECT_ROOT  # the tests run from a checkout


def test_an_installed_package_keeps_its_data_in_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_packages = tmp_path / "site-packages"  # where an installed callcenter_ai lives: no pyproject.toml
    site_packages.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    home = default_home(site_packages)
    assert home == Path(platformdirs.user_data_dir("CallCenterAI", appauthor=False))
    if sys.platform.startswith("linux"):
        assert home == tmp_path / "xdg" / "CallCenterAI"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"batch_size": "many"}', "option 'batch_size' must be int"),
        ('{"search_mode": "fuzzy"}', "must be one of"),
        ('{"colour": "red"}', "unknown options ['colour']"),
        ('{"version": 99}', "newer than this app"),
        ("[1, 2]", "must be a JSON object"),
        ("{broken", "cannot read settings"),
    ],
)
def test_bad_settings_file_says_what_and_where(home: Path, content: str, message: str) -> None:
    (home / "settings.json").write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_settings(home, environ={})
    assert message in str(caught.value)
    assert "settings.json" in str(caught.value)


def test_save_round_trip(home: Path) -> None:
    settings = load_settings(home, environ={})
    saved = save_settings(settings, {"dims": "512", "offline_fallback": "false"})
    assert saved.dims == 512 and saved.offline_fallback is False
    again = load_settings(home, environ={})
    assert again.dims == 512 and again.offline_fallback is False
    with pytest.raises(ConfigError):
        save_settings(settings, {"dims": "300"})


def test_every_option_is_described() -> None:
    for option in describe_options():
        assert option["help"], option["name"]
