import Foundation
import Testing
@testable import CasebookKit

@Suite struct CmarkDocumentTests {
    private let inline = String(repeating: "正文 ~~删~~ 见 https://example.org 与 www.example.com 。\n\n", count: 40)
    /// No byte an inline extension starts at: parsed without those extensions, and not held.
    private let plain = String(repeating: "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n- [x] 完成\n\n<script>x</script>\n\n", count: 40)

    private func isWhole(_ html: String, inline: Bool) -> Bool {
        func count(_ part: String) -> Int { html.components(separatedBy: part).count - 1 }
        return inline
            ? count("<del>删</del>") == 40 && count("<a href=\"https://example.org\">") == 40
                && count("<a href=\"http://www.example.com\">") == 40
            : count("<table>") == 40 && count("type=\"checkbox\"") == 40 && count("<script>") == 0
    }

    /// libcmark-gfm adds the inline extensions' bytes (`~`, and those that start an autolink) to one table
    /// shared by every parser when a parse finishes, and takes them out again after: parses on two threads
    /// at once used to lose strikethrough and autolinks now and then.
    @Test func documentsParsedAtOnceOnManyThreadsEachKeepTheirExtensions() {
        let lost = NSLock()
        nonisolated(unsafe) var failures = 0
        DispatchQueue.concurrentPerform(iterations: 1500) { index in
            let withInline = index % 3 != 0
            let html = CmarkDocument(withInline ? inline : plain).renderHTML()
            if !isWhole(html, inline: withInline) { lost.withLock { failures += 1 } }
        }
        #expect(failures == 0)
    }

    @Test func theBlockExtensionsWorkWithoutTheInlineOnes() {
        #expect(isWhole(CmarkDocument(plain).renderHTML(), inline: false))
        #expect(isWhole(CmarkDocument(inline).renderHTML(), inline: true))
        #expect(CmarkDocument("电子邮件 a@example.org").renderHTML().contains("<a href=\"mailto:a@example.org\">"))
    }
}
