import Testing
@testable import CasebookKit

@Test func chineseTextGivesSinglesAndBigrams() {
    #expect(SearchTokenizer.tokens("居委会") == ["居", "居委", "委", "委会", "会"])
}

@Test func punctuationAndLineBreaksBetweenChineseAreDropped() {
    #expect(SearchTokenizer.normalize("居委\n会") == "居委会")
    #expect(SearchTokenizer.normalize("流动， 党员") == "流动党员")
    #expect(SearchTokenizer.tokens("居委\n会") == SearchTokenizer.tokens("居委会"))
    #expect(SearchTokenizer.tokens("流动，党员").contains("动党"))
}

@Test func otherSeparatorsBecomeOneSpace() {
    #expect(SearchTokenizer.normalize("  Party,  Member\n1999 年 ") == "party member 1999 年")
}

@Test func latinWordsAreLowerCasedWholeWords() {
    #expect(SearchTokenizer.tokens("The CPC Party") == ["the", "cpc", "party"])
    #expect(SearchTokenizer.tokens("Ｐａｒｔｙ") == ["party"])
}

@Test func numbersAreIndexedAsWholeNumbers() {
    let tokens = SearchTokenizer.tokens("1999年")
    #expect(tokens == ["1999", "年"])
    // A query for 999 looks up the number 999, which 1999 is not; 图 1-1 looks up 1 (twice), not 10.
    #expect(SearchTokenizer.queryTokens("999") == ["999"])
    #expect(!Set(SearchTokenizer.queryTokens("999")).isSubset(of: Set(tokens)))
    #expect(SearchTokenizer.queryTokens("图 1-1") == ["图", "1"])
    #expect(SearchTokenizer.tokens("图 1-10") == ["图", "1", "10"])
    #expect(SearchTokenizer.tokens("１９９９") == ["1999"])
}

@Test func digitsAndChineseAreSeparateRuns() {
    #expect(SearchTokenizer.tokens("98年") == ["98", "年"])
    #expect(SearchTokenizer.normalize("1998 年底") == "1998 年底")
}

@Test func queryTokensUseBigramsOrTheSingleCharacter() {
    #expect(SearchTokenizer.queryTokens("流动党员") == ["流动", "动党", "党员"])
    #expect(SearchTokenizer.queryTokens("会") == ["会"])
    #expect(SearchTokenizer.queryTokens("居委\n会") == ["居委", "委会"])
    #expect(SearchTokenizer.queryTokens("党员 CPC") == ["党员", "cpc"])
}

@Test func extensionBCharactersAreCJK() {
    #expect(SearchTokenizer.tokens("𠀀𠀁") == ["𠀀", "𠀀𠀁", "𠀁"])
}

@Test func theBasicPlaneTableAgreesWithFoldAndClassify() {
    var lookedUp = 0
    for value in UInt32(0)..<0x10000 {
        let entry = SearchTokenizer.basicPlaneTable[Int(value)]
        guard let scalar = Unicode.Scalar(value) else {
            #expect(entry == UInt32.max)
            continue
        }
        guard entry != UInt32.max else { continue }
        lookedUp += 1
        let folded = SearchTokenizer.fold(scalar)
        #expect(entry & 0xFFFF == folded.value, "U+\(String(value, radix: 16))")
        #expect(SearchTokenizer.CharClass(rawValue: UInt8(entry >> 16)) == SearchTokenizer.classify(folded), "U+\(String(value, radix: 16))")
    }
    // Only surrogates (and characters folding out of the plane, if any) are left to the scan.
    #expect(lookedUp > 0x10000 - 0x800 - 16)
}
