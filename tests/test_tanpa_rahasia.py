"""No secret is committed: no private key, cloud access key or password-bearing URL in any file
git tracks, and the only Django secret key in the code is the development one used with
DEBUG on (production refuses to start without DJANGO_SECRET_KEY, tests/test_settings.py)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLA = {
    "kunci privat": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    "kunci akses AWS": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "token GitHub": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "URL dengan kata sandi": re.compile(r"\b(?:postgres|postgresql|mysql|redis)://[^:/\s@]+:[^@\s/]+@"),
}


def test_tidak_ada_rahasia_di_berkas_yang_dilacak():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".pdf", ".xlsx", ".gz", ".zip"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{name}: {label}" for label, pattern in POLA.items() if pattern.search(text)]
    assert found == []


def test_secret_key_hanya_untuk_pengembangan():
    settings = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    keys = re.findall(r"^\s*SECRET_KEY\s*=\s*(.+)$", settings, re.MULTILINE)
    literal = [k for k in keys if "environ" not in k]
    assert keys and literal == ['"dev-only-insecure-key-do-not-use-in-production"'], keys
