import Testing
@testable import CasebookKit

@Suite struct SourceTextTests {
    @Test func bomAndLineEndingsGiveTheSameText() throws {
        let plain = "---\ntitle: 标题\n---\n正文\n"
        let variants: [[UInt8]] = [
            Array(plain.utf8),
            [0xEF, 0xBB, 0xBF] + Array(plain.utf8),
            Array(plain.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            Array(plain.replacingOccurrences(of: "\n", with: "\r").utf8),
        ]
        for bytes in variants { #expect(try SourceText.decode(bytes, file: "x.md") == plain) }
        #expect(SourceText.normaliseLineEndings("甲\r\r\n乙\r\n\n丙\r") == "甲\n\n乙\n\n丙\n")
    }

    @Test func gb18030IsNamedWithAFix() {
        // "社区服务" in GB18030.
        let bytes: [UInt8] = Array("title: ".utf8) + [0xC9, 0xE7, 0xC7, 0xF8, 0xB7, 0xFE, 0xCE, 0xF1]
        #expect {
            try SourceText.decode(bytes, file: "Content/cases/gbk.md")
        } throws: { error in
            let d = error as! Diagnostic
            return d.message.contains("GB18030") && d.suggestion!.contains("iconv") && d.location == SourceLocation(file: "Content/cases/gbk.md", line: 1, column: 8)
        }
    }

    @Test func otherInvalidBytesAreRefused() {
        #expect(throws: Diagnostic.self) { try SourceText.decode([0x61, 0xFF, 0x0A], file: "x.md") }
        #expect(throws: Diagnostic.self) { try SourceText.decode([0x61, 0x00], file: "x.md") }
    }
}
