"""A manifest: what is known about report files from where they were collected (url, agency,
year, published date), given as a CSV or TSV file to ``gouji ingest --manifest``.

Columns are found by their header name (see COLUMNS; case and spaces ignored), so a crawler's
own export can be used as it is. A row is matched to a file by its path (as given on the
command line, absolute, or relative to the manifest's folder), for a zip member by the
member's name inside the archive, and otherwise by the file name alone when only one row has
that name. The values are stored apart from what extraction found (table ``manifest``, keyed by
the content's sha256) and take precedence over it for queries and the cross-year audit.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import regex

from extract.errors import GoujiError

FIELDS = ("url", "agency", "year", "published")
# header names, compared lower-cased without spaces, '_' or '-'
COLUMNS = {
    "path": ("path", "file", "filename", "name", "member", "文件", "文件名", "路径"),
    "url": ("url", "link", "href", "sourceurl", "网址", "链接", "来源"),
    "agency": ("agency", "organ", "publisher", "机关", "发布机关", "单位", "机构"),
    "year": ("year", "reportyear", "年度", "年份"),
    "published": ("published", "publisheddate", "publishdate", "date", "pubdate", "发布日期",
                  "发布时间", "成文日期"),
}


class ManifestError(GoujiError):
    """The manifest cannot be used (no file column, unreadable)."""


@dataclass(frozen=True)
class Entry:
    url: Optional[str] = None
    agency: Optional[str] = None
    year: Optional[int] = None
    published: Optional[str] = None

    def values(self) -> dict:
        return {k: getattr(self, k) for k in FIELDS}


def _header_key(h: str) -> str:
    return regex.sub(r"[\s_\-]", "", (h or "").strip().lstrip("\ufeff")).lower()


def _year(text: str) -> Optional[int]:
    m = regex.search(r"(?<!\d)(19|20)\d\d(?!\d)", text)
    return int(m.group()) if m else None


def _date(text: str) -> Optional[str]:
    """2024-01-15, 2024/1/15, 2024.1.15, 2024年1月15日 -> 2024-01-15; other text kept as given."""
    m = regex.search(r"(?<!\d)((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return text or None


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ManifestError("manifest: cannot decode (neither UTF-8 nor GB18030)")


class Manifest:
    def __init__(self, rows: list[tuple[str, Entry]], base: str = "."):
        self.base = os.path.abspath(base)
        self.by_path: dict[str, Entry] = {}
        self.by_name: dict[str, Optional[Entry]] = {}
        for path, entry in rows:
            path = path.strip().replace("\\", "/")
            for key in {path, os.path.normpath(path), os.path.abspath(path),
                        os.path.normpath(os.path.join(self.base, path))}:
                self.by_path[key] = entry
            name = path.rsplit("/", 1)[-1].rsplit("!", 1)[-1]
            # a name given twice (two folders) does not say which file it is
            self.by_name[name] = None if name in self.by_name else entry
        self.rows = len(rows)
        self.matched: set[int] = set()  # ids of the entries used in this run

    def lookup(self, name: str, path: str, member: Optional[str] = None) -> Optional[Entry]:
        """The entry for a source: its name as listed, the file's absolute path, a zip
        member's name inside the archive, or the bare file name when it is unambiguous."""
        keys = [name, os.path.normpath(name)]
        if member is None:
            keys.append(os.path.abspath(path))
            bare = os.path.basename(path)
        else:
            inner = name.rsplit("!", 1)[-1]
            keys += [f"{os.path.abspath(path)}!{inner}", inner, member]
            bare = inner.rsplit("/", 1)[-1]
        for k in keys:
            if k in self.by_path:
                return self._use(self.by_path[k])
        return self._use(self.by_name.get(bare))

    def _use(self, entry: Optional[Entry]) -> Optional[Entry]:
        if entry is not None:
            self.matched.add(id(entry))
        return entry


def load_manifest(path) -> Manifest:
    """Read a manifest file (CSV, or TSV when its header has tabs and no commas)."""
    try:
        text = _decode(Path(path).read_bytes())
    except OSError as exc:
        raise ManifestError(f"manifest: cannot open {path}: {exc.strerror}") from exc
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise ManifestError(f"manifest: {path} is empty")
    where: dict[str, int] = {}
    for i, h in enumerate(header):
        key = _header_key(h)
        for field, names in COLUMNS.items():
            if key in names and field not in where:
                where[field] = i
    if "path" not in where:
        raise ManifestError(f"manifest: {path} has no file column (a header named one of "
                            f"{', '.join(COLUMNS['path'][:5])})")
    if not set(FIELDS) & set(where):
        raise ManifestError(f"manifest: {path} has none of the columns "
                            f"{', '.join(FIELDS)}")

    def cell(row, field) -> str:
        i = where.get(field)
        return row[i].strip() if i is not None and i < len(row) else ""

    rows = []
    for row in reader:
        file = cell(row, "path")
        if not file:
            continue
        year = cell(row, "year")
        published = cell(row, "published")
        entry = Entry(url=cell(row, "url") or None, agency=cell(row, "agency") or None,
                      year=_year(year) if year else None,
                      published=_date(published) if published else None)
        if any(entry.values().values()):
            rows.append((file, entry))
    return Manifest(rows, base=os.path.dirname(os.path.abspath(path)))
