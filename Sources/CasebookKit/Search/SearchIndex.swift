import Foundation

/// One searchable block: a stretch of a page under its nearest heading.
public struct SearchDocument: Sendable {
    /// Relative to the site root: `cases/tangqiao.html#fig-1-1` or `cases/x.html`.
    public var url: String
    public var pageTitle: String
    /// The nearest heading's text; nil for the top of the page.
    public var heading: String?
    public var text: String

    public init(url: String, pageTitle: String, heading: String?, text: String) {
        self.url = url
        self.pageTitle = pageTitle
        self.heading = heading
        self.text = text
    }
}

/// Writes the search index: script files under `search/` that the browser loads with `<script src>` (so it
/// works from `file://`), each calling `CasebookSearch.register(id, data)`.
///
/// - `search/manifest.js`: counts, the number of blocks of each page, the posting buckets and the list of
///   heavy tokens that have a shard of their own.
/// - `search/p-<bucket>.js`: postings of the tokens whose FNV-1a hash (over UTF-16) falls in the bucket;
///   `search/h-<n>.js`: the postings of one heavy token, numbered by size (`h-0` is the smallest), so that a
///   query of several tokens can load only its rarest ones and leave the rest to the text check. A posting list holds block ids, term counts and
///   which blocks have the token in their page title or heading — no text.
/// - `search/x-<n>.js`: the texts of blocks `n*chunk ..< (n+1)*chunk`, for verification and snippets.
///
/// Block ids run page by page in the order the documents are given (a page's blocks are kept together).
public enum SearchIndex {
    /// Target size of a posting bucket and of a text shard, in bytes.
    static let postingShardTarget = 8 * 1024
    static let textShardTarget = 8 * 1024
    /// A token whose postings are larger than this gets its own shard.
    static var heavyThreshold: Int { postingShardTarget / 2 }
    /// Term counts are left out of very common tokens (in more than 4096 blocks and 1/8 of all):
    /// they say little for ranking and would make every query load them.
    static func keepsCounts(df: Int, blocks: Int) -> Bool { df <= 4096 || df * 8 <= blocks }

    struct Block {
        var page: Int
        var document: SearchDocument
        var isPageTop: Bool
    }

    /// Postings of one token: ascending block ids, counts, and the ids where it is in a title or heading.
    struct Postings {
        var ids: [Int32] = []
        var counts: [UInt16] = []
        var flagged: [Int32] = []

        /// Empties the lists and keeps their room, to be filled again.
        mutating func removeAll() {
            ids.removeAll(keepingCapacity: true)
            counts.removeAll(keepingCapacity: true)
            flagged.removeAll(keepingCapacity: true)
        }
    }

    /// One file of the index: its path in the site and its bytes (UTF-8 JavaScript).
    public struct File: Sendable {
        public var path: String
        public var bytes: [UInt8]
        /// What a text shard was made from, when the build keeps files between runs (see `Reuse`).
        public var key: ContentHash?
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// How big a page is in the index, known before its documents are made: its number of blocks and their
    /// weight (see `weight(of:)`), from which the size of the text shards is chosen.
    public struct PageSize: Sendable, Codable, Hashable {
        public var blocks: Int
        public var weight: Int

        init(blocks: Int, weight: Int) {
            self.blocks = blocks
            self.weight = weight
        }

        public init(of documents: [SearchDocument]) {
            blocks = documents.count
            weight = documents.reduce(0) { $0 + SearchIndex.weight(of: $1) }
        }
    }

    /// The pages to index, and how to make the documents of a few of them at a time, so that the index
    /// never holds every page's text at once.
    public struct Source: Sendable {
        /// Every page, in order.
        public var pages: [PageSize]
        /// The documents of the pages in `range`: each page's together and in order, as many as `pages` says.
        public var documents: @Sendable (Range<Int>) throws -> [SearchDocument]
        /// A hash of everything each page's documents are made from, to tell what is unchanged since the last
        /// build; empty when there is no telling.
        public var pageKeys: [ContentHash]

        public init(pages: [PageSize], pageKeys: [ContentHash] = [], documents: @escaping @Sendable (Range<Int>) throws -> [SearchDocument]) {
            self.pages = pages
            self.pageKeys = pageKeys
            self.documents = documents
        }
    }

    /// What an incremental build can take over from the last one: each batch's postings from `batches`, and
    /// any text shard made from the same pages, which `keep(files)` keeps as it is when it can (saying,
    /// for each file, whether it did).
    struct Reuse: Sendable {
        var batches: SearchBatchCache
        var keep: @Sendable (_ files: [(path: String, key: ContentHash)]) -> [Bool]
        /// The key of the index being built, and of the one the output holds now: when both are known, the
        /// merge keeps the heavy shards of tokens an edit did not touch (see `SearchMergeState`).
        var indexKey: ContentHash?
        var lastIndexKey: ContentHash?
        /// False in a clean build: no batch is taken from the cache, but every batch gathered is kept there.
        var readsKept = true
    }

    /// A batch of the index has more blocks than a table can number.
    struct TooManyBlocks: Error, CustomStringConvertible {
        var pages: Range<Int>
        var description: String { "search index: pages \(pages) have more than \(PostingsTable.maxBlocks) blocks" }
    }

    /// The source gave a different number of documents than its page sizes said.
    struct SourceMismatch: Error, CustomStringConvertible {
        var pages: Range<Int>
        var expected: Int, got: Int
        var description: String { "search index: pages \(pages) gave \(got) blocks, not \(expected)" }
    }

    /// The bytes a block adds to its text shard, about.
    static func weight(of document: SearchDocument) -> Int {
        document.text.utf8.count + (document.heading?.utf8.count ?? 0) + document.url.utf8.count + 8
    }

    /// The index's files: the manifest, the posting shards, then the text shards.
    public static func build(_ documents: [SearchDocument]) -> [File] {
        let collected = FileCollector()
        try! build(documents) { collected.add($0) }   // collecting cannot fail
        return collected.files.sorted { order($0.path) < order($1.path) }
    }

    /// Builds the index of documents given all at once; see `build(_:emit:)` with a `Source`.
    public static func build(_ documents: [SearchDocument], emit: @escaping @Sendable (File) throws -> Void) throws {
        let blocks = orderedBlocks(documents)
        var grouped: [[SearchDocument]] = []
        for block in blocks {
            if block.page == grouped.count { grouped.append([]) }
            grouped[block.page].append(block.document)
        }
        let pages = grouped
        try build(Source(pages: pages.map(PageSize.init(of:))) { range in Array(pages[range].joined()) }, emit: emit)
    }

    /// Builds the index and hands each file to `emit` as soon as it is made. The blocks are split into batches,
    /// each on a core of its own: a batch asks `source` for its pages' documents, writes the text shards that
    /// begin in it, gathers its postings and lets the documents go. The posting shards and the manifest
    /// follow. `emit` is called from several threads at once; the first error it throws is rethrown once
    /// every batch is done, so nothing is emitted after `build` returns.
    public static func build(_ source: Source, emit: @escaping @Sendable (File) throws -> Void) throws {
        try build(source, reuse: nil, emit: emit)
    }

    /// Builds the index as `build(_:emit:)` does, taking over from the last build what `reuse` holds: a batch
    /// whose pages are unchanged is not gathered again, and a text shard whose blocks are unchanged is kept
    /// (and not emitted). Every batch gathered is kept in `reuse` for the next build. `indexed` is told, from
    /// any thread, how many more pages are done as each batch of them is, until all are.
    static func build(_ source: Source, reuse: Reuse?, indexed: (@Sendable (_ pages: Int) -> Void)? = nil,
                      emit: @escaping @Sendable (File) throws -> Void) throws {
        let pageBlockCounts = source.pages.map(\.blocks)
        var pageStart = [0]
        for count in pageBlockCounts { pageStart.append(pageStart[pageStart.count - 1] + count) }
        let blockCount = pageStart[pageStart.count - 1]

        // Text shards: a fixed number of blocks each, about `textShardTarget` bytes.
        let textBytes = source.pages.reduce(0) { $0 + $1.weight }
        let chunk = max(1, Int((Double(textShardTarget) / max(1, Double(textBytes) / Double(max(1, blockCount)))).rounded()))
        let layout = SearchMergeState.layout(of: pageBlockCounts)
        let previous = reuse.flatMap { reuse -> SearchMergeState? in
            guard let last = reuse.lastIndexKey, reuse.indexKey != nil, let state = reuse.batches.mergeState(),
                  state.indexKey == last.value, state.layout == layout else { return nil }
            return state
        }
        let batches = try gatheredBatches(source, reuse: reuse, pageStart: pageStart, chunk: chunk, last: previous, indexed: indexed, emit: emit)
        let tables = batches.map(\.table)

        // Each token's postings; heavy ones get their own shard, the rest share hash buckets. Heavy tokens
        // an edit left alone keep their shards when they keep their places.
        let untouched = previous.flatMap { untouchedHeavy($0, batches: batches) } ?? [:]
        var (heavy, light) = split(encodedPostings(tables, blockCount: blockCount, skipping: untouched, sizes: previous?.heavySizes ?? []))
        if !untouched.isEmpty, !keepsUntouched(heavy, reuse: reuse!) {
            (heavy, light) = split(encodedPostings(tables, blockCount: blockCount))
        }
        let lightBytes = light.reduce(0) { $0 + $1.json.count + $1.token.utf8.count + 6 }
        let bucketCount = max(1, (lightBytes + postingShardTarget - 1) / postingShardTarget)
        var buckets = [[EncodedPostings]](repeating: [], count: bucketCount)
        for entry in light { buckets[Int(hash(entry.token) % UInt32(bucketCount))].append(entry) }
        let bucketFiles = parallelMap(Array(buckets.enumerated())) { index, bucket -> File in
            let id = "p-" + String(index, radix: 16)
            return File(path: "search/\(id).js", bytes: registration(id, object(bucket.sorted { $0.token.utf8.lexicographicallyPrecedes($1.token.utf8) })))
        }
        let heavyFiles = parallelMap(Array(heavy.enumerated())) { index, shard -> File? in
            guard let json = shard.json else { return nil }   // kept as it was
            let id = "h-" + String(index, radix: 36)
            return File(path: heavyShardPath(index), bytes: registration(id, object([(shard.token, shard.key, json)])), key: shard.fileKey)
        }.compactMap { $0 }

        // The heavy tokens in shard order, joined by spaces (no token contains one): `h-<n>` is the n-th.
        var heavyList: [UInt8] = []
        appendJSONString(heavy.map(\.token).joined(separator: " "), to: &heavyList)
        var pageBlockBytes: [UInt8] = []
        for count in pageBlockCounts { appendVarint(count, to: &pageBlockBytes) }
        let pageBlocks = String(decoding: pageBlockBytes, as: UTF8.self)
        let manifest = "{\"version\":1,\"pages\":\(pageBlockCounts.count),\"blocks\":\(blockCount),\"buckets\":\(bucketCount),"
            + "\"chunk\":\(chunk),\"pageBlocks\":\"\(pageBlocks)\",\"heavy\":\(String(decoding: heavyList, as: UTF8.self))}"
        for file in bucketFiles + heavyFiles { try emit(file) }
        try emit(File(path: "search/manifest.js", bytes: registration("manifest", Array(manifest.utf8))))
        if let reuse, let indexKey = reuse.indexKey, batches.allSatisfy({ $0.key != nil }) {
            reuse.batches.saveMergeState(SearchMergeState(indexKey: indexKey.value, layout: layout, batchKeys: batches.map { $0.key!.value },
                             pageKeys: source.pageKeys.count == source.pages.count ? source.pageKeys.map(\.value) : [],
                             heavyKeys: heavy.map(\.key), heavyTokens: heavy.map(\.token), heavySizes: heavy.map(\.size)))
        }
    }

    /// A heavy token's shard: the token, its key (0 for a word), its size, and its encoded postings unless
    /// the shard is kept from the last build (then `keptIndex` is its place there).
    struct HeavyShard {
        var token: String
        var key: UInt64
        var size: Int
        var json: [UInt8]?
        var keptIndex: Int?

        /// What a heavy shard is made from, besides its place: a token whose postings did not change has the
        /// same size and the same bytes.
        var fileKey: ContentHash { ContentHash(parts: ["heavy", token, String(size)]) }
    }

    static func heavyShardPath(_ index: Int) -> String { "search/h-\(String(index, radix: 36)).js" }

    /// The heavy tokens of the last build whose postings are the same now, with their places then: none
    /// unless every batch was either kept as the last build made it or gathered again with its last table at
    /// hand to compare.
    private static func untouchedHeavy(_ previous: SearchMergeState, batches: [GatheredBatch]) -> [PostingsTable.TokenID: Int]? {
        guard previous.batchKeys.count == batches.count else { return nil }
        var changed = Set<PostingsTable.TokenID>()
        for (index, batch) in batches.enumerated() {
            if batch.reused {
                guard batch.key?.value == previous.batchKeys[index] else { return nil }
            } else {
                guard let old = batch.previous else { return nil }
                changed.formUnion(batch.table.changedTokens(since: old))
            }
        }
        var untouched: [PostingsTable.TokenID: Int] = [:]
        for index in previous.heavyTokens.indices {
            let key = previous.heavyKeys[index]
            let id = PostingsTable.TokenID(key: key, word: key == 0 ? previous.heavyTokens[index] : nil)
            if !changed.contains(id) { untouched[id] = index }
        }
        return untouched
    }

    /// The encoded postings split into heavy shards, in shard order (from the smallest up, so a query can
    /// tell which of its heavy tokens is rarest), and light ones; the skipped tokens were not encoded and
    /// join the heavy ones with their last sizes.
    private static func split(_ encoded: (entries: [EncodedPostings], skipped: [SkippedPostings]))
        -> (heavy: [HeavyShard], light: [EncodedPostings]) {
        var heavy: [HeavyShard] = []
        var light: [EncodedPostings] = []
        for entry in encoded.entries {
            let size = entry.json.count + entry.token.utf8.count
            if size > heavyThreshold { heavy.append(HeavyShard(token: entry.token, key: entry.key, size: size, json: entry.json)) } else { light.append(entry) }
        }
        for skipped in encoded.skipped {
            heavy.append(HeavyShard(token: skipped.token, key: skipped.key, size: skipped.size, json: nil, keptIndex: skipped.index))
        }
        heavy.sort { a, b in a.size != b.size ? a.size < b.size : a.token.utf8.lexicographicallyPrecedes(b.token.utf8) }
        return (heavy, light)
    }

    /// Keeps the shards of the untouched heavy tokens; false (and the merge is done again whole) when one has
    /// moved to another place or its file is not as the last build left it.
    private static func keepsUntouched(_ heavy: [HeavyShard], reuse: Reuse) -> Bool {
        let untouched = heavy.indices.filter { heavy[$0].keptIndex != nil }
        guard untouched.allSatisfy({ heavy[$0].keptIndex == $0 }) else { return false }
        return reuse.keep(untouched.map { (heavyShardPath($0), heavy[$0].fileKey) }).allSatisfy { $0 }
    }

    /// The postings of each batch of the pages, in order; on the way, each batch emits the text shards that
    /// begin in it (loading the pages those reach into, too). Batches are whole pages, so that a page whose
    /// number of blocks changes leaves the other batches as they were.
    /// A batch's postings, the key it is kept under, whether it was kept from the last build, and, when it
    /// was gathered again, the table the last build kept for it (under `previousKeys`), if at hand.
    struct GatheredBatch: Sendable {
        var table: PostingsTable
        var key: ContentHash?
        var reused: Bool
        var previous: PostingsTable?
    }

    private static func gatheredBatches(_ source: Source, reuse: Reuse?, pageStart: [Int], chunk: Int, last: SearchMergeState?,
                                      indexed: (@Sendable (Int) -> Void)?,
                                      emit: @escaping @Sendable (File) throws -> Void) throws -> [GatheredBatch] {
        let pageCount = source.pages.count
        let blockCount = pageStart[pageCount]
        let batchCount = min(32, max(1, blockCount / 512))
        let batches = (0..<batchCount).map { batch in (pageCount * batch / batchCount)..<(pageCount * (batch + 1) / batchCount) }
        let keys = reuse != nil && source.pageKeys.count == pageCount ? source.pageKeys : nil
        return try parallelTryMap(Array(batches.enumerated())) { batch, pages in
            defer { indexed?(pages.count) }
            let range = pageStart[pages.lowerBound]..<pageStart[pages.upperBound]
            guard range.count <= PostingsTable.maxBlocks else { throw TooManyBlocks(pages: pages) }
            let shards = (range.lowerBound + chunk - 1) / chunk ..< (range.upperBound + chunk - 1) / chunk
            let end = max(range.upperBound, min(blockCount, shards.upperBound * chunk))
            func load(_ pages: Range<Int>) throws -> [SearchDocument] {
                let documents = try source.documents(pages)
                let expected = pageStart[pages.upperBound] - pageStart[pages.lowerBound]
                guard documents.count == expected else { throw SourceMismatch(pages: pages, expected: expected, got: documents.count) }
                return documents
            }
            let batchKey = keys.map { keys in
                var numbers: [UInt64] = [batchTag, UInt64(batchCount), UInt64(batch), UInt64(pages.lowerBound), UInt64(pages.upperBound)]
                for page in pages { numbers += [keys[page].value, UInt64(pageStart[page + 1] - pageStart[page])] }
                return ContentHash(numbers: numbers)
            }
            let kept = batchKey.flatMap { key in reuse!.readsKept ? reuse!.batches.table(batch: batch, key: key, firstBlock: Int32(range.lowerBound)) : nil }
            // The last build's table of this batch, to tell which tokens changed, read before it is replaced.
            let previous = kept != nil ? nil : last.flatMap { last in
                batch < last.batchKeys.count
                    ? reuse!.batches.table(batch: batch, key: ContentHash(value: last.batchKeys[batch]), firstBlock: Int32(range.lowerBound)) : nil
            }
            // A few pages edited (with their blocks as many as before, or there would be no last state): the
            // last table is patched with those pages alone.
            let patched = try previous.flatMap { previous -> PostingsTable? in
                guard reuse!.readsKept, let keys, let lastKeys = last?.pageKeys, lastKeys.count == pageCount else { return nil }
                let edited = pages.filter { keys[$0].value != lastKeys[$0] }
                guard !edited.isEmpty, edited.count * 4 <= pages.count else { return nil }
                var patch = PostingsTable(capacity: 1024, firstBlock: Int32(range.lowerBound))
                for page in edited { add(try load(page..<page + 1)[...], pages: page..<page + 1, pageStart: pageStart, to: &patch) }
                patch.finish()
                return previous.patched(replacing: edited.map { Int32(pageStart[$0])..<Int32(pageStart[$0 + 1]) }, with: patch)
            }
            // A batch gathered again loads the pages holding blocks `range.lowerBound ..< end` once, for its
            // postings and text shards; a kept or patched one loads only the pages of the text shards it must make.
            let held = range.lowerBound < end ? pagesOf(blocks: range.lowerBound..<end, pageStart: pageStart) : pages.lowerBound..<pages.lowerBound
            let base = pageStart[held.lowerBound]
            let documents = kept == nil && patched == nil && !held.isEmpty ? try load(held) : []
            // The text shards made from the same pages as last time are kept, all asked for at once.
            let shardKeys = keys.map { keys in
                shards.map { textShardKey($0, chunk: chunk, blockCount: blockCount, pageStart: pageStart, pageKeys: keys) }
            }
            let keptShards = shardKeys.map { shardKeys in reuse!.keep(zip(shards, shardKeys).map { (textShardPath($0), $1) }) }
            for (offset, index) in shards.enumerated() {
                let key = shardKeys?[offset]
                if keptShards?[offset] == true { continue }
                var file: File
                if kept == nil && patched == nil {
                    file = textShard(index, chunk: chunk, blockCount: blockCount, documents: documents, base: base)
                } else {
                    let pages = pagesOf(blocks: index * chunk..<min(blockCount, (index + 1) * chunk), pageStart: pageStart)
                    file = textShard(index, chunk: chunk, blockCount: blockCount, documents: try load(pages), base: pageStart[pages.lowerBound])
                }
                file.key = key
                try emit(file)
            }
            if let kept { return GatheredBatch(table: kept, key: batchKey, reused: true) }
            let table: PostingsTable
            if let patched {
                table = patched
            } else {
                var gathered = PostingsTable(firstBlock: Int32(range.lowerBound))
                add(documents[(range.lowerBound - base)..<(range.upperBound - base)], pages: pages, pageStart: pageStart, to: &gathered)
                gathered.finish()
                table = gathered
            }
            if let batchKey { reuse!.batches.save(table, batch: batch, key: batchKey) }
            return GatheredBatch(table: table, key: batchKey, reused: false, previous: previous)
        }
    }

    /// Adds the documents of `pages` (their blocks, in order) to `table`: each page's title goes with its
    /// first block, each heading with its block, both flagged.
    private static func add(_ documents: ArraySlice<SearchDocument>, pages: Range<Int>, pageStart: [Int], to table: inout PostingsTable) {
        precondition(documents.count == pageStart[pages.upperBound] - pageStart[pages.lowerBound], "documents of other pages")
        var document = documents.startIndex
        for page in pages {
            for id in pageStart[page]..<pageStart[page + 1] {
                if id == pageStart[page] { table.add(documents[document].pageTitle, block: Int32(id), flag: true) }
                if let heading = documents[document].heading { table.add(heading, block: Int32(id), flag: true) }
                table.add(documents[document].text, block: Int32(id), flag: false)
                document += 1
            }
        }
    }

    /// What the first number of a batch's key and of a text shard's key says, so the two never meet.
    private static let batchTag: UInt64 = 0x6261_7463, textShardTag: UInt64 = 0x7465_7874

    /// The pages holding `blocks` (not empty).
    private static func pagesOf(blocks: Range<Int>, pageStart: [Int]) -> Range<Int> {
        max(0, pageIndex(startingAfter: blocks.lowerBound, in: pageStart) - 1)..<pageIndex(startingAfter: blocks.upperBound - 1, in: pageStart)
    }

    /// What text shard `index` is made from: its blocks, and the pages they belong to with where those begin.
    private static func textShardKey(_ index: Int, chunk: Int, blockCount: Int, pageStart: [Int], pageKeys: [ContentHash]) -> ContentHash {
        let blocks = (index * chunk)..<min(blockCount, (index + 1) * chunk)
        var numbers: [UInt64] = [textShardTag, UInt64(blocks.lowerBound), UInt64(blocks.upperBound)]
        for page in pagesOf(blocks: blocks, pageStart: pageStart) {
            numbers += [pageKeys[page].value, UInt64(pageStart[page]), UInt64(pageStart[page + 1])]
        }
        return ContentHash(numbers: numbers)
    }

    static func textShardPath(_ index: Int) -> String { "search/x-\(String(index, radix: 36)).js" }

    /// The first page whose first block comes after `block` (the number of pages when none does).
    private static func pageIndex(startingAfter block: Int, in pageStart: [Int]) -> Int {
        var (low, high) = (0, pageStart.count - 1)
        while low < high {
            let middle = (low + high) / 2
            if pageStart[middle] > block { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The text shard `index`: blocks `index * chunk ..< (index + 1) * chunk` as `[title, url, heading, text]`;
    /// block `id` is `documents[id - base]`.
    static func textShard(_ index: Int, chunk: Int, blockCount: Int, documents: [SearchDocument], base: Int) -> File {
        let id = "x-" + String(index, radix: 36)
        var out: [UInt8] = Array(registrationPrefix(id).utf8)
        out.append(UInt8(ascii: "["))
        for block in (index * chunk)..<min(blockCount, (index + 1) * chunk) {
            let document = documents[block - base]
            if block > index * chunk { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            appendJSONString(document.pageTitle, to: &out)
            out.append(UInt8(ascii: ","))
            appendJSONString(document.url, to: &out)
            out.append(UInt8(ascii: ","))
            if let heading = document.heading { appendJSONString(heading, to: &out) } else { out += Array("null".utf8) }
            out.append(UInt8(ascii: ","))
            appendJSONString(document.text, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out += Array("]".utf8) + Array(registrationSuffix.utf8)
        return File(path: textShardPath(index), bytes: out)
    }

    /// Where a file comes in `build`'s list: the manifest, posting buckets, heavy shards, text shards, each
    /// kind in the order of its number.
    private static func order(_ path: String) -> (Int, Int) {
        let name = path.dropFirst("search/".count).dropLast(".js".count)
        guard name != "manifest" else { return (0, 0) }
        let kinds: [Character: (rank: Int, radix: Int)] = ["p": (1, 16), "h": (2, 36), "x": (3, 36)]
        let kind = kinds[name.first ?? " "] ?? (4, 10)
        return (kind.rank, Int(name.dropFirst(2), radix: kind.radix) ?? 0)
    }

    /// Files handed over from several threads.
    private final class FileCollector: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var files: [File] = []

        func add(_ file: File) {
            lock.lock()
            files.append(file)
            lock.unlock()
        }
    }

    /// The documents as blocks, the blocks of each page together, pages in order of first appearance.
    static func orderedBlocks(_ documents: [SearchDocument]) -> [Block] {
        // Each document's page number, looked up only where the page changes (the build gives a page's
        // documents together, so a stable sort by page is then the identity).
        var pageIndex: [Substring: Int] = [:]
        var pageOf: [Int] = []
        pageOf.reserveCapacity(documents.count)
        var current: (url: Substring, index: Int)?
        for document in documents {
            let page = pageURL(document.url)
            if page != current?.url {
                let index = pageIndex[page] ?? pageIndex.count
                pageIndex[page] = index
                current = (page, index)
            }
            pageOf.append(current!.index)
        }
        let order = documents.indices.sorted { (pageOf[$0], $0) < (pageOf[$1], $1) }
        return order.enumerated().map { position, index in
            Block(page: pageOf[index], document: documents[index], isPageTop: position == 0 || pageOf[order[position - 1]] != pageOf[index])
        }
    }

    /// A block's page: its address without the `#heading`.
    static func pageURL(_ url: String) -> Substring {
        if let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) { return url[..<hash] }
        return url[...]
    }

    /// A token, its key in the tables (0 for a word) and its postings, encoded as a JSON array (see
    /// `encodePostings`).
    typealias EncodedPostings = (token: String, key: UInt64, json: [UInt8])
    /// A token left out of the merge: its key, and the size and place of its heavy shard in the last build.
    typealias SkippedPostings = (token: String, key: UInt64, size: Int, index: Int)

    /// Every token with its encoded postings, in no particular order, except the tokens in `skipping`, which
    /// are given back with their last size and place instead. The tables of the batches (in block order) are
    /// merged partition by partition (a batch's postings follow the previous batch's, so ids stay ascending)
    /// and encoded, in parallel.
    static func encodedPostings(_ tables: [PostingsTable], blockCount: Int, skipping: [PostingsTable.TokenID: Int] = [:],
                                sizes: [Int] = []) -> (entries: [EncodedPostings], skipped: [SkippedPostings]) {
        let partitions = parallelMap(tables) { $0.entriesByPartition() }
        let merged = parallelMap(Array(0..<PostingsTable.partitionCount)) { partition -> ([EncodedPostings], [SkippedPostings]) in
            // Each token's entries in the batches that have it, in batch order.
            var keyed: [UInt64: Int] = [:]
            var worded: [String: Int] = [:]
            var tokens: [(token: String, key: UInt64)] = []
            var entries: [[(batch: Int, entry: Int32)]] = []
            for (batch, table) in tables.enumerated() {
                for entry in partitions[batch][partition] {
                    let key = table.keys[Int(entry)]
                    let known = key != 0 ? keyed[key] : worded[table.words[entry]!]
                    let slot = known ?? tokens.count
                    if known == nil {
                        let token = table.token(of: Int(entry))
                        if key != 0 { keyed[key] = slot } else { worded[token] = slot }
                        tokens.append((token, key))
                        entries.append([])
                    }
                    entries[slot].append((batch, entry))
                }
            }
            // One token at a time, merged into the same buffers and encoded at once.
            var postings = Postings()
            var encoded: [EncodedPostings] = []
            var skipped: [SkippedPostings] = []
            encoded.reserveCapacity(tokens.count)
            for (token, entries) in zip(tokens, entries) {
                if !skipping.isEmpty, let index = skipping[PostingsTable.TokenID(key: token.key, word: token.key == 0 ? token.token : nil)] {
                    skipped.append((token.token, token.key, sizes[index], index))
                    continue
                }
                postings.removeAll()
                for (batch, entry) in entries { tables[batch].appendPostings(of: Int(entry), to: &postings) }
                encoded.append((token.token, token.key, encodePostings(postings, blockCount: blockCount)))
            }
            return (encoded, skipped)
        }
        return (merged.flatMap(\.0), merged.flatMap(\.1))
    }

    // MARK: - Encoding

    /// `[df, ids, counts, flagged]`: ids as gaps or a bitmap, counts one character each (empty when all are 1
    /// or the token is too common), flagged ids as gaps. See `search.js` for the decoder.
    static func encodePostings(_ postings: Postings, blockCount: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(postings.ids.count * 2 + 16)
        out.append(UInt8(ascii: "["))
        out += String(postings.ids.count).utf8
        out += Array(",\"".utf8)
        appendIDs(postings.ids, to: &out)
        out += Array("\",\"".utf8)
        if keepsCounts(df: postings.ids.count, blocks: blockCount), postings.counts.contains(where: { $0 > 1 }) {
            for count in postings.counts { out.append(character(min(63, Int(count) - 1))) }
        }
        out += Array("\",\"".utf8)
        appendGaps(postings.flagged, to: &out)
        out += Array("\"]".utf8)
        return out
    }

    /// Character `value` (0–63) of the encodings' alphabet, `A–Z a–z 0–9 - _`, none of which needs escaping
    /// in JSON or in a URL. Worked out rather than looked up: a global table costs a lazy-initialization
    /// check on every use, and this is called for every posting.
    @inline(__always)
    static func character(_ value: Int) -> UInt8 {
        let value = UInt8(truncatingIfNeeded: value)
        if value < 26 { return UInt8(ascii: "A") + value }
        if value < 52 { return UInt8(ascii: "a") + (value - 26) }
        if value < 62 { return UInt8(ascii: "0") + (value - 52) }
        return value == 62 ? UInt8(ascii: "-") : UInt8(ascii: "_")
    }

    /// A variable-length number: 5 bits per character, least significant first, 32 set on all but the last.
    @inline(__always)
    static func appendVarint(_ value: Int, to out: inout [UInt8]) {
        var v = value
        while v >= 32 {
            out.append(character(32 | (v & 31)))
            v >>= 5
        }
        out.append(character(v))
    }

    /// Ascending ids as the varints of `id - previous - 1` (the first one's previous is -1).
    static func appendGaps(_ ids: [Int32], to out: inout [UInt8]) {
        var previous = -1
        for id in ids {
            appendVarint(Int(id) - previous - 1, to: &out)
            previous = Int(id)
        }
    }

    /// Gaps, or — when shorter — `~`, the first id as a varint, then a bitmap from it, 6 ids per character.
    static func appendIDs(_ ids: [Int32], to out: inout [UInt8]) {
        let start = out.count
        appendGaps(ids, to: &out)
        guard let first = ids.first, let last = ids.last else { return }
        let span = Int(last - first) + 1
        let bitmapLength = 2 + (span + 5) / 6
        guard bitmapLength < out.count - start else { return }
        out.removeSubrange(start...)
        out.append(UInt8(ascii: "~"))
        appendVarint(Int(first), to: &out)
        var bits = [UInt8](repeating: 0, count: (span + 5) / 6)
        for id in ids {
            let offset = Int(id - first)
            bits[offset / 6] |= 1 << (offset % 6)
        }
        for value in bits { out.append(character(Int(value))) }
    }

    /// FNV-1a over the UTF-16 code units of `token`, 32 bits: the same function as in `search.js`.
    static func hash(_ token: String) -> UInt32 {
        var h: UInt32 = 0x811C9DC5
        for unit in token.utf16 {
            h ^= UInt32(unit)
            h = h &* 16777619
        }
        return h
    }

    static func object(_ entries: [EncodedPostings]) -> [UInt8] {
        var out: [UInt8] = Array("{".utf8)
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(entry.token, to: &out)
            out.append(UInt8(ascii: ":"))
            out += entry.json
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The contents of a shard file: a call with a JSON value, safe inside a script file.
    static func registration(_ id: String, _ json: [UInt8]) -> [UInt8] {
        Array(registrationPrefix(id).utf8) + json + Array(registrationSuffix.utf8)
    }

    static func registrationPrefix(_ id: String) -> String { "CasebookSearch.register(\"\(id)\"," }
    static let registrationSuffix = ");\n"

    /// Appends `text` as a JSON string that is also safe in any script context: besides `"`, `\` and
    /// control characters, `<`, `>`, `&`, U+2028 and U+2029 are written as `\u` escapes. Runs of bytes that
    /// need nothing are copied at once.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                guard needsCare[Int(byte)] else { index += 1; continue }
                if byte == 0xE2, !(index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)) {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                switch byte {
                case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case 0xE2:
                    appendUnicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                    index += 2
                default: appendUnicodeEscape(UInt32(byte), to: &out)
                }
                index += 1
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Bytes `appendJSONString` must look at: quote, backslash, controls, `<`, `>`, `&`, and 0xE2 (which
    /// starts U+2028 and U+2029).
    private static let needsCare: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in 0..<0x20 { table[byte] = true }
        for byte in [0x7F, 0xE2] + "\"\\<>&".utf8.map(Int.init) { table[byte] = true }
        return table
    }()

    private static func appendUnicodeEscape(_ value: UInt32, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), hex[Int(value >> 12) & 15], hex[Int(value >> 8) & 15],
                hex[Int(value >> 4) & 15], hex[Int(value) & 15]]
    }
}
