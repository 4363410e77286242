"""Optional download of the public geokz district boundaries when the machine is online."""

import http.client
import logging
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit, urlunsplit

log = logging.getLogger(__name__)

# geokz publishes only a shapefile set (no single-file GeoJSON); HEAD is the default branch.
GEOKZ_URL = "https://raw.githubusercontent.com/arodionoff/geokz/HEAD/inst/shape/kaz_admbnda_adm2_2024.shp"
# Without .shx/.dbf a shapefile cannot be read; .prj (CRS) and .cpg (encoding) can be missing:
# read_boundaries then assumes degrees, and only the KATO column is needed.
REQUIRED_SIDECARS = (".shx", ".dbf")
OPTIONAL_SIDECARS = (".prj", ".cpg")
MAX_BYTES = 200 * 1024 * 1024
_SHP_MAGIC = b"\x00\x00\x27\x0a"
_NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, OSError)


class _BadDownload(Exception):
    pass


def _with_suffix(url: str, suffix: str) -> str:
    parts = urlsplit(url)
    path = str(PurePosixPath(parts.path).with_suffix(suffix))
    return urlunsplit(parts._replace(path=path))


def _first_bytes(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(4)


def _download(url: str, target: Path, timeout: float) -> None:
    with urllib.request.urlopen(url, timeout=timeout) as response, open(target, "wb") as out:
        copied = 0
        while chunk := response.read(1 << 16):
            copied += len(chunk)
            if copied > MAX_BYTES:
                raise _BadDownload(f"{url} is larger than {MAX_BYTES} bytes")
            out.write(chunk)


def fetch_geokz(cache_dir: Path, timeout: float = 5.0, url: str = GEOKZ_URL) -> Path | None:
    """Download the geokz district boundaries into a cache folder, if the network allows.

    Parameters
    ----------
    cache_dir : pathlib.Path
        Folder for the downloaded files; created if missing. Files already there are
        replaced only when the whole download succeeds.
    timeout : float, default 5.0
        Seconds to wait for the connection and for each read; there are no retries.
    url : str, default GEOKZ_URL
        Address of the file. For a ``.shp`` the ``.shx`` and ``.dbf`` next to it are
        fetched too (and ``.prj``/``.cpg`` when the server has them); any other file is
        fetched alone.

    Returns
    -------
    pathlib.Path or None
        The downloaded file (the ``.shp`` for a shapefile), or None when the network, the
        server or the content failed; the reason is logged, nothing is raised.

    Notes
    -----
    The boundaries are geokz by A. Rodionov, CC BY 4.0: credit them wherever they are shown.
    The content is only checked to be a shapefile; read it with ``read_boundaries``.
    """
    cache_dir = Path(cache_dir)
    name = PurePosixPath(urlsplit(url).path).name
    if not name:
        raise ValueError(f"the URL {url!r} does not name a file")
    is_shapefile = name.lower().endswith(".shp")
    wanted = [(url, name, True)]
    if is_shapefile:
        stem = name[:-4]
        wanted += [(_with_suffix(url, s), stem + s, True) for s in REQUIRED_SIDECARS]
        wanted += [(_with_suffix(url, s), stem + s, False) for s in OPTIONAL_SIDECARS]

    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".download-") as staging:
            fetched = []
            for file_url, file_name, required in wanted:
                target = Path(staging) / file_name
                try:
                    _download(file_url, target, timeout)
                except urllib.error.HTTPError as exc:
                    if required or exc.code != 404:
                        raise
                    exc.close()
                    continue
                fetched.append(target)
            if is_shapefile and _first_bytes(fetched[0]) != _SHP_MAGIC:
                # A captive portal or an error page served with status 200.
                raise _BadDownload(f"{url} did not return a shapefile")
            # Move only a complete set, so the cache never holds half a shapefile.
            for target in fetched:
                os.replace(target, cache_dir / target.name)
            # A .prj left from an older download would describe the wrong file.
            for _, file_name, _ in wanted:
                if file_name not in {t.name for t in fetched}:
                    (cache_dir / file_name).unlink(missing_ok=True)
    except (*_NETWORK_ERRORS, _BadDownload) as exc:
        log.warning("geokz boundaries not downloaded from %s: %s", url, exc)
        return None
    return cache_dir / name
