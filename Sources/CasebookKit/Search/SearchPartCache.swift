import Foundation

/// The postings of each part of the search index, kept between builds in `part-<n>.bin` under the cache
/// folder, each under a key naming everything the part was made from (see `SearchIndex.Reuse`). An edit
/// to one case gathers again only the part that holds it; the others are read back.
///
/// A file is the part's key, the hash of the rest, then the table (`PostingsTable.serialized()`). It is
/// written whole under a temporary name and renamed, and read only when both key and hash match.
struct SearchPartCache: Sendable {
    let directory: String

    init(directory: String) {
        self.directory = directory
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Part `part`'s table if it was kept under `key`, for blocks from `firstBlock`.
    func table(part: Int, key: ContentHash, firstBlock: Int32) -> PostingsTable? {
        guard let bytes = RawBytes.readFile(path(part)), bytes.count >= 16 else { return nil }
        let (storedKey, storedHash) = bytes.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        let payload = bytes[16..<bytes.count]
        guard storedKey == key.value, storedHash == payload.withUnsafeBytes({ ContentHash($0.assumingMemoryBound(to: UInt8.self)) }).value
        else { return nil }
        return PostingsTable(serialized: payload, firstBlock: firstBlock)
    }

    /// Keeps `table` as part `part` under `key`. A table that cannot be kept is simply gathered again.
    func save(_ table: PostingsTable, part: Int, key: ContentHash) {
        let payload = table.serialized()
        var bytes = [UInt8]()
        bytes.reserveCapacity(payload.count + 16)
        withUnsafeBytes(of: key.value) { bytes += $0 }
        withUnsafeBytes(of: ContentHash(payload).value) { bytes += $0 }
        bytes += payload
        try? CacheFile.replace(path(part), bytes)
    }

    private func path(_ part: Int) -> String { directory + "/part-\(part).bin" }
}
