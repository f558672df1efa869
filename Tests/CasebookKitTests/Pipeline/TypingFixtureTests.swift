import Foundation
import Testing
@testable import CasebookKit

/// `casebook check` on a fixture with one file per row of the issue's table of Chinese typing habits: each
/// is named at its line and column, in Chinese and in English; what is read as meant has no message.
@Suite struct TypingFixtureTests {
    @Test func eachHabitIsNamedAtItsLineInBothLanguages() async throws {
        let folder = Repo.fixtures + "/typing-mistakes"
        let diagnostics: [Diagnostic]
        do {
            _ = try await Builder.check(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates))
            Issue.record("check should fail: a tab, an unclosed [ and a link to a draft are errors"); return
        } catch { diagnostics = error.diagnostics.sortedByLocation() }
        let expected: [(String, Diagnostic.Severity, String, String)] = [
            ("colon.md:2:6", .warning, "全角冒号“：”", "full-width colon"),
            ("comment.md:4:15", .warning, "注释", "comment"),
            ("missing-figure.md:6:5", .warning, "本案例没有图 9-9", "has no figure 9-9"),
            ("nbsp.md:2:7", .warning, "不换行空格", "no-break space"),
            ("pasted.md:6:1", .warning, "HTML 标记 <div>", "HTML tags <div>"),
            ("tab.md:5:1", .error, "制表符", "tab"),
            ("tags.md:4:7", .warning, "“、”或“，”处分开", "split at"),
            ("to-draft.md:6:7", .error, "草稿", "draft"),
            ("unclosed.md:4:7", .error, "没有配对", "not closed"),
            ("wide-space.md:3:9", .warning, "全角空格", "full-width space"),
        ]
        #expect(diagnostics.count == expected.count, "\(diagnostics.map(\.formatted))")
        for (diagnostic, (place, severity, chinese, english)) in zip(diagnostics, expected) {
            let at = diagnostic.location.map { "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column)" }
            #expect(at == place && diagnostic.severity == severity, "\(diagnostic.formatted)")
            #expect(diagnostic.formatted(.chinese).contains(chinese), "\(diagnostic.formatted(.chinese))")
            #expect(diagnostic.formatted(.english).contains(english), "\(diagnostic.formatted(.english))")
        }
        // With the drafts published the link is fine; everything else stays as it was.
        await #expect(throws: BuildFailure.self) {
            _ = try await Builder.check(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates, includeDrafts: true))
        }
    }
}
