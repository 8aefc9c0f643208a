"""Recalculate a workbook with a real spreadsheet engine (LibreOffice headless)."""

import shutil
import subprocess

from openpyxl import load_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def hitung_ulang(data, tmp_path):
    """Open ``data`` (XLSX bytes) in LibreOffice, recalculate every formula, save as XLSX and
    return the workbook with the values LibreOffice computed (openpyxl ``data_only``)."""
    source = tmp_path / "masuk.xlsx"
    source.write_bytes(data)
    out = tmp_path / "keluar"
    profile = (tmp_path / "lo-profil").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return load_workbook(out / "masuk.xlsx", data_only=True)
