import Testing
@testable import CasebookKit

/// The two message tables: every kind of message in both languages, with the same values.
@Suite struct MessageTableTests {
    static func hasCJK(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
    }

    @Test func bothTablesHoldEveryKeyWithTheSamePlaceholders() {
        for key in MessageKey.allCases {
            let chinese = MessageTable.chinese[key], english = MessageTable.english[key]
            #expect(chinese != nil && english != nil, "\(key) is missing from a table")
            guard let chinese, let english else { continue }
            #expect(MessageTable.placeholders(chinese) == MessageTable.placeholders(english), "\(key): \(chinese) / \(english)")
            let placeholders = MessageTable.placeholders(chinese)
            #expect(placeholders.isEmpty || placeholders == Set(1...placeholders.count), "\(key) skips a placeholder number")
        }
        #expect(MessageTable.chinese.count == MessageKey.allCases.count && MessageTable.english.count == MessageKey.allCases.count)
    }

    /// Entries that are a file name in both languages, or show a YAML example with Chinese values.
    static let sameInBoth: Set<MessageKey> = [.inCatalogueFile, .inSiteFile, .frontMatterExample, .siteNoSectionsFix]

    @Test func chineseIsChineseAndEnglishIsNot() {
        for key in MessageKey.allCases where !Self.sameInBoth.contains(key) {
            let chinese = MessageTable.template(key, .chinese), english = MessageTable.template(key, .english)
            // Only the entries that are no more than their values and punctuation may lack Chinese words.
            let words = chinese.replacingOccurrences(of: #"\{\d\}"#, with: "", options: .regularExpression)
                .filter { $0.isLetter }
            if !words.isEmpty { #expect(Self.hasCJK(chinese), "\(key): \(chinese)") }
            // English may quote Chinese examples (in backticks or quotes), never be written in it.
            let unquoted = english.replacingOccurrences(of: #"`[^`]*`|“[^”]*”|见图 1-1|\"[^\"]*\"|【】|｜"#, with: "", options: .regularExpression)
            #expect(!Self.hasCJK(unquoted), "\(key): \(english)")
        }
    }

    @Test func valuesFillTheirPlaceholdersInEitherLanguage() {
        let message = Message(.wholeNumber, "page", "1", "9999", "x")
        #expect(message.text(.english) == "`page` must be a whole number from 1 to 9999, not `x`")
        #expect(message.text(.chinese) == "`page` 应是 1 到 9999 之间的整数，不是 `x`")
        let nested = Message(.unknownKey, arguments: [.text("titel"), .word(.inCatalogueEntry)])
        #expect(nested.text(.chinese) == "目录条目里有未知的键 `titel`")
        #expect(nested.text(.english) == "unknown key `titel` in a catalogue entry")
        #expect(MessageTable.fill("{1} and {2} and {3}", ["a", "b"]) == "a and b and {3}")
    }

    @Test func theLanguageComesFromTheFlagThenTheEnvironment() {
        #expect(Language.choose(flag: "en", environment: ["LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.choose(flag: "zh", environment: ["LANG": "en_US.UTF-8"]) == .chinese)
        #expect(Language.choose(environment: ["LANG": "en_US.UTF-8"]) == .english)
        #expect(Language.choose(environment: ["LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"]) == .chinese)
        #expect(Language.choose(environment: ["LANG": "zh_CN.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"]) == .english)
        #expect(Language.choose(environment: [:]) == .chinese)
        #expect(Language.choose(environment: ["LANG": "C.UTF-8"]) == .chinese)
        #expect(Language.choose(environment: ["LANG": "POSIX"]) == .chinese)
    }

    @Test func diagnosticsSurviveTheCacheForm() throws {
        let diagnostic = Diagnostic.warning(Message(.limitBuildRefused, arguments: [.message(Message(.limitHeadings, "3000", "2000"))]),
                                            at: SourceLocation(file: "x.md", line: 3), suggestion: Message(.splitCase) + Message(.didYouMean, "x"))
        var writer = BinaryWriter()
        writer.write([diagnostic])
        let decoded = try writer.bytes.withUnsafeBufferPointer { bytes in
            var reader = BinaryReader(bytes: bytes, position: 0)
            return try reader.read([Diagnostic].self)
        }
        #expect(decoded == [diagnostic])
        #expect(diagnostic.message.text(.chinese) == "正文有 3000 个标题，超过 2000 个的上限：这样的案例会让构建慢到无法使用，已拒绝")
    }
}
