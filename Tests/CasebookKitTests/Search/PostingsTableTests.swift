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
