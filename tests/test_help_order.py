"""The help leads with what the organiser uses; options for IT are listed apart."""

from __future__ import annotations

from conftest import run_cli


def test_the_commands_come_first_in_the_organisers_order(polish: None) -> None:
    text = run_cli("--help").stdout
    assert text.index("Polecenia:") < text.index("Opcje:") < text.index("Opcje dla informatyka:")
    commands = text.split("Polecenia:", 1)[1].split("\n\n", 1)[0].split()
    order = [word for word in commands if word in {"validate", "render", "new", "diff", "schema"}]
    assert order == ["validate", "render", "new", "diff", "schema"]
    assert "--install-completion" in text.split("Opcje dla informatyka:", 1)[1]


def test_technical_options_are_grouped_apart_in_a_command(polish: None) -> None:
    text = run_cli("render", "--help").stdout
    ordinary, technical = text.split("Opcje dla informatyka:", 1)
    assert "--strip" in ordinary and "--format" in ordinary
    assert "--jobs" in technical and "--template-dir" in technical
    assert "--jobs" not in ordinary


def test_strip_values_are_explained_in_polish_everywhere(polish: None) -> None:
    for command in ("render", "report", "lista"):
        text = " ".join(run_cli(command, "--help").stdout.split())
        assert "footer (stopka), header (nagłówek) lub first-page (pierwsza strona)" in text
