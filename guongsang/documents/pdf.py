"""Turn .docx into .pdf with LibreOffice (headless) where it is installed.

LibreOffice's first start in a new profile directory costs about half a second more than a start in one
it made before, and each start costs about a second: each process keeps one profile (used by one
conversion at a time), and `convert_many` converts several files in one start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path


class PdfUnavailable(RuntimeError):
    pass


_PROFILE_LOCK = threading.Lock()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile_dir() -> Path:
    # One per process: two LibreOffice instances must never share a profile.
    return Path(tempfile.gettempdir()) / f"gs-lo-profile-{os.getuid()}-{os.getpid()}"


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    return convert(data, ".docx", "pdf", timeout=timeout)


def convert(data: bytes, suffix: str, target_format: str, *, timeout: int = 120) -> bytes:
    """`data` (a file ending in `suffix`) converted by LibreOffice to `target_format` ("pdf", "docx")."""
    return convert_many([data], suffix, target_format, timeout=timeout)[0]


def convert_many(files: list[bytes], suffix: str, target_format: str, *, timeout: int = 300) -> list[bytes]:
    """Each of `files` (all ending in `suffix`) converted in one LibreOffice run, in the same order."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản .docx.")
    if not files:
        return []
    with tempfile.TemporaryDirectory(prefix="gs-lo-") as tmp, _PROFILE_LOCK:
        sources = []
        for i, data in enumerate(files):
            source = Path(tmp) / f"van-ban-{i}{suffix}"
            source.write_bytes(data)
            sources.append(source)
        out = Path(tmp) / "out"
        profile = _profile_dir()
        try:
            result = subprocess.run(
                [
                    binary,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    target_format,
                    "--outdir",
                    str(out),
                    *map(str, sources),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            shutil.rmtree(profile, ignore_errors=True)  # a killed instance may leave its profile locked
            raise PdfUnavailable("LibreOffice không chuyển xong văn bản trong thời gian cho phép.") from exc
        targets = [out / f"{source.stem}.{target_format}" for source in sources]
        if result.returncode != 0 or not all(target.exists() for target in targets):
            shutil.rmtree(profile, ignore_errors=True)
            raise PdfUnavailable(f"LibreOffice không chuyển được văn bản sang .{target_format}.")
        return [target.read_bytes() for target in targets]
