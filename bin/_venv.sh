# Shared by bin/serve and bin/test: make .venv with Python 3.11 and install a requirements file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && \
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)'; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

ensure_venv() {
  local requirements=$1
  if [ ! -x .venv/bin/python ]; then
    if ! py=$(find_python); then
      if command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null
      fi
      py=$(find_python) || { echo "Python 3.11 tidak ditemukan." >&2; exit 1; }
    fi
    "$py" -m venv .venv
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
}

# Debian packages, installed only when missing (needs root or sudo on a fresh machine).
ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "Bukan Debian: pastikan paket berikut terpasang: $*" >&2; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Memasang paket Debian: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# WeasyPrint (PDF) needs Pango and a font.
RUNTIME_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
# The tests also recalculate the XLSX with LibreOffice, render PDF pages to PNG (poppler) and
# drive Chromium.
TEST_PACKAGES=("${RUNTIME_PACKAGES[@]}" libreoffice-calc-nogui poppler-utils chromium)

# axe-core for the accessibility checks of the browser tests: from the npm registry, the
# version pinned in tests/browser/package-lock.json; test-only, never served by the app.
ensure_npm_test_packages() {
  command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm
  local want have=""
  want=$(node -p "require('./tests/browser/package-lock.json').packages['node_modules/axe-core'].version")
  [ -f tests/browser/node_modules/axe-core/package.json ] && \
    have=$(node -p "require('./tests/browser/node_modules/axe-core/package.json').version")
  [ "$have" = "$want" ] || npm ci --prefix tests/browser --no-audit --no-fund --silent
}
