import Foundation
import Testing
@testable import CasebookKit

/// Reads the files the index writes back into values, decoding postings as `search.js` does.
private struct ReadIndex {
    var files: [String: String]
    var manifest: [String: Any]

    init(_ documents: [SearchDocument]) throws {
        let built = SearchIndex.build(documents)
        files = Dictionary(uniqueKeysWithValues: built.map { ($0.path, $0.text) })
        manifest = try #require(Self.payload(files["search/manifest.js"] ?? "") as? [String: Any])
    }

    static func payload(_ contents: String) -> Any? {
        guard contents.hasPrefix("CasebookSearch.register(\""), contents.hasSuffix(");\n"),
              let comma = contents.firstIndex(of: ",") else { return nil }
        let json = contents[contents.index(after: comma)..<contents.index(contents.endIndex, offsetBy: -3)]
        return try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    static func value(_ c: Character) -> Int { alphabet.firstIndex(of: c)! }

    static func varints(_ s: Substring) -> [Int] {
        var out: [Int] = [], accumulated = 0, shift = 0
        for c in s {
            let v = value(c)
            accumulated |= (v & 31) << shift
            if v & 32 != 0 { shift += 5 } else { out.append(accumulated); accumulated = 0; shift = 0 }
        }
        return out
    }

    static func ids(_ s: String) -> [Int] {
        if s.hasPrefix("~") {
            var rest = s.dropFirst()
            var firstLength = 0
            for c in rest { firstLength += 1; if value(c) & 32 == 0 { break } }
            let first = varints(rest.prefix(firstLength))[0]
            rest = rest.dropFirst(firstLength)
            var out: [Int] = []
            for (i, c) in rest.enumerated() { for bit in 0..<6 where value(c) & (1 << bit) != 0 { out.append(first + i * 6 + bit) } }
            return out
        }
        var previous = -1
        return varints(Substring(s)).map { previous += $0 + 1; return previous }
    }

    /// The heavy tokens in shard order: `h-<n>` holds the n-th.
    var heavy: [String] { (manifest["heavy"] as? String).map { $0.split(separator: " ").map(String.init) } ?? [] }

    /// The posting of `token`: block ids, counts and flagged ids.
    func postings(_ token: String) -> (ids: [Int], counts: [Int], flagged: [Int])? {
        let path: String
        if let heavy = heavy.firstIndex(of: token) {
            path = "search/h-\(String(heavy, radix: 36)).js"
        } else {
            let buckets = manifest["buckets"] as! Int
            path = "search/p-\(String(Int(SearchIndex.hash(token) % UInt32(buckets)), radix: 16)).js"
        }
        guard let shard = files[path].flatMap(Self.payload) as? [String: Any], let entry = shard[token] as? [Any] else { return nil }
        let ids = Self.ids(entry[1] as! String)
        let countText = entry[2] as! String
        let counts = countText.isEmpty ? ids.map { _ in 1 } : countText.map { Self.value($0) + 1 }
        var previous = -1
        let flagged = Self.varints(Substring(entry[3] as! String)).map { previous += $0 + 1; return previous }
        #expect(entry[0] as? Int == ids.count)
        return (ids, counts, flagged)
    }

    /// Block records `[title, url, heading, text]` by id.
    func block(_ id: Int) -> [Any]? {
        let chunk = manifest["chunk"] as! Int
        guard let records = files["search/x-\(String(id / chunk, radix: 36)).js"].flatMap(Self.payload) as? [[Any]] else { return nil }
        return records[id % chunk]
    }
}

private let documents = [
    SearchDocument(url: "cases/a.html", pageTitle: "流动党员的管理", heading: nil, text: "加强对流动党员的教育管理。流动党员，流动党员。"),
    SearchDocument(url: "cases/b.html", pageTitle: "社区服务", heading: nil, text: "引言"),
    SearchDocument(url: "cases/a.html#居委会", pageTitle: "流动党员的管理", heading: "居委会", text: "居委\n会的工作。1999 年，Party members。"),
    SearchDocument(url: "cases/b.html#fig-1-1", pageTitle: "社区服务", heading: "图 1-1 党员服务他人", text: "能起表率作用 81%"),
]

@Test func blocksOfAPageStayTogetherInOrder() throws {
    let index = try ReadIndex(documents)
    #expect(index.manifest["pages"] as? Int == 2)
    #expect(index.manifest["blocks"] as? Int == 4)
    #expect(index.block(0)?[1] as? String == "cases/a.html")
    #expect(index.block(1)?[1] as? String == "cases/a.html#居委会")
    #expect(index.block(1)?[2] as? String == "居委会")
    #expect(index.block(1)?[3] as? String == "居委\n会的工作。1999 年，Party members。")
    #expect(index.block(0)?[2] is NSNull)
    #expect(index.block(3)?[0] as? String == "社区服务")
}

@Test func countsAndTitleOrHeadingFlags() throws {
    let index = try ReadIndex(documents)
    // 流动 is in page a's title (flagged on its first block) and three times in its text.
    let flowing = try #require(index.postings("流动"))
    #expect(flowing.ids == [0])
    #expect(flowing.counts == [4])
    #expect(flowing.flagged == [0])
    // 居委 in the heading of block 1 and, across a line break, in its text.
    let committee = try #require(index.postings("委会"))
    #expect(committee.ids == [1])
    #expect(committee.counts == [2])
    #expect(committee.flagged == [1])
    // 党员 is in blocks 0, 1 (no: only "Party"), 3 (heading).
    let members = try #require(index.postings("党员"))
    #expect(members.ids == [0, 3])
    #expect(members.flagged == [0, 3])
    // A number is one token: 1999, not its digits or digit pairs.
    #expect(index.postings("1999")?.ids == [1])
    #expect(index.postings("99") == nil)
    #expect(index.postings("party")?.ids == [1])
    #expect(index.postings("Party") == nil)
    #expect(index.postings("81")?.ids == [3])
}

@Test func sameInputGivesSameBytes() {
    let first = SearchIndex.build(documents)
    let second = SearchIndex.build(documents)
    #expect(first.map(\.path) == second.map(\.path))
    #expect(first.map(\.text) == second.map(\.text))
    #expect(first.allSatisfy { $0.path.hasPrefix("search/") && $0.path.hasSuffix(".js") })
}

@Test func contentIsEscapedForAScriptFile() throws {
    let hostile = SearchDocument(url: "cases/x.html", pageTitle: "</script><script>alert(1)</script>",
                                 heading: "a & b > c", text: "line\u{2028}break\u{2029}\"quoted\" \\ back\u{0}nul")
    let files = SearchIndex.build([hostile])
    for file in files {
        #expect(!file.text.contains("<"))
        #expect(!file.text.contains(">"))
        #expect(!file.text.contains("&"))
        #expect(!file.text.contains("\u{2028}"))
        #expect(!file.text.contains("\u{2029}"))
        #expect(!file.text.contains("\u{0}"))
    }
    let text = try #require(files.first { $0.path.hasPrefix("search/x-") })
    #expect(text.text.contains("\\u003c/script\\u003e"))
    let record = try #require((ReadIndex.payload(text.text) as? [[Any]])?.first)
    #expect(record[0] as? String == hostile.pageTitle)
    #expect(record[2] as? String == hostile.heading)
    #expect(record[3] as? String == hostile.text)
}

@Test func textThatNeedsNoEscapeIsCopiedAsItIs() throws {
    // U+2014, U+2026 and the curly quotes start with the same byte as U+2028 but are left alone.
    let text = "——居委会…“再就业”\u{2028}末"
    var out: [UInt8] = []
    SearchIndex.appendJSONString(text, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "\"——居委会…“再就业”\\u2028末\"")
    let decoded = try JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String
    #expect(decoded == text)
}

@Test func commonTokensGetDenseEncodingAndTheirOwnShard() throws {
    var many: [SearchDocument] = []
    for page in 0..<6000 {
        many.append(SearchDocument(url: "cases/p\(page).html", pageTitle: "第\(page)号", heading: nil,
                                   text: page % 3 == 0 ? "居委会居委会" : String(repeating: "社区", count: page % 5 + 1)))
    }
    let index = try ReadIndex(many)
    let committee = try #require(index.postings("居委"))
    #expect(committee.ids == Array(stride(from: 0, to: 6000, by: 3)))
    #expect(committee.counts.allSatisfy { $0 == 2 })
    let community = try #require(index.postings("社区"))
    #expect(community.ids.count == 4000)
    #expect(community.counts == (0..<6000).filter { $0 % 3 != 0 }.map { $0 % 5 + 1 })
    #expect(index.heavy.contains("社区"))
    // Heavy shards are numbered from the smallest up, so a query can pick its rarest token by number.
    let sizes = index.heavy.indices.map { index.files["search/h-\(String($0, radix: 36)).js"]?.utf8.count ?? -1 }
    #expect(sizes.count > 1 && !sizes.contains(-1))
    #expect(sizes == sizes.sorted())
    // Each shard file stays small.
    for (path, contents) in index.files where path.hasPrefix("search/p-") { #expect(contents.utf8.count < 3 * SearchIndex.postingShardTarget) }
}

@Test func blocksOfAPageStayTogetherWhateverTheOrderGiven() {
    func document(_ url: String) -> SearchDocument { SearchDocument(url: url, pageTitle: "题", heading: nil, text: url) }
    let grouped = SearchIndex.orderedBlocks(["a.html", "a.html#x", "b.html", "b.html#y"].map(document))
    #expect(grouped.map(\.page) == [0, 0, 1, 1])
    #expect(grouped.map(\.isPageTop) == [true, false, true, false])
    // A page met again later is gathered with its first blocks, pages in order of first appearance.
    let scattered = SearchIndex.orderedBlocks(["a.html", "b.html", "a.html#x", "c.html", "b.html#y"].map(document))
    #expect(scattered.map(\.document.url) == ["a.html", "a.html#x", "b.html", "b.html#y", "c.html"])
    #expect(scattered.map(\.page) == [0, 0, 1, 1, 2])
    #expect(scattered.map(\.isPageTop) == [true, false, true, false, true])
}

@Test func streamedFilesAreTheCollectedOnes() throws {
    final class Sink: @unchecked Sendable {
        let lock = NSLock()
        var files: [String: [UInt8]] = [:]
    }
    let sink = Sink()
    try SearchIndex.build(documents) { file in
        sink.lock.lock()
        #expect(sink.files.updateValue(file.bytes, forKey: file.path) == nil, "\(file.path) emitted twice")
        sink.lock.unlock()
    }
    let collected = SearchIndex.build(documents)
    #expect(collected.first?.path == "search/manifest.js")
    #expect(Dictionary(uniqueKeysWithValues: collected.map { ($0.path, $0.bytes) }) == sink.files)
}

@Test func anErrorFromTheSinkIsRethrown() {
    struct Refused: Error {}
    #expect(throws: Refused.self) {
        try SearchIndex.build(documents) { file in if file.path.hasPrefix("search/x-") { throw Refused() } }
    }
}

@Test func anErrorFromThePostingsWaitsForTheTextShards() {
    struct Refused: Error {}
    final class Count: @unchecked Sendable {
        let lock = NSLock()
        var texts = 0
        var afterReturn = false
        var failed = false
    }
    let count = Count()
    #expect(throws: Refused.self) {
        try SearchIndex.build(documents) { file in
            if file.path.hasPrefix("search/x-") {
                Thread.sleep(forTimeInterval: 0.005)
                count.lock.lock(); count.texts += 1; if count.afterReturn { count.failed = true }; count.lock.unlock()
            } else if file.path == "search/manifest.js" {
                throw Refused()
            }
        }
    }
    count.lock.lock(); count.afterReturn = true; count.lock.unlock()
    Thread.sleep(forTimeInterval: 0.05)
    count.lock.lock(); defer { count.lock.unlock() }
    #expect(!count.failed, "a text shard was emitted after build returned")
    #expect(count.texts > 0)
}

/// A source asked for a few pages at a time gives the index the array of all documents gives, and no part
/// of the build asks for every page.
@Test func aSourceIsReadAFewPagesAtATime() throws {
    let pages = (0..<1200).map { page in
        (0..<3).map { block in
            SearchDocument(url: "cases/c\(page).html" + (block == 0 ? "" : "#h\(block)"), pageTitle: "案例 \(page)",
                           heading: block == 0 ? nil : "第\(block)节", text: "社区服务 第 \(page) 号 流动党员 \(block)")
        }
    }
    final class Asked: @unchecked Sendable {
        let lock = NSLock()
        var ranges: [Range<Int>] = []
    }
    let asked = Asked()
    let source = SearchIndex.Source(pages: pages.map(SearchIndex.PageSize.init(of:))) { range in
        asked.lock.lock(); asked.ranges.append(range); asked.lock.unlock()
        return Array(pages[range].joined())
    }
    final class Sink: @unchecked Sendable {
        let lock = NSLock()
        var files: [String: [UInt8]] = [:]
    }
    let sink = Sink()
    try SearchIndex.build(source) { file in sink.lock.lock(); sink.files[file.path] = file.bytes; sink.lock.unlock() }
    let whole = SearchIndex.build(Array(pages.joined()))
    #expect(Dictionary(uniqueKeysWithValues: whole.map { ($0.path, $0.bytes) }) == sink.files)
    #expect(asked.ranges.count > 1)
    #expect(asked.ranges.allSatisfy { $0.count < pages.count / 2 })
    #expect(Set(asked.ranges.flatMap { Array($0) }) == Set(pages.indices))

    // A source that gives other than it said is refused.
    let short = SearchIndex.Source(pages: pages.map(SearchIndex.PageSize.init(of:))) { range in Array(pages[range].joined().dropLast()) }
    #expect(throws: SearchIndex.SourceMismatch.self) { try SearchIndex.build(short) { _ in } }
}

/// Files handed to `emit` or kept, with the key each was made under, as a build's writer would record them.
private final class RecordingWriter: @unchecked Sendable {
    let lock = NSLock()
    var files: [String: (bytes: [UInt8], key: ContentHash?)] = [:]
    var previous: [String: (bytes: [UInt8], key: ContentHash?)] = [:]
    var asked: [Range<Int>] = []
    var keptPaths: [String] = []
    var kept: Int { keptPaths.filter { $0.hasPrefix("search/x-") }.count }
    var keptHeavy: Int { keptPaths.filter { $0.hasPrefix("search/h-") }.count }

    /// Starts a new build over the last one's files.
    func nextBuild() {
        (previous, files, asked, keptPaths) = (files, [:], [], [])
    }

    func emit(_ file: SearchIndex.File) {
        lock.lock(); defer { lock.unlock() }
        files[file.path] = (file.bytes, file.key)
    }

    func keep(_ path: String, _ key: ContentHash) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let old = previous[path], old.key == key else { return false }
        files[path] = old
        keptPaths.append(path)
        return true
    }

    func ask(_ range: Range<Int>) {
        lock.lock(); defer { lock.unlock() }
        asked.append(range)
    }
}

@Test func anEditGathersOnlyItsPartAndKeepsUnchangedTextShards() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-parts-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var store = try #require(CacheStore(directory: directory))
    func page(_ number: Int, edit: String = "") -> [SearchDocument] {
        (0..<3).map { block in
            SearchDocument(url: "cases/c\(number).html" + (block == 0 ? "" : "#h\(block)"), pageTitle: "案例 \(number)",
                           heading: block == 0 ? nil : "第\(block)节", text: "社区服务 第 \(number) 号 流动党员 " + (number < 1300 ? "居民委员会 居民委员会 流动 流动 " : "") + "\(block)" + edit)
        }
    }
    var pages = (0..<1600).map { page($0) }
    let writer = RecordingWriter()
    var lastIndexKey: ContentHash?
    func build() throws {
        let current = pages
        let keys = current.map { ContentHash($0.map(\.text).joined(separator: "\n")) }
        let source = SearchIndex.Source(pages: current.map(SearchIndex.PageSize.init(of:)), pageKeys: keys) { range in
            writer.ask(range)
            return Array(current[range].joined())
        }
        let indexKey = ContentHash(parts: keys.map(\.description))
        let reuse = SearchIndex.Reuse(batches: SearchBatchCache(store: store), keep: { $0.map { writer.keep($0.path, $0.key) } },
                                      indexKey: indexKey, lastIndexKey: lastIndexKey)
        try SearchIndex.build(source, reuse: reuse) { writer.emit($0) }
        lastIndexKey = indexKey
        // As a build ends: the store is committed, and the next build opens it again.
        store.commit()
        store = try #require(CacheStore(directory: directory))
    }
    func expectSameAsClean() {
        let clean = SearchIndex.build(Array(pages.joined()))
        #expect(Dictionary(uniqueKeysWithValues: clean.map { ($0.path, $0.bytes) }) == writer.files.mapValues(\.bytes))
    }

    try build()
    expectSameAsClean()
    #expect(Set(writer.asked.flatMap { Array($0) }) == Set(pages.indices))

    // One page's text changes, its number of blocks does not: one part is gathered again and only the text
    // shard over that page is made again.
    writer.nextBuild()
    pages[1010] = page(1010, edit: " 修改")
    try build()
    expectSameAsClean()
    // (A text shard over the page that begins in the part before loads only that shard's pages.)
    #expect(writer.asked.allSatisfy { $0.contains(1010) })
    // The part's postings are its last ones patched with the edited page alone: its other pages are loaded
    // only for the text shard over the edit.
    #expect(writer.asked.contains(1010..<1011))
    #expect(writer.asked.reduce(0) { $0 + $1.count } < 100)
    let shards = writer.files.keys.filter { $0.hasPrefix("search/x-") }.count
    #expect(writer.kept == shards - 1)
    // Heavy tokens (twice in most blocks but not all, so with counts: 居民, 流动 …) the edit did not touch keep
    // their shards.
    let heavyShards = writer.files.keys.filter { $0.hasPrefix("search/h-") }.count
    #expect(heavyShards > 3 && writer.keptHeavy == heavyShards, "\(writer.keptHeavy) of \(heavyShards) heavy shards kept")

    // An edit that touches heavy tokens (but leaves their shards' sizes) makes their shards again and keeps
    // the others.
    writer.nextBuild()
    pages[1020] = page(1020, edit: " 居民")
    try build()
    expectSameAsClean()
    #expect(writer.keptHeavy > 0 && writer.keptHeavy < heavyShards, "\(writer.keptHeavy) of \(heavyShards) heavy shards kept")

    // A shard whose file is not as it was (here: the index the output holds is another) is made again.
    writer.nextBuild()
    lastIndexKey = ContentHash(value: 1)
    pages[1030] = page(1030, edit: " 修改")
    try build()
    expectSameAsClean()
    #expect(writer.keptHeavy == 0)

    // A page gains a block: the blocks after it move, so their text shards are made again, but the parts
    // after it keep their postings (a part's blocks are numbered from its first): their files stay.
    writer.nextBuild()
    func batchBytes() -> [[UInt8]?] { (0..<8).map { store.value(.searchBatch, String($0))?.array } }
    let before = batchBytes()
    pages[210] = page(210) + [SearchDocument(url: "cases/c210.html#h3", pageTitle: "案例 210", heading: "第3节", text: "新增 居委会")]
    try build()
    expectSameAsClean()
    let after = batchBytes()
    #expect(!before.contains { $0 == nil })
    #expect(before[1] != after[1])   // pages 200 ..< 400
    #expect(before.indices.filter { $0 != 1 }.allSatisfy { before[$0] == after[$0] })

    // A part whose bytes in the store are damaged is not read: that part is gathered again, and the index
    // is the same.
    writer.nextBuild()
    let path = directory + "/" + CacheStore.blobsName
    var bytes = try #require(FileManager.default.contents(atPath: path))
    let part = try #require(store.value(.searchBatch, "0")).array
    let found = try #require(bytes.range(of: Data(part)))
    bytes[found.lowerBound + part.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: path))
    store = try #require(CacheStore(directory: directory))
    try build()
    expectSameAsClean()
    #expect(writer.asked.count == 1 && writer.asked[0].lowerBound == 0)
}

@Test func aPatchedTableHasThePostingsOfOneGatheredAgain() throws {
    let texts = ["居委会 流动党员", "居委会 居委会 老龄", "社区 net-work 党员", "楼组长 居委会", "党员 服务"]
    func gathered(_ texts: [String], blocks: Range<Int> = 0..<5) -> PostingsTable {
        var table = PostingsTable(capacity: 64, firstBlock: 100)
        for block in blocks { table.add(texts[block], block: Int32(100 + block), flag: block == 3) }
        table.finish()
        return table
    }
    // Blocks 1 and 2 change: a token leaves (老龄, net-work), one comes (物业, 99), counts and flags move.
    var edited = texts
    edited[1] = "居委会 物业"
    edited[2] = "党员 党员 99"
    let patched = gathered(texts).patched(replacing: [101..<103], with: gathered(edited, blocks: 1..<3))
    let expected = gathered(edited)
    func postings(_ table: PostingsTable) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: table.keys.indices.map { entry in
            let postings = table.postings(of: entry)
            return (table.token(of: entry), ["\(postings.ids)", "\(postings.counts)", "\(postings.flagged)"])
        })
    }
    #expect(postings(patched) == postings(expected))
    #expect(postings(patched)["老龄"] == nil && postings(patched)["物业"] != nil)
    // The patched table is kept between builds like any other.
    let back = try #require(PostingsTable(serialized: FileBytes(patched.serialized()), firstBlock: 100))
    #expect(postings(back) == postings(expected))
}

@Test func aTableComesBackFromItsBytes() throws {
    var table = PostingsTable(firstBlock: 40)
    table.add("居委会 流动党员 net-work", block: 40, flag: true)
    table.add("居委会 居委会 99", block: 45, flag: false)
    table.finish()
    let back = try #require(PostingsTable(serialized: FileBytes(table.serialized()), firstBlock: 1040))
    #expect(back.keys == table.keys)
    for entry in table.keys.indices {
        #expect(back.token(of: entry) == table.token(of: entry))
        let (was, now) = (table.postings(of: entry), back.postings(of: entry))
        #expect(now.ids == was.ids.map { $0 + 1000 } && now.counts == was.counts && now.flagged == was.flagged.map { $0 + 1000 })
    }
    #expect(PostingsTable(serialized: FileBytes(Array(table.serialized().dropLast())), firstBlock: 0) == nil)
}
