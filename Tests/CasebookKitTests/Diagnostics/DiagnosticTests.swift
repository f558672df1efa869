import Testing
@testable import CasebookKit

@Suite struct DiagnosticTests {
    @Test func formatsLikeACompiler() {
        let d = Diagnostic.error(Message(.unknownKey, arguments: [.text("titel"), .word(.inFrontMatter)]),
                                 at: SourceLocation(file: "Content/cases/x.md", line: 12, column: 3), suggestion: Message(.didYouMean, "title"))
        #expect(d.formatted(.english) == "Content/cases/x.md:12:3: error: unknown key `titel` in front matter\n  note: did you mean `title`?")
        #expect(d.formatted == "Content/cases/x.md:12:3: 错误：前置元数据里有未知的键 `titel`\n  提示：是不是想写 `title`？")
        #expect(d.code == "unknownKey")
    }

    @Test func suggestsTheClosestKnownWord() {
        #expect(Suggestion.closest(to: "titel", in: CaseMetadata.knownKeys) == "title")
        #expect(Suggestion.closest(to: "secton", in: CaseMetadata.knownKeys) == "section")
        #expect(Suggestion.closest(to: "zzzzzz", in: CaseMetadata.knownKeys) == nil)
    }

    @Test func sortsByFileLineAndColumn() {
        let a = Diagnostic.error("a", at: SourceLocation(file: "b.md", line: 1))
        let b = Diagnostic.error("b", at: SourceLocation(file: "a.md", line: 9))
        let c = Diagnostic.error("c", at: SourceLocation(file: "a.md", line: 2))
        #expect([a, b, c].sortedByLocation().map { $0.message.text(.chinese) } == ["c", "b", "a"])
    }

    @Test func jsonCarriesEveryDiagnostic() {
        let json = DiagnosticReport.json([.error("x", at: SourceLocation(file: "f.md", line: 2, column: 4))], files: 1)
        #expect(json.contains("\"line\" : 2"))
        #expect(json.contains("\"errors\" : 1"))
        #expect(json.contains("\"code\" : \"systemError\""))
    }
}
