#!/usr/bin/env python3
"""Build-cache store comparison on the edit path: SQLite (store A) against an append-only log (store B).

    bench/store-compare.py [--cases 10000] [--reps 9] [--populates 3] [--edits 100]
                           [--dir /tmp/store-compare] [--seed 1] [--checksum crc32|blake2b] [--no-gc] [--keep]

Simulates the cache a 10,000-case book keeps between builds, at the sizes measured on the bench corpus:
  - per case (`case-00001` ...): a "head" value of ~1,200 bytes, read for every case on every build, and
    "html" (~20,000 B), "text" (~5,000 B) and "charts" (~2,000 B), read only for a changed case;
  - per output file (3.8 per case, 38,000 rows, `cases/case-00001.html` ...): a ~40-byte row (stamp, hash,
    key), all read on every build;
  - per case a ~13,000-byte print article keyed by a 64-bit key; a one-case edit reads the 200 articles of
    the edited case's print volume (~2.6 MB) and rewrites one;
  - 33 search-part blobs of ~1.1 MB; an edit reads all 33 and rewrites one.
Values are random bytes (fixed seed; slices of one 16 MiB random pool, sizes jittered +-10%), so nothing
compresses. Every value read is verified against its stored 64-bit checksum (zlib.crc32 widened to 64 bits,
or --checksum blake2b for an 8-byte BLAKE2b), the same function in both stores. Values are written case by
case (head, html, text, charts), then output rows, articles and search parts: a clean build's order.

Store A, SQLite: WAL, synchronous=NORMAL, otherwise defaults (4 KiB pages, 2 MB page cache, no mmap); one
transaction per build; tables sections(slug, section, checksum, value), outputs (WITHOUT ROWID),
articles(key INTEGER PRIMARY KEY, ...), search_parts(part INTEGER PRIMARY KEY, ...); writes are upserts.
A build is a process, so it connects and closes every time; closing the last connection checkpoints the
WAL into the database (fsync with synchronous=NORMAL) and deletes it, and that is counted ("close").

Store B, log (ninja-style): one file, an 8-byte magic, then records
    [u32 name length][u32 value length][u64 value checksum][u64 header checksum][name][value]
with the header checksum over the first 16 header bytes and the name. Opening maps the file (mmap) and
walks the record headers, verifying each header's checksum but not the values, into a dict
name -> (offset, length, checksum); a later record with the same name wins; a bad header ends the walk
(torn tail, truncated by the next append). A build appends its changed records with one write(2), no
fsync (the cache is disposable). Recompaction (rewrite the live records into a new file and rename) is due
when dead bytes exceed live bytes; the script reports after how many edits that happens and times one.

Measured after an untimed populate and os.sync(), page cache warm, one untimed warm-up of each, the
stores interleaved (A, B, A, B, ...) so machine noise hits both alike, --reps repetitions, median:
  1. build: open + read and verify every head and every output row (what every build does);
  2. edit: 1, plus the edited case's 3 body values, its volume's 200 articles and all 33 search parts,
     then write back the case's 4 values, 7 output rows, 1 article and 1 search part in one transaction /
     one append;
  3. clean populate (write everything from scratch), --populates times each;
  4. size on disk after populate and after --edits more one-case edits (full edit builds, also timed).
Also a floor: the checksum alone over the bytes an edit build reads, from memory. --no-gc turns Python's
cyclic garbage collector off inside timed code (collected before it, untimed); on this machine that made
both stores a little slower, not faster, and left the ratios as they were, so it is not the default.

Python on both sides: SQLite's B-tree and blob work runs in C, while the log's open (a walk over ~88,000
record headers) and lookups run in the interpreter, and every value crosses into a Python bytes object in
both. So the absolute times are not what Casebook would see; the ratio between the two access patterns,
and which phase dominates each, is the point.
"""
import argparse
import gc
import hashlib
import mmap
import os
import random
import shutil
import sqlite3
import statistics
import struct
import sys
import time
import zlib

HEAD, HTML, TEXT, CHARTS = 1200, 20000, 5000, 2000
SECTIONS = (("head", HEAD), ("html", HTML), ("text", TEXT), ("charts", CHARTS))
BODY = ("html", "text", "charts")
ROW = 40
OUTPUTS_PER_CASE = 3.8
CASE_OUTPUTS = ("cases/{}.html", "text/{}.txt", "charts/{}.json")
ARTICLE = 13000
VOLUME = 200
PARTS, PART = 33, 1_100_000
EDIT_ROWS = 7

# --- checksums (set in main) -------------------------------------------------------------------------------


def crc64(data):
    return zlib.crc32(data)


def crc64_header(head16, name):
    return zlib.crc32(name, zlib.crc32(head16))


def blake64(data):
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def blake64_header(head16, name):
    h = hashlib.blake2b(head16, digest_size=8)
    h.update(name)
    return int.from_bytes(h.digest(), "little", signed=True)


cksum, header_cksum = crc64, crc64_header


class Damaged(Exception):
    pass


# --- the simulated data -----------------------------------------------------------------------------------


class Data:
    def __init__(self, cases, seed):
        self.seed = seed
        self.pool = random.Random(seed).randbytes(16 << 20)
        self.slugs = [f"case-{i:05d}" for i in range(1, cases + 1)]
        self.cases = cases
        n_out = round(cases * OUTPUTS_PER_CASE)
        self.outputs = [p.format(s) for s in self.slugs for p in CASE_OUTPUTS]
        self.other_outputs = [f"pages/page-{i:05d}.html" for i in range(n_out - len(self.outputs))]
        self.outputs += self.other_outputs
        self.article_keys = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little", signed=True)
                             for s in self.slugs]
        # the log's names
        self.head_names = [b"s/head/" + s.encode() for s in self.slugs]
        self.output_names = [b"o/" + p.encode() for p in self.outputs]

    def value(self, rng, mean):
        n = mean + rng.randint(-(mean // 10), mean // 10)
        off = rng.randrange(len(self.pool) - n)
        return self.pool[off:off + n]

    def case_sections(self):
        rng = random.Random(f"sections-{self.seed}")
        for s in self.slugs:
            for section, size in SECTIONS:
                yield s, section, self.value(rng, size)

    def output_rows(self):
        rng = random.Random(f"outputs-{self.seed}")
        for p in self.outputs:
            yield p, self.value(rng, ROW)

    def articles(self):
        rng = random.Random(f"articles-{self.seed}")
        for k in self.article_keys:
            yield k, self.value(rng, ARTICLE)

    def parts(self):
        rng = random.Random(f"parts-{self.seed}")
        for i in range(PARTS):
            yield i, self.value(rng, PART)

    def volume_keys(self, case):
        v = case // VOLUME
        return self.article_keys[v * VOLUME:(v + 1) * VOLUME]

    def edit(self, k):
        """The k-th one-case edit: which case, and the new values a build would write back."""
        rng = random.Random(f"edit-{self.seed}-{k}")
        i = rng.randrange(self.cases)
        slug = self.slugs[i]
        paths = [p.format(slug) for p in CASE_OUTPUTS]
        paths += rng.sample(self.other_outputs, min(EDIT_ROWS - len(paths), len(self.other_outputs)))
        return {
            "case": i, "slug": slug,
            "sections": [(section, self.value(rng, size)) for section, size in SECTIONS],
            "rows": [(p, self.value(rng, ROW)) for p in paths],
            "article": (self.article_keys[i], self.value(rng, ARTICLE)),
            "part": (rng.randrange(PARTS), self.value(rng, PART)),
            "volume": self.volume_keys(i),
        }


def quiet(fn, *args):
    """Runs fn, with --no-gc with Python's cyclic garbage collector off (collected just before, untimed):
    the log's walk and SQLite's result rows both allocate tens of thousands of tuples."""
    if KEEP_GC:
        return fn(*args)
    gc.collect()
    gc.disable()
    try:
        return fn(*args)
    finally:
        gc.enable()


KEEP_GC = True


class Phases:
    def __init__(self):
        self.t0 = self.t = time.perf_counter()
        self.d = {}

    def mark(self, name):
        now = time.perf_counter()
        self.d[name] = self.d.get(name, 0.0) + now - self.t
        self.t = now

    def total(self):
        return self.t - self.t0


# --- store A: SQLite ------------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE sections(slug TEXT NOT NULL, section TEXT NOT NULL, checksum INTEGER NOT NULL, value BLOB NOT NULL,
                      PRIMARY KEY(section, slug));
CREATE TABLE outputs(path TEXT PRIMARY KEY, checksum INTEGER NOT NULL, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE articles(key INTEGER PRIMARY KEY, checksum INTEGER NOT NULL, value BLOB NOT NULL);
CREATE TABLE search_parts(part INTEGER PRIMARY KEY, checksum INTEGER NOT NULL, value BLOB NOT NULL);
"""
UPSERT_SECTION = ("INSERT INTO sections VALUES(?,?,?,?) ON CONFLICT(section, slug) "
                  "DO UPDATE SET checksum=excluded.checksum, value=excluded.value")
UPSERT_OUTPUT = "INSERT OR REPLACE INTO outputs VALUES(?,?,?)"
UPSERT_ARTICLE = "INSERT OR REPLACE INTO articles VALUES(?,?,?)"
UPSERT_PART = "INSERT OR REPLACE INTO search_parts VALUES(?,?,?)"


class SqliteStore:
    label = "A sqlite"

    def __init__(self, root):
        self.dir = os.path.join(root, "sqlite")
        self.path = os.path.join(self.dir, "cache.sqlite")
        self.edits = 0

    def files(self):
        return [self.path + s for s in ("", "-wal", "-shm")]

    def size(self):
        return sum(os.path.getsize(f) for f in self.files() if os.path.exists(f))

    def clear(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)

    def connect(self):
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def populate(self, data):
        ph = Phases()
        db = self.connect()
        db.executescript(SCHEMA)
        db.execute("BEGIN")
        db.executemany("INSERT INTO sections VALUES(?,?,?,?)",
                       ((s, n, cksum(v), v) for s, n, v in data.case_sections()))
        db.executemany("INSERT INTO outputs VALUES(?,?,?)", ((p, cksum(v), v) for p, v in data.output_rows()))
        db.executemany("INSERT INTO articles VALUES(?,?,?)", ((k, cksum(v), v) for k, v in data.articles()))
        db.executemany("INSERT INTO search_parts VALUES(?,?,?)", ((i, cksum(v), v) for i, v in data.parts()))
        db.execute("COMMIT")
        ph.mark("write")
        db.close()
        ph.mark("close")
        return ph

    @staticmethod
    def _verified(cur):
        out = {}
        for key, ck, v in cur:
            if cksum(v) != ck:
                raise Damaged(key)
            out[key] = v
        return out

    def _read_every_build(self, db, data, ph):
        heads = self._verified(db.execute("SELECT slug, checksum, value FROM sections WHERE section='head'"))
        rows = self._verified(db.execute("SELECT path, checksum, value FROM outputs"))
        if len(heads) != data.cases or len(rows) != len(data.outputs):
            raise Damaged("missing entries")
        ph.mark("heads+rows")
        return heads, rows

    def build(self, data):
        ph = Phases()
        db = self.connect()
        db.execute("BEGIN")
        ph.mark("open")
        self._read_every_build(db, data, ph)
        db.execute("COMMIT")
        db.close()
        ph.mark("close")
        return ph

    def edit_build(self, data, e):
        ph = Phases()
        db = self.connect()
        db.execute("BEGIN")
        ph.mark("open")
        self._read_every_build(db, data, ph)
        body = self._verified(db.execute(
            "SELECT section, checksum, value FROM sections WHERE section IN ('html','text','charts') AND slug=?",
            (e["slug"],)))
        assert len(body) == 3
        ph.mark("body")
        keys = e["volume"]
        arts = self._verified(db.execute(
            f"SELECT key, checksum, value FROM articles WHERE key IN ({','.join('?' * len(keys))})", keys))
        assert len(arts) == len(keys)
        ph.mark("articles")
        parts = self._verified(db.execute("SELECT part, checksum, value FROM search_parts"))
        assert len(parts) == PARTS
        ph.mark("search")
        db.executemany(UPSERT_SECTION, ((e["slug"], n, cksum(v), v) for n, v in e["sections"]))
        db.executemany(UPSERT_OUTPUT, ((p, cksum(v), v) for p, v in e["rows"]))
        k, v = e["article"]
        db.execute(UPSERT_ARTICLE, (k, cksum(v), v))
        i, v = e["part"]
        db.execute(UPSERT_PART, (i, cksum(v), v))
        db.execute("COMMIT")
        ph.mark("write")
        db.close()
        ph.mark("close")
        self.edits += 1
        return ph

    def stats(self):
        db = sqlite3.connect(self.path)
        pages, free, psize = (db.execute(f"PRAGMA {p}").fetchone()[0]
                              for p in ("page_count", "freelist_count", "page_size"))
        db.close()
        return f"{pages} pages of {psize} B, {free} free ({free * psize / 1e6:.1f} MB)"


# --- store B: append-only log ---------------------------------------------------------------------------

MAGIC = b"CBCACHE1"
HEAD16 = struct.Struct("<IIq")   # name length, value length, value checksum
HEADER = struct.Struct("<IIqq")  # ... + header checksum
I64 = struct.Struct("<q")


def encode_record(buf, name, value):
    head16 = HEAD16.pack(len(name), len(value), cksum(value))
    buf += head16
    buf += I64.pack(header_cksum(head16, name))
    buf += name
    buf += value


class LogStore:
    label = "B log"

    def __init__(self, root):
        self.dir = os.path.join(root, "log")
        self.path = os.path.join(self.dir, "cache.log")
        self.edits = 0

    def size(self):
        return os.path.getsize(self.path)

    def clear(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)

    # names: s/<section>/<slug>, o/<path>, a/<8-byte key>, p/<part>
    @staticmethod
    def section_name(section, slug):
        return f"s/{section}/{slug}".encode()

    @staticmethod
    def article_name(key):
        return b"a/" + I64.pack(key)

    @staticmethod
    def part_name(i):
        return b"p/%02d" % i

    def populate(self, data):
        ph = Phases()
        tmp = self.path + ".tmp"
        with open(tmp, "wb", buffering=1 << 20) as f:
            f.write(MAGIC)
            buf = bytearray()
            for s, n, v in data.case_sections():
                encode_record(buf, self.section_name(n, s), v)
                if len(buf) > 1 << 20:
                    f.write(buf)
                    buf.clear()
            for p, v in data.output_rows():
                encode_record(buf, b"o/" + p.encode(), v)
            for k, v in data.articles():
                encode_record(buf, self.article_name(k), v)
                if len(buf) > 1 << 20:
                    f.write(buf)
                    buf.clear()
            for i, v in data.parts():
                encode_record(buf, self.part_name(i), v)
                f.write(buf)
                buf.clear()
            f.write(buf)
        ph.mark("write")
        os.rename(tmp, self.path)
        ph.mark("close")
        return ph

    def open(self):
        """Map the file and walk the record headers into self.index; returns (live bytes, end of valid records)."""
        self.fd = os.open(self.path, os.O_RDWR)
        size = os.fstat(self.fd).st_size
        self.mm = mm = mmap.mmap(self.fd, size, access=mmap.ACCESS_READ)
        if mm[:8] != MAGIC:
            raise Damaged("magic")
        self.index = index = {}
        unpack = HEADER.unpack_from
        hck_fn = header_cksum
        live = 0
        pos = 8
        while pos + 24 <= size:
            nlen, vlen, vck, hck = unpack(mm, pos)
            vstart = pos + 24 + nlen
            end = vstart + vlen
            if end > size:
                break
            name = mm[pos + 24:vstart]
            if hck_fn(mm[pos:pos + 16], name) != hck:
                break
            old = index.get(name)
            if old is not None:
                live -= old[3]
            index[name] = (vstart, vlen, vck, end - pos)
            live += end - pos
            pos = end
        self.live, self.valid_end = live, pos
        return live, pos

    def close(self):
        self.mm.close()
        os.close(self.fd)

    def get(self, name):
        e = self.index.get(name)
        if e is None:
            raise Damaged(name)  # a real build would treat it as a miss
        off, n, ck, _ = e
        v = self.mm[off:off + n]
        if cksum(v) != ck:
            raise Damaged(name)
        return v

    def _read_every_build(self, data, ph):
        get = self.get
        heads = {s: get(n) for s, n in zip(data.slugs, data.head_names)}
        rows = {p: get(n) for p, n in zip(data.outputs, data.output_names)}
        ph.mark("heads+rows")
        return heads, rows

    def append(self, records):
        buf = bytearray()
        for name, value in records:
            encode_record(buf, name, value)
        if self.valid_end != os.fstat(self.fd).st_size:
            os.ftruncate(self.fd, self.valid_end)  # drop a torn tail
        os.lseek(self.fd, self.valid_end, os.SEEK_SET)
        view = memoryview(buf)
        while view:
            view = view[os.write(self.fd, view):]

    def build(self, data):
        ph = Phases()
        self.open()
        ph.mark("open")
        self._read_every_build(data, ph)
        self.close()
        ph.mark("close")
        return ph

    def edit_build(self, data, e):
        ph = Phases()
        self.open()
        ph.mark("open")
        self._read_every_build(data, ph)
        body = {n: self.get(self.section_name(n, e["slug"])) for n in BODY}
        ph.mark("body")
        arts = {k: self.get(self.article_name(k)) for k in e["volume"]}
        ph.mark("articles")
        parts = [self.get(self.part_name(i)) for i in range(PARTS)]
        ph.mark("search")
        records = [(self.section_name(n, e["slug"]), v) for n, v in e["sections"]]
        records += [(b"o/" + p.encode(), v) for p, v in e["rows"]]
        k, v = e["article"]
        records.append((self.article_name(k), v))
        i, v = e["part"]
        records.append((self.part_name(i), v))
        self.append(records)
        ph.mark("write")
        self.close()
        ph.mark("close")
        self.edits += 1
        return ph

    def dead_live(self):
        live, end = self.open()
        self.close()
        return end - 8 - live, live

    def compact(self):
        ph = Phases()
        self.open()
        tmp = self.path + ".tmp"
        with open(tmp, "wb", buffering=1 << 20) as f:
            f.write(MAGIC)
            for off, n, _, rec in sorted(self.index.values()):
                f.write(self.mm[off + n - rec:off + n])
        self.close()
        os.rename(tmp, self.path)
        ph.mark("compact")
        return ph


# --- the measurement ------------------------------------------------------------------------------------


def med_ms(xs):
    return statistics.median(xs) * 1e3


def mb(n):
    return f"{n / 1e6:.1f} MB"


def checksum_floor(data, reps):
    """The checksum alone over the bytes one edit build reads (from memory, no store)."""
    e = data.edit(0)
    heads, body = [], []
    for s, n, v in data.case_sections():
        if n == "head":
            heads.append(v)
        elif s == e["slug"]:
            body.append(v)
    rows = [v for _, v in data.output_rows()]
    volume = set(e["volume"])
    arts = [v for k, v in data.articles() if k in volume]
    parts = [v for _, v in data.parts()]
    times = []
    def run():
        t = time.perf_counter()
        for group in (heads, rows, body, arts, parts):
            for v in group:
                cksum(v)
        return time.perf_counter() - t
    times = [quiet(run) for _ in range(reps)]
    total = sum(len(v) for g in (heads, rows, body, arts, parts) for v in g)
    return times, total


def main():
    global cksum, header_cksum, KEEP_GC
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--populates", type=int, default=3)
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--dir", default="/tmp/store-compare")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--checksum", choices=("crc32", "blake2b"), default="crc32")
    ap.add_argument("--keep", action="store_true", help="leave the stores in --dir")
    ap.add_argument("--no-gc", action="store_true", help="turn Python's garbage collector off in timed code")
    args = ap.parse_args()
    KEEP_GC = not args.no_gc
    if args.checksum == "blake2b":
        cksum, header_cksum = blake64, blake64_header
    started = time.perf_counter()
    data = Data(args.cases, args.seed)
    gc.freeze()
    os.makedirs(args.dir, exist_ok=True)
    stores = [SqliteStore(args.dir), LogStore(args.dir)]
    print(f"python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {args.cases} cases, "
          f"{len(data.outputs)} output rows, checksum {args.checksum}, "
          f"GC {'off' if args.no_gc else 'on'} in timed code, dir {args.dir}", flush=True)

    # 3. clean populate, interleaved; the last one stays for the rest
    populate = {s.label: [] for s in stores}
    populate_phases = {s.label: [] for s in stores}
    for _ in range(args.populates):
        for s in stores:
            s.clear()
            ph = quiet(s.populate, data)
            populate[s.label].append(ph.total())
            populate_phases[s.label].append(ph.d)
            os.sync()
    size_populated = {s.label: s.size() for s in stores}
    print(f"populated ({time.perf_counter() - started:.0f} s)", flush=True)

    # warm-up, untimed
    k = 0
    e = data.edit(k)
    for s in stores:
        quiet(s.build, data)
        quiet(s.edit_build, data, e)

    # 1 and 2, interleaved
    build = {s.label: [] for s in stores}
    edit = {s.label: [] for s in stores}
    edit_phases = {s.label: [] for s in stores}
    for _ in range(args.reps):
        for s in stores:
            build[s.label].append(quiet(s.build, data).total())
        k += 1
        e = data.edit(k)
        for s in stores:
            ph = quiet(s.edit_build, data, e)
            edit[s.label].append(ph.total())
            edit_phases[s.label].append(ph.d)
    print(f"measured ({time.perf_counter() - started:.0f} s)", flush=True)

    # 4. --edits more one-case edits, then sizes
    more = {s.label: [] for s in stores}
    for _ in range(args.edits):
        k += 1
        e = data.edit(k)
        for s in stores:
            more[s.label].append(quiet(s.edit_build, data, e).total())
    size_edited = {s.label: s.size() for s in stores}
    floor, floor_bytes = checksum_floor(data, args.reps)
    print(f"edited ({time.perf_counter() - started:.0f} s)\n", flush=True)

    A, B = (s.label for s in stores)

    def line(name, a, b, fmt="{:10.1f}"):
        print(f"{name:<44}{fmt.format(a)}{fmt.format(b)}{b / a:9.2f}")

    print(f"{'median ms (' + str(args.reps) + ' reps)':<44}{A:>10}{B:>10}{'B/A':>9}")
    line("1 open + every head and output row", med_ms(build[A]), med_ms(build[B]))
    line("2 one-case edit build", med_ms(edit[A]), med_ms(edit[B]))
    phases = list(dict.fromkeys(p for s in stores for d in edit_phases[s.label] for p in d))
    for p in phases:
        a, b = (med_ms([d.get(p, 0.0) for d in edit_phases[x]]) for x in (A, B))
        print(f"{'    ' + p:<44}{a:10.1f}{b:10.1f}" + (f"{b / a:9.2f}" if a > 0 else ""))
    if args.edits:
        line(f"  edit build, median of the next {args.edits}", med_ms(more[A]), med_ms(more[B]))
        print(f"{'    (min / max of those)':<44}{min(more[A]) * 1e3:5.0f}/{max(more[A]) * 1e3:4.0f}"
              f"{min(more[B]) * 1e3:5.0f}/{max(more[B]) * 1e3:4.0f}")
    line(f"3 clean populate (median of {args.populates})", med_ms(populate[A]), med_ms(populate[B]), "{:10.0f}")
    for p in ("write", "close"):
        a, b = (med_ms([d[p] for d in populate_phases[x]]) for x in (A, B))
        print(f"{'    ' + p + (' (A: checkpoint+fsync; B: rename)' if p == 'close' else ''):<44}{a:10.0f}{b:10.0f}")
    print(f"{'checksum alone over an edit build reads':<44}{med_ms(floor):10.1f}   ({mb(floor_bytes)})")
    print()
    print(f"{'size on disk':<44}{A:>10}{B:>10}{'B/A':>9}")
    line("after populate (MB)", size_populated[A] / 1e6, size_populated[B] / 1e6)
    total_edits = 1 + args.reps + args.edits
    line(f"after {total_edits} edit builds (MB)", size_edited[A] / 1e6, size_edited[B] / 1e6)

    sq, log = stores
    print(f"\nA: {sq.stats()} after the edits")
    dead, live = log.dead_live()
    per_edit = dead / total_edits
    print(f"B: live {mb(live)}, dead {mb(dead)} after {total_edits} edits, {mb(per_edit)} dead per edit; "
          f"recompaction (dead > live) due after ~{int(live / per_edit) + 1} one-case edits")
    ph = quiet(log.compact)
    print(f"B: one recompaction now: {ph.total() * 1e3:.0f} ms, file {mb(log.size())}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    if not args.keep:
        shutil.rmtree(args.dir, ignore_errors=True)


if __name__ == "__main__":
    main()
