"""Writing a file in one step: every file genai-lint writes (fixed documents, baselines, the
findings cache, the parsed-YAML cache) goes through :func:`write_atomic`.

The data goes to a temporary file in the target's folder (``.NAME.<random>.genai-lint-tmp``),
then is renamed over the target, so the file is at every moment either the old one or the new
one, and a failure or an interrupt leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterator

#: How the temporary files end (a folder's leftovers of a killed run can be recognised).
TEMP_SUFFIX = ".genai-lint-tmp"


class ChangedError(Exception):
    """The target was modified since it was read (see ``expect``)."""


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    expect: os.stat_result | None = None,
    durable: bool = True,
) -> None:
    """Replace the file at ``path`` (a link: its target), or create it, with ``data``.

    An existing file keeps its mode (and, where allowed, its owner); a new one is readable by
    its owner only. With ``expect`` (the target's ``os.stat`` when it was read), a target
    modified since is left alone (:class:`ChangedError`). ``durable``: the data and the
    rename are flushed to disk (a cache, which may lose an entry, skips it). Ctrl-C and
    SIGTERM are held back until the rename is done, so an interrupted run leaves neither a
    half-written file nor a temporary one.
    """
    import tempfile  # only when something is written (a clean run of cached files is not)

    target = os.path.realpath(path)
    folder, name = os.path.split(target)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    with _signals_deferred():
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                if durable:
                    os.fsync(stream.fileno())
            if info is not None:
                os.chmod(tmp, stat.S_IMODE(info.st_mode))
                _keep_owner(tmp, info)
            if expect is not None and _changed(expect, os.stat(target)):
                raise ChangedError("the file changed while it was being fixed")
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    if durable:
        _fsync_folder(folder)


def _changed(before: os.stat_result, now: os.stat_result) -> bool:
    """Whether a file's stat shows it was replaced or written to between two looks."""
    fields = ("st_ino", "st_dev", "st_size", "st_mtime_ns", "st_ctime_ns")
    return any(getattr(before, f) != getattr(now, f) for f in fields)


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give the temporary file the target's owner and group, where the OS allows it."""
    chown = getattr(os, "chown", None)
    if chown is None or (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    with contextlib.suppress(OSError):
        chown(tmp, info.st_uid, info.st_gid)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Block SIGINT, SIGTERM and SIGHUP for the block (POSIX); they are delivered after it."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:
        yield
        return
    wanted = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    previous = block(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


def _fsync_folder(folder: str) -> None:
    """Make the rename durable where the platform allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
