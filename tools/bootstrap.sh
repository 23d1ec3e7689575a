# Sourced by ./run-demo and ./run-tests: installs what Fieldbook needs when it is missing,
# and does nothing (quickly) when it is all there. Debian/Ubuntu; elsewhere it installs
# only the Python side and says which system packages to add.
set -euo pipefail

FIELDBOOK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FIELDBOOK_VENV:-$FIELDBOOK_ROOT/.venv}"
PY="$VENV/bin/python"

APT_PACKAGES=(
  # Qt's runtime
  libglib2.0-0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libx11-6 libgl1 libegl1
  fontconfig-config fonts-dejavu-core
  # a real X screen or Xvfb
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0
  # fonts for non-Latin names in briefs, pdftotext for the PDF tests
  fonts-noto-core fonts-noto-cjk poppler-utils
)

_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

_ensure_apt_packages() {
  command -v dpkg-query >/dev/null 2>&1 || {
    _say "Not a Debian system: make sure Qt 6's runtime libraries and Xvfb are installed."
    return 0
  }
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  # Debian's python3 needs python3-venv for "python3 -m venv"; other Pythons carry ensurepip.
  python3 -c "import ensurepip" >/dev/null 2>&1 || missing+=(python3-venv)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      _say "Please install (as root): apt-get install ${missing[*]}"
      return 1
    }
    sudo="sudo"
  fi
  _say "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

_ensure_venv() {
  if [ ! -x "$PY" ]; then
    _say "Creating a virtual environment in $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.fieldbook-installed"
  if [ ! -f "$stamp" ] || [ "$FIELDBOOK_ROOT/pyproject.toml" -nt "$stamp" ]; then
    _say "Installing Fieldbook and its dependencies (first run only)"
    "$PY" -m pip install -q --upgrade pip >/dev/null
    "$PY" -m pip install -q -e "$FIELDBOOK_ROOT[dev,crm,build]"
    touch "$stamp"
  fi
}

_ensure_translations() {
  # The UI's .qm catalogues, built from the checked-in .ts (the app would also build a missing
  # or stale one at start-up; doing it here keeps the first start quick).
  local ts
  for ts in "$FIELDBOOK_ROOT"/resources/translations/*.ts; do
    [ -e "$ts" ] || continue
    if [ ! -f "${ts%.ts}.qm" ] || [ "$ts" -nt "${ts%.ts}.qm" ]; then
      "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm" || true
    fi
  done
}

fieldbook_bootstrap() {
  _ensure_apt_packages
  _ensure_venv
  _ensure_translations
}
