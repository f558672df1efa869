import Foundation

/// What the last build's merge of the index's postings left for the next one, kept beside the batches'
/// tables (`SearchBatchCache`): the heavy tokens in shard order with the size of each shard, and what the postings were
/// made from (the index's key, the number of blocks of every page, each batch's key). When an edit leaves
/// every page's number of blocks as it was, a heavy token whose postings did not change in the batches
/// gathered again has the same shard as before: it is kept, not merged and encoded again.
struct SearchMergeState: Equatable {
    /// The key of the index this merge made (`Reuse.indexKey`), to tell it is the one in the output.
    var indexKey: UInt64
    /// A hash of the number of blocks of every page.
    var layout: UInt64
    var batchKeys: [UInt64]
    /// The key of every page's documents (`Source.pageKeys`), to tell which pages of a batch an edit changed;
    /// empty when there was no telling.
    var pageKeys: [UInt64]
    /// The heavy tokens in shard order (`h-0` first): each one's key (0 for a word), text and shard size.
    var heavyKeys: [UInt64]
    var heavyTokens: [String]
    var heavySizes: [Int]

    static func layout(of pageBlockCounts: [Int]) -> UInt64 {
        pageBlockCounts.withUnsafeBytes { ContentHash($0).value }
    }

}

extension SearchMergeState {
    /// The state in `bytes`' form, if they hold one.
    init?(bytes: FileBytes) {
        var reader = RawBytes.Reader(bytes)
        guard let header = reader.read(UInt64.self), header.count == 2, let batchKeys = reader.read(UInt64.self),
              let pageKeys = reader.read(UInt64.self),
              let heavyKeys = reader.read(UInt64.self), let heavyTokens = reader.readStrings(), let heavySizes = reader.read(Int.self),
              reader.isAtEnd, heavyKeys.count == heavyTokens.count, heavySizes.count == heavyTokens.count else { return nil }
        self.init(indexKey: header[0], layout: header[1], batchKeys: batchKeys, pageKeys: pageKeys,
                  heavyKeys: heavyKeys, heavyTokens: heavyTokens, heavySizes: heavySizes)
    }

    /// The state as bytes; a state that cannot be kept only costs the next build a whole merge.
    var bytes: [UInt8] {
        var writer = RawBytes.Writer()
        writer.append([indexKey, layout])
        writer.append(batchKeys)
        writer.append(pageKeys)
        writer.append(heavyKeys)
        writer.append(strings: heavyTokens)
        writer.append(heavySizes)
        return writer.bytes
    }
}
