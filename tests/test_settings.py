"""models.toml: documented defaults, and errors that name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.errors import ConfigError
from summarize.settings import Settings, load_settings

from conftest import ROOT


def test_shipped_models_toml_documents_exactly_the_defaults() -> None:
    loaded = load_settings(ROOT / "models.toml")
    assert loaded.translation == Settings().translation
    assert loaded.summary == Settings().summary
    assert loaded.run == Settings().run
    assert loaded.input == Settings().input


def test_a_file_overrides_only_the_keys_it_sets(tmp_path: Path) -> None:
    config = tmp_path / "models.toml"
    config.write_text('[translation]\nnum_beams = 2\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.translation.num_beams == 2
    assert settings.translation.model == Settings().translation.model
    assert settings.summary == Settings().summary


BAD_CONFIGS = [
    ('[translation]\nbeams = 4\n', "'translation.beams'"),
    ('[translation]\nnum_beams = "four"\n', "'translation.num_beams' must be an integer"),
    ('[translation]\nnum_beams = 0\n', "must be at least 1"),
    ('[translation]\nnum_beams = true\n', "must be an integer"),
    ('[translation]\ndevice = "gpu"\n', "allowed: auto, cpu, cuda"),
    ('[summary]\nmethod = "magic"\n', "'summary.method'"),
    ('[summary]\nmax_words = 2.5\n', "must be an integer"),
    ('[output]\nfolder = "x"\n', "unknown table [output]"),
    ('translation = 3\n', "must be a table"),
    ('[run]\ncache = "yes"\n', "'run.cache' must be true or false"),
    ('[input.fields]\nbody = "text"\n', "'input.fields.body' must map one of text"),
    ('[translation]\ncompute_type = "int4"\n', "allowed: auto, int8"),
    ('[translation\n', "not valid TOML"),
    ('[translation]\nmax_output_ratio = nan\n', "'translation.max_output_ratio' is nan; must be a finite"),
    ('[translation]\nmin_confidence = -inf\n', "'translation.min_confidence' is -inf; must be a finite"),
    ('[run]\nray_gpus_per_actor = inf\n', "must be a finite number"),
    ('[run]\nbatch_articles = 0\n', "'run.batch_articles' is 0; must be at least 1"),
]


@pytest.mark.parametrize("text, message", BAD_CONFIGS)
def test_bad_configuration_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "models.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(config)
    assert str(config) in str(error.value)
    assert message in str(error.value)


def test_cli_reports_bad_configuration_without_traceback(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "models.toml"
    config.write_text('[translation]\nnum_beam = 4\n', encoding="utf-8")
    code, out, err = cli("run", ROOT / "seeds", "-o", tmp_path / "out", "--config", config)
    assert code == 2
    assert "unknown key 'translation.num_beam'" in err and str(config) in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_float_settings_accept_integers(tmp_path: Path) -> None:
    config = tmp_path / "models.toml"
    config.write_text('[translation]\nmax_output_ratio = 2\n', encoding="utf-8")
    assert load_settings(config).translation.max_output_ratio == 2.0


def test_the_named_choices_are_the_registries_names() -> None:
    """A backend, summary method or engine added to its registry must be one a user can choose, in
    models.toml and on the command line, and no choice may name what no registry holds."""
    from summarize.engines import ENGINES
    from summarize.settings import CHOICES
    from summarize.summary import SUMMARIZERS
    from summarize.translation import BACKENDS

    assert set(CHOICES["translation", "backend"]) == {"auto", *BACKENDS}
    assert set(CHOICES["summary", "method"]) == {"abstractive", *SUMMARIZERS}
    assert set(CHOICES["run", "engine"]) == set(ENGINES)


@pytest.mark.parametrize("option, key", [("--engine", ("run", "engine")),
                                         ("--backend", ("translation", "backend")),
                                         ("--device", ("translation", "device"))])
def test_the_command_line_offers_the_settings_choices(option: str, key: tuple[str, str], capsys) -> None:  # type: ignore[no-untyped-def]
    from summarize.cli import build_parser
    from summarize.settings import CHOICES

    parser = build_parser()
    for choice in CHOICES[key]:
        assert getattr(parser.parse_args(["run", option, choice]), key[1]) == choice
    with pytest.raises(SystemExit):
        parser.parse_args(["run", option, "no-such-choice"])
    assert "invalid choice" in capsys.readouterr().err


# A path given for a folder that cannot be one: refused before anything is read or written.
UNUSABLE_PATHS = {
    "-o naming a file": (["-o", "{file}"], "is a file, not a folder"),
    "--cache-dir naming a file": (["-o", "{out}", "--cache-dir", "{file}"], "is a file, not a folder"),
    "--log-file in a missing folder": (["-o", "{out}", "--log-file", "{missing}/run.log"],
                                       "cannot write the log file"),
}


@pytest.mark.parametrize("case", UNUSABLE_PATHS)
def test_an_unusable_path_is_a_usage_error_and_nothing_is_written(tmp_path: Path, cli, case: str) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "a file"
    file.write_text("mine", encoding="utf-8")
    places = {"file": file, "out": tmp_path / "out", "missing": tmp_path / "missing"}
    options, message = UNUSABLE_PATHS[case]
    code, _, err = cli("run", ROOT / "seeds", *[option.format(**places) for option in options])
    assert code == 2 and message in err and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file"]
    assert file.read_text(encoding="utf-8") == "mine"
