#!/bin/sh
# Usuwa osl-plan zainstalowany przez zainstaluj.sh. Plany w folderze „Plany OSL” zostają.
set -u
DATA="${XDG_DATA_HOME:-$HOME/.local/share}/osl-plan"
if [ ! -d "$DATA" ]; then
  echo "osl-plan nie jest zainstalowany (brak folderu $DATA)."
  exit 0
fi
if [ -x "$DATA/venv/bin/python" ]; then
  "$DATA/venv/bin/python" -m osl_plan.installation odinstaluj || exit 1
fi
rm -rf "$DATA/venv" "$DATA/venv.stare"
rmdir "$DATA" 2>/dev/null || echo "W folderze $DATA zostały pliki, których instalator nie utworzył; nie usunięto ich."
