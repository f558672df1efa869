import Foundation

/// Everything a build keeps for the next one, in one store of two append-only files in the cache folder
/// beside the output (ninja's build log is the model): `store.log` holds the records, and `blobs.log` the
/// bulky values (bodies, print articles, search batches), so that opening the store reads the small records
/// alone. Each value has a kind and a name; the last record of a kind and name wins, and a record with no
/// value removes it.
///
/// `store.log` is a header (`magic`, then the generator that wrote it as a counted string), then records.
/// A record is a head of 24 bytes — kind (1 byte), a zero byte, the name's length (2), the value's length
/// (4), the value's `ContentHash` (8), the hash of these 16 bytes and the name (8) — then the name (UTF-8)
/// and the value. A bulky value's record holds where it lies in `blobs.log`: offset, length and hash, 8
/// bytes each. A build's records end with a `commit` record, whose value is the length `blobs.log` then
/// had; what a killed build appended after the last commit is cut off, in both files, when the store is
/// next opened.
///
/// Nothing it hands back is unchecked: a head whose hash does not match ends the file there (what follows
/// is cut off), and a value is handed out only when its bytes hash to the hash its record holds, otherwise
/// it reads as absent and the build makes it again.
///
/// One compaction rule: when a build ends with the files more than twice the size of their live records
/// and values (and over `compactionFloor`), the live ones are written to new files, which are renamed into
/// place. A build in another environment or by another generator starts new files instead.
final class CacheStore: @unchecked Sendable {
    enum Kind: UInt8, Sendable, CaseIterable {
        case commit = 0
        /// The manifest (`BuildManifest`): its small fields, a row per case file read, a row per output file.
        case summary, input, output
        /// A rendered case (`CaseCache`): its head, body HTML, blocks of text and charts.
        case caseHead, caseHTML, caseText, caseCharts
        /// A print page's articles and frame (`PrintArticleCache`).
        case printArticle, printFrame
        /// The search index's batches and merge (`SearchBatchCache`, `SearchMergeState`).
        case searchBatch, searchMerge

        /// Kept in `blobs.log`: values read only for what changed, never all at once.
        var isBulky: Bool {
            switch self {
            case .caseHTML, .caseText, .caseCharts, .printArticle, .searchBatch: true
            case .commit, .summary, .input, .output, .caseHead, .printFrame, .searchMerge: false
            }
        }
    }

    /// A value's place: in `store.log` right after its name, or in `blobs.log`.
    struct Entry {
        var offset: Int
        var hash: UInt64
        /// Where the record's name lies in `store.log`.
        var nameOffset: Int
        private var lengths: (value: UInt32, name: UInt16, inBlobs: Bool)

        init(offset: Int, length: Int, hash: UInt64, inBlobs: Bool, nameOffset: Int, nameLength: Int) {
            (self.offset, self.hash, self.nameOffset) = (offset, hash, nameOffset)
            lengths = (UInt32(length), UInt16(nameLength), inBlobs)
        }

        var length: Int { Int(lengths.value) }
        var nameLength: Int { Int(lengths.name) }
        var inBlobs: Bool { lengths.inBlobs }
        /// The record's size in `store.log`.
        var recordSize: Int { CacheStore.headSize + nameLength + (inBlobs ? 24 : length) }
        /// What it holds of the two files.
        var liveSize: Int { recordSize + (inBlobs ? length : 0) }
    }

    /// The live entries of each kind (by raw value), by the `nameKey` of their names. A lookup checks the
    /// name itself, so two names with one key cannot be taken for each other.
    typealias Index = [[UInt64: Entry]]

    /// One of the two files: its descriptor and its bytes as they were when opened (appended ones are read
    /// with `pread`).
    struct File {
        var descriptor: Int32
        var mapped: FileBytes
        var end: Int

        /// Bytes `offset ..< offset + count`: mapped when the mapping holds them, else read.
        func bytes(_ offset: Int, _ count: Int) -> FileBytes? {
            if offset + count <= mapped.count { return mapped[offset..<offset + count] }
            var copy = [UInt8](repeating: 0, count: count)
            let got = count == 0 ? 0 : copy.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            return got == count ? FileBytes(copy) : nil
        }
    }

    static let fileName = "store.log"
    static let blobsName = "blobs.log"
    static let magic = Array("CBSTORE2".utf8)
    static let headSize = 24
    static let compactionFloor = 1 << 20

    let path: String
    let blobsPath: String
    /// The header this generator writes.
    let header: [UInt8]
    let lock = NSLock()
    var records: File
    var blobs: File
    var index: Index
    var liveBytes: Int
    /// False once a write failed or the files were compacted: no more is committed.
    var intact = true
    /// True once a record was put since the last commit.
    var touched = false

    /// The store of cache folder `directory`, made anew (empty) when `fresh`, when it is missing or damaged
    /// from its header on, or when `generator` did not write it; nil when its files cannot be written.
    init?(directory: String, generator: String = BuildManifest.currentGenerator, fresh: Bool = false) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/" + Self.fileName
        blobsPath = directory + "/" + Self.blobsName
        header = Self.header(generator)
        guard let opened = Self.open(path, blobsPath, header: header, fresh: fresh) else { return nil }
        (records, blobs, index) = opened
        liveBytes = header.count + index.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.liveSize } }
    }

    deinit {
        close(records.descriptor)
        close(blobs.descriptor)
    }

    /// The value of `kind` named `name`, if the store holds it and its bytes are the ones written.
    func value(_ kind: Kind, _ name: String) -> FileBytes? {
        entry(kind, name).flatMap(value(of:))
    }

    /// The length of the value of `kind` named `name`, without reading it; nil when the store has none.
    func length(_ kind: Kind, _ name: String) -> Int? {
        entry(kind, name)?.length
    }

    /// The names of every value of `kind`.
    func names(_ kind: Kind) -> [String] {
        entries(kind).compactMap { entry in records.bytes(entry.nameOffset, entry.nameLength).map { String(decoding: $0.array, as: UTF8.self) } }
    }

    /// Every value of `kind` whose bytes are the ones written and that `decode` reads, by name.
    func decodedValues<Value>(_ kind: Kind, _ decode: (UnsafeRawBufferPointer) -> Value?) -> [String: Value] {
        let entries = entries(kind)
        var values: [String: Value] = [:]
        values.reserveCapacity(entries.count)
        _ = withEach(entries[...]) { name, value in
            if let value, let decoded = decode(value) { values[String(decoding: name, as: UTF8.self)] = decoded }
            return true   // a damaged value is left out, the others read
        }
        return values
    }

    /// How many values of `kind` the store holds.
    func count(_ kind: Kind) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return index[Int(kind.rawValue)].count
    }

    /// True when `check` holds for every value of `kind`, given its name and its bytes where they lie (no
    /// copy, no `String`); the values are shared among the cores. A value whose bytes are not the ones
    /// written fails the check.
    func allValues(_ kind: Kind, satisfy check: @Sendable (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Bool) -> Bool {
        let entries = entries(kind), run = 2048
        return parallelMap(Array(stride(from: 0, to: entries.count, by: run))) { first in
            withEach(entries[first..<min(entries.count, first + run)]) { name, value in value.map { check(name, $0) } ?? false }
        }.allSatisfy { $0 }
    }

    /// Calls `body` with the name and value of each of `entries`, in order, until it returns false (then
    /// returns false); the value is nil when its bytes are not the ones written. Records in the mapping are
    /// read in place, others (bulky, or put in this build) through `value(of:)`.
    private func withEach(_ entries: ArraySlice<Entry>, _ body: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer?) -> Bool) -> Bool {
        records.mapped.withUnsafeBytes { raw in
            entries.allSatisfy { entry in
                if !entry.inBlobs, entry.offset + entry.length <= raw.count {
                    let value = UnsafeRawBufferPointer(rebasing: raw[entry.offset..<entry.offset + entry.length])
                    let intact = ContentHash(value.assumingMemoryBound(to: UInt8.self)).value == entry.hash
                    return body(UnsafeRawBufferPointer(rebasing: raw[entry.nameOffset..<entry.nameOffset + entry.nameLength]), intact ? value : nil)
                }
                guard let name = records.bytes(entry.nameOffset, entry.nameLength) else { return body(UnsafeRawBufferPointer(start: nil, count: 0), nil) }
                return name.withUnsafeBytes { name in
                    guard let value = value(of: entry) else { return body(name, nil) }
                    return value.withUnsafeBytes { body(name, $0) }
                }
            }
        }
    }

    private func entries(_ kind: Kind) -> [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return Array(index[Int(kind.rawValue)].values)
    }

    /// The entry of `kind` named `name`, its name checked.
    private func entry(_ kind: Kind, _ name: String) -> Entry? {
        let utf8 = Array(name.utf8)
        let key = utf8.withUnsafeBytes { Self.nameKey(kind.rawValue, $0) }
        lock.lock()
        let found = index[Int(kind.rawValue)][key]
        lock.unlock()
        guard let found, found.nameLength == utf8.count, let stored = records.bytes(found.nameOffset, found.nameLength),
              stored.withUnsafeBytes({ $0.elementsEqual(utf8) })
        else { return nil }
        return found
    }

    private func value(of entry: Entry) -> FileBytes? {
        guard let bytes = (entry.inBlobs ? blobs : records).bytes(entry.offset, entry.length) else { return nil }
        return bytes.withUnsafeBytes({ ContentHash($0.assumingMemoryBound(to: UInt8.self)) }).value == entry.hash ? bytes : nil
    }

    /// Stores `values` (an empty value removes its record), appended in one write to each file. A value
    /// that cannot be written is simply made again by the next build.
    func put(_ values: [(kind: Kind, name: String, value: [UInt8])]) {
        guard !values.isEmpty else { return }
        // Bulky values first, to learn where they go; then the records that point to them.
        let bulky = values.filter { $0.kind.isBulky && !$0.value.isEmpty }
        let blobSize = bulky.reduce(0) { $0 + $1.value.count }
        lock.lock()
        let blobStart = blobs.end
        blobs.end += blobSize
        lock.unlock()
        var blobBuffer: [UInt8] = []
        blobBuffer.reserveCapacity(blobSize)
        for value in bulky { blobBuffer += value.value }
        var written = blobBuffer.withUnsafeBytes { FileWriting.writeAll($0, to: blobs.descriptor, at: blobStart) }

        var buffer: [UInt8] = []
        var placed: [(kind: Int, key: UInt64, entry: Entry?)] = []
        var blobOffset = blobStart
        for value in values {
            let start = buffer.count
            let hash = ContentHash(value.value).value
            let bulky = value.kind.isBulky && !value.value.isEmpty
            let stored = bulky ? Self.reference(offset: blobOffset, length: value.value.count, hash: hash) : value.value
            let key = Self.appendRecord(kind: value.kind, name: value.name, value: stored, hash: bulky ? nil : hash, to: &buffer)
            let size = buffer.count - start
            placed.append((Int(value.kind.rawValue), key, value.value.isEmpty ? nil
                : Entry(offset: bulky ? blobOffset : start + size - stored.count, length: value.value.count, hash: hash, inBlobs: bulky,
                        nameOffset: start + Self.headSize, nameLength: size - Self.headSize - stored.count)))
            if bulky { blobOffset += value.value.count }
        }
        lock.lock()
        let offset = records.end
        records.end += buffer.count
        lock.unlock()
        written = written && buffer.withUnsafeBytes { FileWriting.writeAll($0, to: records.descriptor, at: offset) }
        lock.lock()
        defer { lock.unlock() }
        guard written else { intact = false; return }
        touched = true
        for (kind, key, entry) in placed {
            var moved = entry
            moved?.nameOffset += offset
            if moved?.inBlobs == false { moved?.offset += offset }
            let old = moved.map { index[kind].updateValue($0, forKey: key) } ?? index[kind].removeValue(forKey: key)
            liveBytes += (moved?.liveSize ?? 0) - (old?.liveSize ?? 0)
        }
    }

    /// `put` for one value.
    func put(_ kind: Kind, _ name: String, _ value: [UInt8]) { put([(kind, name, value)]) }

    /// Removes the value of `kind` named `name`, if there is one.
    func remove(_ kind: Kind, _ name: String) {
        if length(kind, name) != nil { put(kind, name, []) }
    }

    /// Ends the build's records with a commit, then applies the compaction rule. Call it once, when no
    /// other `put` is under way.
    func commit() {
        lock.lock()
        defer { lock.unlock() }
        guard intact, touched else { return }
        touched = false
        var buffer: [UInt8] = []
        Self.appendCommit(blobEnd: blobs.end, to: &buffer)
        guard buffer.withUnsafeBytes({ FileWriting.writeAll($0, to: records.descriptor, at: records.end) }) else { return }
        records.end += buffer.count
        let size = records.end + blobs.end
        if size > Self.compactionFloor, size > 2 * liveBytes { compact() }
    }
}
