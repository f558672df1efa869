import Foundation
import Testing
@testable import CasebookKit

@Suite struct TrimmingTests {
    /// Every Unicode scalar is white space exactly when Foundation's character sets say so.
    @Test func whiteSpaceIsFoundationsWhiteSpace() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(String.isWhitespace(scalar, newlines: false) == CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
            #expect(String.isWhitespace(scalar, newlines: true) == CharacterSet.whitespacesAndNewlines.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test func trimsAsFoundationDoes() {
        let samples = ["", " ", "\t \u{3000}", "  党建 工作\t", "\u{A0}标题\u{2028}", "\n第一部分\r\n", "a", " \u{301}b ", "\u{85}x\u{85}",
                       "街道 社区", "\u{2029} 段 \u{2029}"]
        for sample in samples {
            #expect(sample.trimmingWhitespace() == sample.trimmingCharacters(in: .whitespaces))
            #expect(sample.trimmingWhitespace(andNewlines: true) == sample.trimmingCharacters(in: .whitespacesAndNewlines))
            let substring = ("[" + sample + "]").dropFirst().dropLast()
            #expect(substring.trimmingWhitespace() == sample.trimmingCharacters(in: .whitespaces))
        }
    }
}
