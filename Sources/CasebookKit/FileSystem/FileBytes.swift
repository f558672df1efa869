import Foundation

/// A file's bytes mapped into memory read-only, or a stretch of them. A build reads tens of megabytes of
/// its own cache files; mapped, they are the system's file cache itself: no copy, and no fresh memory to
/// fill page by page. The cache store's files are only appended to, cut back past what any record points
/// to, or replaced by renaming (see `CacheStore`), so the bytes a mapping is read for never change under it.
struct FileBytes: @unchecked Sendable {
    /// The mapping (or, for bytes given in memory, a copy) and when to let it go.
    private final class Storage {
        let base: UnsafeRawPointer?
        let length: Int
        let mapped: Bool

        init(base: UnsafeRawPointer?, length: Int, mapped: Bool) {
            (self.base, self.length, self.mapped) = (base, length, mapped)
        }

        deinit {
            guard let base else { return }
            if mapped { munmap(UnsafeMutableRawPointer(mutating: base), length) } else { base.deallocate() }
        }
    }

    private let storage: Storage
    /// This stretch, as offsets into the storage.
    private let start: Int
    let count: Int

    static let empty = FileBytes(storage: Storage(base: nil, length: 0, mapped: false), start: 0, count: 0)

    private init(storage: Storage, start: Int, count: Int) {
        (self.storage, self.start, self.count) = (storage, start, count)
    }

    /// The file at `path`, mapped whole; nil when it cannot be opened or mapped. With `populate`, every
    /// page is set up at once (for a file read whole); otherwise pages come in as they are first read.
    init?(contentsOf path: String, populate: Bool = true) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { self = .empty; return }
        // On Linux populated at once: one call sets up every page instead of a fault on each first touch.
        // Elsewhere (no MAP_POPULATE) the pages come in as they are first read.
        #if os(Linux)
        let flags = populate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
        #else
        let flags = MAP_PRIVATE
        #endif
        let address = mmap(nil, size, PROT_READ, flags, descriptor, 0)
        guard let address, address != MAP_FAILED else { return nil }
        self.init(storage: Storage(base: UnsafeRawPointer(address), length: size, mapped: true), start: 0, count: size)
    }

    /// A copy of `bytes` (for bytes that are already in memory, such as a test's).
    init(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { self = .empty; return }
        let copy = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 16)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        self.init(storage: Storage(base: UnsafeRawPointer(copy), length: bytes.count, mapped: false), start: 0, count: bytes.count)
    }

    /// The bytes `bounds` of this stretch (offsets from its start), sharing its storage.
    subscript(bounds: Range<Int>) -> FileBytes {
        precondition(bounds.lowerBound >= 0 && bounds.upperBound <= count, "range out of the bytes")
        return FileBytes(storage: storage, start: start + bounds.lowerBound, count: bounds.count)
    }

    /// Calls `body` with the bytes, valid only during the call.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) {
            try body(UnsafeRawBufferPointer(start: storage.base.map { $0 + start }, count: count))
        }
    }

    /// True when `other` holds the same bytes.
    func sameBytes(as other: FileBytes) -> Bool {
        guard count == other.count else { return false }
        guard count > 0 else { return true }
        return withUnsafeBytes { mine in other.withUnsafeBytes { theirs in memcmp(mine.baseAddress!, theirs.baseAddress!, count) == 0 } }
    }

    /// A copy of the bytes as an array.
    var array: [UInt8] { withUnsafeBytes { Array($0) } }
}
