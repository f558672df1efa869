import Testing
@testable import CasebookKit

/// The token counts of each block in a table, by token string.
private func counts(_ table: PostingsTable) -> [Int32: [String: Int]] {
    var result: [Int32: [String: Int]] = [:]
    for entry in table.keys.indices {
        let postings = table.postings(of: entry)
        for (id, count) in zip(postings.ids, postings.counts) { result[id, default: [:]][table.token(of: entry)] = Int(count) }
    }
    return result
}

private let texts = [
    "居委\n会：流动党员，流动党员。",
    "1999 年，99%；Ｎｅｔ ｗｏｒｋ net-work 3.14 ab12cd",
    "Café ÉCOLE über 𠀀𠀁 かな ｶﾅ 한국어",
    "  ，。  ",
    "abc 居 def 委 9 9 99",
]

@Test func tableCountsTheSameTokensAsTheTokenizer() {
    var table = PostingsTable(capacity: 4)   // small, so the table grows
    for (block, text) in texts.enumerated() { table.add(text, block: Int32(block), flag: false) }
    table.finish()
    let byBlock = counts(table)
    for (block, text) in texts.enumerated() {
        var expected: [String: Int] = [:]
        for token in SearchTokenizer.tokens(text) { expected[token, default: 0] += 1 }
        #expect(byBlock[Int32(block)] ?? [:] == expected, "\(text)")
    }
}

@Test func tableFlagsOnceAndKeepsBlocksAscending() {
    var table = PostingsTable()
    table.add("流动党员", block: 0, flag: true)
    table.add("党员党员", block: 0, flag: false)
    table.add("党员", block: 3, flag: false)
    table.add("党员", block: 3, flag: true)
    table.finish()
    let entry = try! #require(table.keys.indices.first { table.token(of: $0) == "党员" })
    #expect(table.postings(of: entry).ids == [0, 3])
    #expect(table.postings(of: entry).counts == [3, 2])
    #expect(table.postings(of: entry).flagged == [0, 3])
    // Every entry falls in exactly one partition.
    #expect(table.entriesByPartition().map(\.count).reduce(0, +) == table.keys.count)
}

@Test func tableKeepsLongListsWideGapsAndBigCounts() {
    // 40,000 blocks fill more than one chunk of the log; gaps of 1 to 40,000 take one to three varint bytes.
    let first: Int32 = 5_000_000
    var table = PostingsTable(firstBlock: first)
    var expected: [Int32] = []
    var block = first
    for index in 0..<40_000 {
        block += Int32(index % 97 == 0 ? index : 1)
        expected.append(block)
        table.add(index == 3 ? String(repeating: "党", count: 300) : "党员", block: block, flag: index % 1000 == 0)
    }
    table.finish()
    let entry = try! #require(table.keys.indices.first { table.token(of: $0) == "党" })
    let postings = table.postings(of: entry)
    #expect(postings.ids == expected)
    #expect(postings.counts[3] == UInt16(PostingsTable.maxCount))   // 300 occurrences: kept as the most there is
    #expect(postings.counts.enumerated().allSatisfy { $0.offset == 3 || $0.element == 1 })
    #expect(postings.flagged == stride(from: 0, to: 40_000, by: 1000).map { expected[$0] })
    let pair = try! #require(table.keys.indices.first { table.token(of: $0) == "党员" })
    #expect(table.postings(of: pair).ids == expected.enumerated().filter { $0.offset != 3 }.map(\.element))
}
