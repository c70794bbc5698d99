"""Ingesting report files into the database: find them, skip what is stored, extract, write.

A file is recognised by the sha256 of its bytes: content already stored (or already failed) is
not extracted again, and a file whose size and mtime match the ``files`` table is not even read
again, so a re-run over an unchanged archive only lists and stats it. New content is
analysed (in worker processes when ``workers > 1``) and written by this process in transactions
of whole reports: a run killed at any point keeps every report it committed and the next run
does exactly what is missing. A file that cannot be read is recorded in ``failures`` with its
reason and the batch goes on; so is a file that takes longer than its time limit, needs more
memory than a worker may have, or crashes its worker process (Limits). Extraction can also run
on a Dask cluster (``scheduler``), the results still written here. A manifest (db.manifest)
attaches what is known about the files, stored apart from what extraction found.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
import time
import zipfile
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import sqlite_utils

from extract.errors import NeedsOCR, UnreadableInput

from . import store

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
ARCHIVE_SUFFIXES = (".zip",)


# --------------------------------------------------------------------------- finding files


@dataclass(frozen=True)
class Source:
    """One report file: on disk, or a member of a zip archive (name ``archive.zip!member``)."""

    name: str
    path: str  # the file on disk (the archive for a member)
    member: Optional[str] = None
    size: int = 0
    problem: Optional[str] = None  # set when the name given cannot be used at all
    mtime_ns: Optional[int] = None  # files on disk: with size, says the content is unchanged

    def read(self) -> bytes:
        """The file's bytes. Raises UnreadableInput (too large, cannot open)."""
        from extract.read import MAX_BYTES, read_file

        if self.problem:
            raise UnreadableInput(self.name, self.problem)
        if self.size > MAX_BYTES:
            if self.member is None:
                read_file(self.path)  # raises the reader's own 'file too large' reason
            raise UnreadableInput(self.name, f"file too large ({self.size / 2**20:.0f} MB > "
                                             f"{MAX_BYTES // 2**20} MB)")
        try:
            if self.member is None:
                return Path(self.path).read_bytes()
            return _archive(self.path).read(self.member)
        except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise UnreadableInput(self.name, f"cannot open: {reason}") from exc


_open_archive: dict = {}  # {path: (mtime_ns, ZipFile)}: the archive being read, kept open


def _archive(path: str) -> zipfile.ZipFile:
    """The zip archive at ``path``, opened once for all its members: opening it again for each
    member reads its whole central directory each time (quadratic in the members)."""
    mtime = os.stat(path).st_mtime_ns
    hit = _open_archive.get(path)
    if hit and hit[0] == mtime:
        return hit[1]
    for _, zf in _open_archive.values():
        zf.close()
    _open_archive.clear()
    zf = zipfile.ZipFile(path)
    _open_archive[path] = (mtime, zf)
    return zf


def _is_report(name: str) -> bool:
    return name.lower().endswith(REPORT_SUFFIXES)


def _is_hidden(member: str) -> bool:
    """macOS resource forks (__MACOSX/, ._name) and dot files: not reports."""
    parts = member.split("/")
    return parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)


def _file_source(path: str) -> Source:
    try:
        st = os.stat(path)
    except OSError as exc:
        return Source(path, path, problem=f"cannot open: {exc.strerror}")
    return Source(path, path, size=st.st_size, mtime_ns=st.st_mtime_ns)


def _zip_sources(path: str) -> Iterator[Source]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir() and _is_report(i.filename)
                     and not _is_hidden(i.filename)]
    except (OSError, zipfile.BadZipFile) as exc:
        yield Source(path, path, problem=f"not a readable zip archive: {exc}")
        return
    for info in sorted(infos, key=lambda i: i.filename):
        yield Source(f"{path}!{_member_name(info)}", path, member=info.filename,
                     size=info.file_size)


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its author wrote it. Archives made on Chinese Windows store names in
    GBK without the UTF-8 flag, which zipfile then decodes as cp437 (平潭 comes out as mojibake)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and f.lower().endswith(REPORT_SUFFIXES + ARCHIVE_SUFFIXES):
                yield os.path.join(root, f)


def _expand(arg: str, explicit: bool) -> Iterator[Source]:
    path = os.path.normpath(arg)
    if os.path.isdir(path):
        for f in _walk(path):
            yield from _expand(f, explicit=False)
    elif os.path.isfile(path):
        if path.lower().endswith(ARCHIVE_SUFFIXES):
            yield from _zip_sources(path)
        elif explicit or _is_report(path):
            yield _file_source(path)
    elif explicit and glob.has_magic(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield Source(arg, arg, problem="no file matches this pattern")
        for m in matches:
            yield from _expand(m, explicit=not os.path.isdir(m) and _is_report(m))
    else:
        yield Source(path, path, problem="no such file or folder")


def find_sources(args: Iterable[str], stdin=None) -> Iterator[Source]:
    """Report files named by ``args``: files, folders (recursive, report kinds and zip
    archives), globs, and ``-`` for a list of names read from ``stdin``, one per line."""
    for arg in args:
        if arg == "-":
            for line in (stdin or sys.stdin):
                line = line.strip()
                if line:
                    yield from _expand(line, explicit=True)
        else:
            yield from _expand(arg, explicit=True)


# --------------------------------------------------------------------------- extracting


TIMEOUT = 300  # seconds one file may take; a pathological PDF must not stall an archive run
MEMORY_MB = 2048  # address space of one worker process; a file needing more fails alone
GRACE = 30  # seconds past the time limit after which a worker stuck in C code is ended
CRASHED = "extraction crashed its worker process"
MEMORY = "memory limit exceeded"


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Raise _Timeout in this thread after ``seconds``: SIGALRM in the main thread (the
    single-process path, process-pool workers); elsewhere (a Dask worker runs tasks in a thread)
    an asynchronous exception set on the thread by a timer. Either fires between Python
    bytecodes: a library stuck in C code is left to the worker's watchdog (_worker_init)."""
    import signal
    import threading

    if not seconds:
        yield
        return
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        def expire(signum, frame):
            raise _Timeout()

        old = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        return
    import ctypes

    tid, lock, state = threading.get_ident(), threading.Lock(), {"done": False}

    def expire_thread() -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid),
                                                           ctypes.py_object(_Timeout))

    timer = threading.Timer(seconds, expire_thread)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()


def _analyse(name: str, data: bytes):
    from extract.process import analyse_raw
    from extract.read import read_bytes

    return analyse_raw(read_bytes(data, name))


# What extract_rows runs on a file's bytes. Tests swap in a function that sleeps, allocates or
# kills its process, in the parent before the workers fork.
analyse = _analyse

_task: dict = {}  # the file this worker process is on: {"started": t, "timeout": s}


def extract_rows(name: str, data: bytes, timeout: float = TIMEOUT) -> tuple[str, object]:
    """Analyse one file's bytes: ('ok', rows) | ('needs_ocr', rows) | ('failed', reason).

    Runs in a worker process (or a Dask worker); returns plain rows, never raises for a bad
    file. The search words are made here too, so the writing process only writes.
    """
    from extract.read import sniff_kind

    from .search import index_words

    sha = hashlib.sha256(data).hexdigest()
    _task.update(started=time.monotonic(), timeout=timeout)
    try:
        with _time_limit(timeout):
            analysis = analyse(name, data)
            rows = store.report_rows(analysis, name, index_words(analysis.doc.text))
            del analysis
    except _Timeout:
        return "failed", f"extraction took longer than {timeout:g} s"
    except MemoryError:
        return "failed", MEMORY
    except NeedsOCR as exc:
        return "needs_ocr", store.needs_ocr_rows(name, sha, sniff_kind(name, data), exc.reason)
    except UnreadableInput as exc:
        return "failed", exc.reason
    except RecursionError:
        return "failed", "internal error: RecursionError"
    except Exception as exc:  # a stage's bug must not stop an archive run: record it, go on
        return "failed", f"internal error: {type(exc).__name__}: {exc}"
    finally:
        _task.clear()
    return rows["report"]["status"], rows


# --------------------------------------------------------------------------- the run


@dataclass
class Summary:
    ingested: int = 0
    unchanged: int = 0
    needs_ocr: int = 0
    failed: int = 0
    failed_before: int = 0  # content that failed in an earlier run, not tried again
    cross_flags: int = 0  # cross_year.* flags stored for the agencies whose reports changed
    cross_error: Optional[str] = None  # the cross-year audit failed (retried next run)
    failures: list = field(default_factory=list)  # (name, reason)
    seconds: float = 0.0
    manifest_matched: Optional[int] = None  # files given manifest values (None: no manifest)
    manifest_unused: int = 0  # manifest rows that matched no file of this run

    def line(self) -> str:
        parts = [f"{self.ingested} ingested", f"{self.unchanged} unchanged"]
        if self.needs_ocr:
            parts.append(f"{self.needs_ocr} need OCR")
        parts.append(f"{self.failed} failed")
        if self.failed_before:
            parts.append(f"{self.failed_before} failed before (--retry-failed to try again)")
        line = ", ".join(parts) + f" in {self.seconds:.1f}s"
        if self.manifest_matched is not None:
            line += f"\nmanifest: {self.manifest_matched} files matched"
            if self.manifest_unused:
                line += f", {self.manifest_unused} rows matched no file"
        if self.cross_error:
            line += f"\ncross-year flags not updated (next run tries again): {self.cross_error}"
        return line


@dataclass(frozen=True)
class Limits:
    """What one file may use in a worker process."""

    timeout: float = TIMEOUT  # seconds; 0: none
    memory_mb: int = MEMORY_MB  # address space of a worker process; 0: none


class _Writer:
    """Writes results in transactions of up to ``batch`` reports (1: one per report)."""

    def __init__(self, db: sqlite_utils.Database, batch: int, seconds: float = 5.0):
        self.db, self.batch, self.seconds = db, batch, seconds
        self.ops: list = []
        self.files: list = []  # (path, size, mtime_ns, sha256): ride along with the reports
        self.since = time.monotonic()

    def add_file(self, row: tuple) -> None:
        self.files.append(row)
        if len(self.files) >= 1000:
            self.flush()

    def add(self, op) -> None:
        self.ops.append(op)
        if len(self.ops) >= self.batch or time.monotonic() - self.since > self.seconds:
            self.flush()

    def flush(self) -> None:
        ops, self.ops = self.ops, []  # a batch that fails to commit is redone by the next run
        files, self.files = self.files, []
        self.since = time.monotonic()
        if ops or files:
            with self.db.atomic():
                self.db.conn.executemany(
                    "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha256) "
                    "VALUES (?, ?, ?, ?)", files)
                for kind, *args in ops:
                    if kind == "report":
                        store.write_report(self.db, args[0])
                    elif kind == "failure":
                        name, sha, reason = args
                        if sha:  # the path's old content is gone: its report goes too
                            store.delete_path(self.db, name, keep_sha=sha)
                        store.record_failure(self.db, name, sha, reason)
                    elif kind == "stale":
                        store.delete_path(self.db, args[0], keep_sha=args[1])
                    elif kind == "manifest":
                        store.write_manifest(self.db, *args)


def ingest(db: sqlite_utils.Database, sources: Iterable[Source], *, workers: int = 1,
           retry_failed: bool = False, force: bool = False, batch: Optional[int] = None,
           progress: Optional[Callable[[str, str], None]] = None,
           limits: Limits = Limits(), manifest=None, scheduler=None,
           window: Optional[int] = None) -> Summary:
    """Store every source not stored yet; ``progress(status, name)`` after each file.

    ``workers`` > 1 extracts in that many processes, each held to ``limits`` (time and memory
    per file; a crash fails that file alone); with ``workers`` 1 extraction runs here, under the
    time limit only. ``scheduler`` (an address such as tcp://host:8786, or a
    distributed.Client) extracts on a Dask cluster instead, at most ``window`` files in flight.
    Results are written here in transactions of ``batch`` reports (default 1 report per
    transaction serially, 20 with workers). ``force`` extracts stored content again (after the
    extraction rules changed). ``manifest`` (db.manifest.Manifest) attaches known url, agency,
    year and published date to the files it names.
    """
    started = time.monotonic()
    summary = Summary()
    # Content is looked up in the database file by file (indexed), not loaded up front: an
    # archive's million hashes need not sit in memory, and a second ingest's work is seen.
    this_run: set[str] = set()  # content taken up by this run, perhaps not written yet

    def stored(sha: str) -> bool:
        return sha in this_run or (not force and db.execute(
            "SELECT 1 FROM reports WHERE sha256 = ?", [sha]).fetchone() is not None)

    def failed_before(sha: str) -> bool:
        # internal errors are not remembered: a bug fixed since gets its file tried again
        return not (retry_failed or force) and db.execute(
            "SELECT 1 FROM failures WHERE sha256 = ? AND reason NOT LIKE 'internal error%'",
            [sha]).fetchone() is not None

    def stored_at(path: str) -> Optional[str]:
        row = db.execute("SELECT sha256 FROM reports WHERE path = ?", [path]).fetchone()
        return row[0] if row else None

    distributed = scheduler is not None
    writer = _Writer(db, batch or (1 if workers <= 1 and not distributed else 20))
    matched = 0

    def done(name: str, status: str, detail) -> None:
        if status in ("ok", "needs_ocr"):
            writer.add(("report", detail))
            if status == "ok":
                summary.ingested += 1
            else:
                summary.needs_ocr += 1
        else:
            writer.add(("failure", name, detail[0], detail[1]))
            summary.failed += 1
            summary.failures.append((name, detail[1]))
        if progress:
            progress(status, name)

    def cached_sha(source: Source) -> Optional[str]:
        if source.mtime_ns is None:
            return None
        row = db.execute("SELECT size, mtime_ns, sha256 FROM files WHERE path = ?",
                         [source.name]).fetchone()
        if row and row[:2] == (source.size, source.mtime_ns):
            return row[2]
        return None

    def attach_manifest(source: Source, sha: str) -> None:
        nonlocal matched
        entry = manifest.lookup(source.name, source.path, source.member)
        if entry is not None:
            matched += 1
            # before the report's own row is written, perhaps: the manifest is keyed by content
            writer.add(("manifest", sha, source.name, entry.values()))

    def prepare(source: Source):
        """(name, data) to extract, or None when there is nothing to do for this source."""
        data = None
        sha = cached_sha(source)
        if sha is None or not (stored(sha) or failed_before(sha)):
            try:
                data = source.read()
            except UnreadableInput as exc:
                done(source.name, "failed", (None, exc.reason))
                return None
            sha = hashlib.sha256(data).hexdigest()
            if source.mtime_ns is not None:
                writer.add_file((source.name, source.size, source.mtime_ns, sha))
        if manifest is not None:
            attach_manifest(source, sha)
        if failed_before(sha):
            summary.failed_before += 1
            if progress:
                progress("failed_before", source.name)
            return None
        if stored(sha):
            old = stored_at(source.name)
            if old is not None and old != sha:  # this path now holds content stored elsewhere
                writer.add(("stale", source.name, sha))
            summary.unchanged += 1
            if progress:
                progress("unchanged", source.name)
            return None
        this_run.add(sha)  # a second copy in this run is unchanged, not extracted twice
        return source.name, data

    def finish(name: str, data: Optional[bytes], result: tuple[str, object]) -> None:
        status, detail = result
        if status == "failed":
            detail = (hashlib.sha256(data).hexdigest() if data is not None else None, detail)
        done(name, status, detail)

    try:
        if distributed:
            _distributed(sources, scheduler, prepare, finish, limits, window)
        elif workers <= 1:
            for source in sources:
                job = prepare(source)
                if job:
                    finish(*job, extract_rows(*job, limits.timeout))
        else:
            _parallel(sources, workers, prepare, finish, limits)
    finally:
        writer.flush()
        for _, zf in _open_archive.values():
            zf.close()
        _open_archive.clear()
    if manifest is not None:
        summary.manifest_matched = matched
        summary.manifest_unused = max(0, manifest.rows - len(manifest.matched))
    # after the run, not per report: they need the agency's other years in the database
    from .cross import refresh_cross_flags

    try:
        # in this machine's processes, also in distributed mode (it reads the database)
        summary.cross_flags = refresh_cross_flags(db, workers=workers)
    except Exception as exc:  # a bug in the audit must not hide what was ingested; the
        # agencies stay pending and the next run works them out
        summary.cross_error = f"{type(exc).__name__}: {exc}"
    summary.seconds = time.monotonic() - started
    return summary


# --------------------------------------------------------------------------- worker processes


def _worker_init(parent: int, limits: Limits = Limits()) -> None:
    """Workers die with the main process: after a kill -9 of ``gouji ingest`` they would
    otherwise wait forever on a queue whose writing end they hold themselves. A worker stuck
    past its file's time limit in C code (no signal handler runs there) ends itself; the file
    is then recorded as having crashed its worker. Its address space is capped, so a file that
    needs more memory fails with MemoryError instead of taking the machine."""
    import threading

    if limits.memory_mb:
        import resource

        cap = limits.memory_mb * 2**20
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
            task = dict(_task)
            if task.get("timeout") and time.monotonic() - task["started"] > task["timeout"] + GRACE:
                break
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _warm() -> None:
    """Import the pipeline and load its rules here, once, before the workers fork: they start
    with it in memory (shared pages) instead of each loading it again, as does every pool made
    after a crash."""
    from extract.process import analyse_text

    analyse_text("某县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n主动公开政府信息12条。")


def _pool(workers: int, limits: Limits) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, initializer=_worker_init,
                               initargs=(os.getpid(), limits))


def _parallel(sources, workers, prepare, finish, limits: Limits = Limits()) -> None:
    """Extract in ``workers`` processes, at most 2 files per worker in flight.

    When a worker dies (a crash in a PDF library, the kernel's OOM killer, a watchdog), every
    file in flight on its pool fails with it: those are run again one at a time in a fresh
    process of their own, so only the file that kills its process is recorded as crashed (with
    no sha, so the next run tries it again), and a fresh pool takes the rest.
    """
    from concurrent.futures.process import BrokenProcessPool

    try:
        _warm()
    except Exception:  # a broken stage shows on the files, each recorded with its reason
        pass
    pool = _pool(workers, limits)
    inflight: dict = {}

    def alone(name: str, data: bytes) -> None:
        solo = _pool(1, limits)
        try:
            result = solo.submit(extract_rows, name, data, limits.timeout).result()
        except BrokenProcessPool:
            finish(name, None, ("failed", CRASHED))
        except Exception as exc:
            finish(name, data, ("failed", f"internal error: {type(exc).__name__}: {exc}"))
        else:
            finish(name, data, result)
        finally:
            solo.shutdown(wait=True)

    def collect(futures) -> None:
        nonlocal pool
        suspects = []
        for fut in futures:
            name, data, owner = inflight.pop(fut)
            try:
                result = fut.result()
            except BrokenProcessPool:
                suspects.append((name, data))
                if owner is pool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _pool(workers, limits)
                continue
            except Exception as exc:  # a result that cannot come back (pickling): that file
                result = ("failed", f"internal error: {type(exc).__name__}: {exc}")
            finish(name, data, result)
        for name, data in suspects:
            alone(name, data)

    def drain(all_: bool) -> None:
        while inflight and (all_ or len(inflight) >= 2 * workers):
            finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            collect(finished)

    try:
        for source in sources:
            job = prepare(source)
            if not job:
                continue
            drain(False)
            inflight[pool.submit(extract_rows, *job, limits.timeout)] = (*job, pool)
        drain(True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- a Dask cluster


def _distributed(sources, scheduler, prepare, finish, limits: Limits = Limits(),
                 window: Optional[int] = None) -> None:
    """Extract on a Dask distributed cluster: the same extract_rows, the file's bytes sent
    with the task (workers need not see this machine's files), at most ``window`` files in
    flight (default: 2 per worker thread) while the sources are still being listed. A task
    whose worker died (KilledWorker: memory, a crash) fails that file; the run goes on. The
    memory limit is the cluster's own (dask worker --memory-limit): a thread cannot have one.
    """
    from distributed import Client, as_completed

    client = Client(scheduler) if isinstance(scheduler, str) else scheduler
    try:
        if window is None:
            window = 2 * max(1, sum(client.nthreads().values()))
        running = as_completed()
        jobs: dict = {}

        def collect(fut) -> None:
            name, data = jobs.pop(fut.key)
            try:
                result = fut.result()
            except Exception as exc:
                kind = type(exc).__name__
                if kind == "KilledWorker":  # which file did it is not sure: tried again next run
                    finish(name, None, ("failed", CRASHED))
                else:
                    finish(name, data, ("failed", f"internal error: {kind}: {exc}"))
            else:
                finish(name, data, result)
            fut.release()

        for source in sources:
            job = prepare(source)
            if not job:
                continue
            while running.count() >= window:
                collect(next(running))
            fut = client.submit(extract_rows, *job, limits.timeout, pure=False)
            jobs[fut.key] = job
            running.add(fut)
        for fut in running:
            collect(fut)
    finally:
        if client is not scheduler:
            client.close()
