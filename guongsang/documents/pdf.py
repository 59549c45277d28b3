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
    return convert(data, ".docx", "pdf", timeout=timeout)


def convert(data: bytes, suffix: str, target_format: str, *, timeout: int = 120) -> bytes:
    """`data` (a file ending in `suffix`) converted by LibreOffice to `target_format` ("pdf", "docx")."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản .docx.")
    with tempfile.TemporaryDirectory(prefix="gs-lo-") as tmp:
        source = Path(tmp) / f"van-ban{suffix}"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        result = subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target_format,
                "--outdir",
                str(Path(tmp) / "out"),
                str(source),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        target = Path(tmp) / "out" / f"van-ban.{target_format}"
        if result.returncode != 0 or not target.exists():
            raise PdfUnavailable(f"LibreOffice không chuyển được văn bản sang .{target_format}.")
        return target.read_bytes()
