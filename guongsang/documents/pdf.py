"""Turn .docx into .pdf with LibreOffice (headless) where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfUnavailable(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    binary = soffice()
    if binary is None:
        raise PdfUnavailable("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản .docx.")
    with tempfile.TemporaryDirectory(prefix="gs-pdf-") as tmp:
        source = Path(tmp) / "van-ban.docx"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        result = subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        target = source.with_suffix(".pdf")
        if result.returncode != 0 or not target.exists():
            raise PdfUnavailable("LibreOffice không chuyển được văn bản sang PDF.")
        return target.read_bytes()
