import Testing
@testable import CasebookKit

@Suite struct FrontMatterTests {
    func read(_ text: String) throws -> (CaseMetadata?, [Diagnostic]) {
        let split = try FrontMatterSplit.split(text, file: "c.md")
        return CaseMetadata.read(split, file: "c.md")
    }

    @Test func readsEveryKey() throws {
        let (metadata, diagnostics) = try read("---\ntitle: 标题\norg: 单位\nsection: 社区服务\ndate: 1999-10-27\npage: 66\ntags: [社区服务, 再就业]\nsummary: 摘要\ndraft: true\n---\n正文")
        #expect(diagnostics.isEmpty)
        let m = try #require(metadata)
        #expect(m.title == "标题" && m.org == "单位" && m.section == "社区服务" && m.page == 66 && m.draft)
        #expect(m.date == PartialDate(year: 1999, month: 10, day: 27))
        #expect(m.tags == ["社区服务", "再就业"])
    }

    @Test func bodyStartsAfterTheFence() throws {
        let split = try FrontMatterSplit.split("---\ntitle: a\nsection: b\n---\nline five", file: "c.md")
        #expect(split.bodyStartLine == 5)
        #expect(split.body == "line five")
    }

    @Test func unknownKeyNamesLineColumnAndSuggestion() throws {
        let (_, diagnostics) = try read("---\ntitel: 标题\nsection: 社区服务\n---\n")
        #expect(diagnostics.count == 1, "one mistake, one diagnostic")
        let unknown = try #require(diagnostics.first { $0.message.contains("titel") })
        #expect(unknown.location == SourceLocation(file: "c.md", line: 2, column: 1))
        #expect(unknown.suggestion?.text(.english) == "did you mean `title`?")
        let (_, missing) = try read("---\nsection: 社区服务\n---\n")
        #expect(missing.count == 1 && missing[0].message.contains("no `title`"))
    }

    @Test func typeErrorsAreReportedAtTheValue() throws {
        let (_, diagnostics) = try read("---\ntitle: a\nsection: b\npage: 六十\ndate: 1999-13\ndraft: maybe\n---\n")
        #expect(diagnostics.map(\.location?.line) == [4, 5, 6])
        #expect(diagnostics[0].location?.column == 7)
    }

    @Test func yamlSyntaxErrorsCarryTheirPosition() throws {
        let (_, diagnostics) = try read("---\ntitle: a\nsection: [b\n---\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].location?.file == "c.md")
        #expect((diagnostics[0].location?.line ?? 0) >= 3)
    }

    @Test func missingFrontMatterIsAnError() {
        #expect(throws: Diagnostic.self) { try FrontMatterSplit.split("# 标题\n", file: "c.md") }
    }

    @Test func partialDates() {
        #expect(PartialDate("1999")?.iso == "1999")
        #expect(PartialDate("1999-10")?.iso == "1999-10")
        #expect(PartialDate("1999-02-29") == nil)
        #expect(PartialDate("2000-02-29") != nil)
        #expect(PartialDate("99-10") == nil)
    }
}
