#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 runs only on 3.8-3.10): PATH first,
# then pyenv, then uv. Exit non-zero with an explanation when there is none.
set -euo pipefail
if python3.10 --version >/dev/null 2>&1; then command -v python3.10; exit 0; fi
if command -v pyenv >/dev/null 2>&1; then
  for candidate in "$(pyenv root)"/versions/3.10.*/bin/python3.10; do
    if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
  done
fi
if command -v uv >/dev/null 2>&1; then
  if found=$(uv python find 3.10 2>/dev/null); then echo "$found"; exit 0; fi
  uv python install 3.10 >&2 && uv python find 3.10 && exit 0
fi
echo "error: Python 3.10 not found (needed by Rasa 3.6). Install it with pyenv or uv." >&2
exit 1
