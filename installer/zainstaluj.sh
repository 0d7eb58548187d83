#!/bin/sh
# Instaluje osl-plan @VERSION@ z tego pakietu: bez internetu i bez uprawnień administratora.
# Uruchom: sh zainstaluj.sh   (ponowne uruchomienie z nowszego pakietu to aktualizacja)
set -u
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
REQUIREMENT="@REQUIREMENT@"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}/osl-plan"
VENV="$DATA/venv"

# Tylko pliki z pakietu: żadne ustawienia pip tego komputera nie kierują go do internetu.
for name in $(env | sed -n 's/^\(PIP_[A-Z0-9_]*\)=.*/\1/p'); do unset "$name"; done
export PIP_CONFIG_FILE=/dev/null PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# Środowisko bez pip, a pip z pakietu: Debian i Ubuntu dają Pythona bez ensurepip (ten jest
# w osobnym pakiecie python3-venv), a moduł venv ma każdy.
PIP=""
for wheel in "$HERE"/wheels/pip-*.whl; do PIP="$wheel"; done

PYTHON=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c '
import sys, venv
sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' >/dev/null 2>&1; then
    PYTHON="$candidate"
    break
  fi
done
if [ -z "$PYTHON" ]; then
  cat >&2 <<'TEXT'
Nie znaleziono Pythona 3.11, 3.12 ani 3.13 z modułem venv, a osl-plan go potrzebuje.
Zainstaluj go i uruchom ten instalator ponownie:
  Debian, Ubuntu, Mint:  sudo apt-get install python3
  Fedora:                sudo dnf install python3
  inne:                  https://www.python.org/downloads/ (wersja 3.11, 3.12 albo 3.13)
TEXT
  exit 1
fi

mkdir -p "$DATA" || exit 1
rm -rf "$VENV.stare"
if [ -d "$VENV" ]; then mv "$VENV" "$VENV.stare" || exit 1; fi
echo "Instaluję osl-plan @VERSION@ (Python: $("$PYTHON" -c 'import sys; print(sys.version.split()[0])'))…"
if "$PYTHON" -m venv --without-pip "$VENV" \
  && "$VENV/bin/python" "$PIP/pip" install --quiet --no-index --find-links "$HERE/wheels" "$REQUIREMENT"
then
  rm -rf "$VENV.stare"
else
  rm -rf "$VENV"
  if [ -d "$VENV.stare" ]; then mv "$VENV.stare" "$VENV"; fi
  echo "Instalacja się nie udała (komunikat powyżej); poprzednia wersja, jeśli była, działa dalej." >&2
  exit 1
fi
exec "$VENV/bin/python" -m osl_plan.installation zainstaluj --pakiet "$HERE"
