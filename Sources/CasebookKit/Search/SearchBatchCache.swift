import Foundation

/// The postings of each batch of the search index, kept between builds in the `CacheStore`, each under a
/// key naming everything the batch was made from (see `SearchIndex.Reuse`). An edit to one case gathers
/// again only the batch that holds it; the others are read back. With the merge's state (`SearchMergeState`).
///
/// A value is the batch's key, then the table (`PostingsTable.serialized()`); it is read only when the key
/// matches.
struct SearchBatchCache: Sendable {
    /// Nil: nothing is kept.
    let store: CacheStore?

    /// Batch `batch`'s table if it was kept under `key`, for blocks from `firstBlock`.
    func table(batch: Int, key: ContentHash, firstBlock: Int32) -> PostingsTable? {
        guard let bytes = store?.value(.searchBatch, String(batch)), bytes.count >= 8,
              bytes.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self) }) == key.value else { return nil }
        return PostingsTable(serialized: bytes[8..<bytes.count], firstBlock: firstBlock)
    }

    /// Keeps `table` as batch `batch` under `key`. A table that cannot be kept is simply gathered again.
    func save(_ table: PostingsTable, batch: Int, key: ContentHash) {
        let payload = table.serialized()
        var bytes = [UInt8]()
        bytes.reserveCapacity(payload.count + 8)
        withUnsafeBytes(of: key.value) { bytes += $0 }
        bytes += payload
        store?.put(.searchBatch, String(batch), bytes)
    }

    /// The merge's state as the last build left it.
    func mergeState() -> SearchMergeState? {
        store?.value(.searchMerge, "").flatMap(SearchMergeState.init(bytes:))
    }

    func saveMergeState(_ state: SearchMergeState) {
        store?.put(.searchMerge, "", state.bytes)
    }
}
