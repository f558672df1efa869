import Foundation

/// Every case's head (the first part of its cache file, see `CaseCache`) in one file,
/// `.output.cache/heads.bin`, so that a build reads ten thousand heads with one read instead of opening
/// ten thousand files. Each head carries the hashes it was made from, so a stale pack is never trusted: a
/// head that does not match is read from the case's own file instead.
struct CaseHeadPack: Sendable {
    /// A head for the next pack: a range of this pack's bytes, or bytes made in this build.
    enum Head: Sendable {
        case kept(Range<Int>)
        case made([UInt8])
    }

    let path: String
    /// The file's bytes; the heads are ranges of them.
    let bytes: FileBytes
    /// Where each case's head lies in `bytes`, by slug; empty when there is no file or it is damaged.
    let heads: [String: Range<Int>]

    /// The pack in `cacheDirectory`; with `reading` off, it starts empty and is only saved.
    init(cacheDirectory: String, reading: Bool) {
        path = cacheDirectory + "/heads.bin"
        (bytes, heads) = reading ? Self.load(path) : (.empty, [:])
    }

    /// The file is the slugs, then the heads, both in `RawBytes.Writer.append(strings:)`'s form.
    private static func load(_ path: String) -> (FileBytes, [String: Range<Int>]) {
        guard let bytes = RawBytes.readFile(path) else { return (.empty, [:]) }
        var reader = RawBytes.Reader(bytes)
        guard let slugs = reader.readStrings(), let ranges = reader.readStringRanges(), reader.isAtEnd,
              slugs.count == ranges.count else { return (.empty, [:]) }
        var heads: [String: Range<Int>] = [:]
        heads.reserveCapacity(slugs.count)
        for (slug, range) in zip(slugs, ranges) { heads[slug] = range }
        return (bytes, heads)
    }

    /// The head of case `slug` in the pack and where it lies; nil when the pack has none or it does not read.
    func head<Value: BinaryField>(_ type: Value.Type, of slug: String) -> (value: Value, range: Range<Int>)? {
        guard let range = heads[slug] else { return nil }
        return bytes[range].withUnsafeBytes { raw in
            var reader = BinaryReader(bytes: raw.assumingMemoryBound(to: UInt8.self), position: 0)
            guard let value = try? Value(reading: &reader), reader.remaining == 0 else { return nil }
            return (value, range)
        }
    }

    /// Keeps `heads` for the next build in place of the old pack, in `load`'s form; a failure only costs
    /// the next build time.
    func save(_ heads: [(slug: String, head: Head)]) {
        var header = RawBytes.Writer()
        header.append(strings: heads.map(\.slug))
        let lengths = heads.map { entry in
            switch entry.head {
            case let .kept(range): range.count
            case let .made(bytes): bytes.count
            }
        }
        try? RawBytes.replaceFile(path, header: header, lengths: lengths) { append in
            for entry in heads {
                switch entry.head {
                case let .kept(range): try bytes[range].withUnsafeBytes(append)
                case let .made(made): try made.withUnsafeBytes(append)
                }
            }
        }
    }
}
