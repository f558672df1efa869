import Foundation
import Testing
@testable import CasebookKit

/// Each row of the table of Chinese typing habits: the diagnostic at its line, in words that name
/// the character or the problem, in Chinese and in English.
@Suite struct ChineseTypingMessagesTests {
    private func metadata(_ yaml: String) -> [Diagnostic] {
        CaseMetadata.read(FrontMatterSplit(yaml: yaml, yamlStartLine: 2, body: "", bodyStartLine: 10), file: "x.md").1
    }

    private func body(_ markdown: String) -> [Diagnostic] {
        MarkdownRenderer().render(markdown, file: "x.md", firstLine: 6, figures: { _ in RenderedFigure(figure: nil, html: "", diagnostics: []) }).diagnostics
    }

    /// The one diagnostic of `diagnostics`: at `line`, saying `chinese` in Chinese and `english` in English.
    private func expectOne(_ diagnostics: [Diagnostic], line: Int, _ chinese: String, _ english: String,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.formatted))", sourceLocation: sourceLocation)
        guard let diagnostic = diagnostics.first else { return }
        #expect(diagnostic.location?.line == line, "\(diagnostic.formatted)", sourceLocation: sourceLocation)
        let both = diagnostic.formatted(.chinese) + "\n" + diagnostic.formatted(.english)
        #expect(diagnostic.formatted(.chinese).contains(chinese), "\(both)", sourceLocation: sourceLocation)
        #expect(diagnostic.formatted(.english).contains(english), "\(both)", sourceLocation: sourceLocation)
    }

    @Test func eachRowIsNamedInBothLanguages() {
        expectOne(metadata("title：测试\nsection: s\n"), line: 2, "全角冒号", "full-width colon")
        expectOne(metadata("title: t\nsection:\u{3000}s\n"), line: 3, "全角空格", "full-width space")
        expectOne(metadata("title: t\nsection:\u{00A0}s\n"), line: 3, "不换行空格", "no-break space")
        expectOne(metadata("title: t\nsection: s\ntags:\n\t- 一\n"), line: 5, "制表符", "tab")
        expectOne(metadata("title: t\nsection: s\ntags: [一, 二\nsummary: x\n"), line: 4, "没有配对", "not closed")
        expectOne(metadata("title: t\nsection: s\ntags: 社区服务、再就业\n"), line: 4, "“、”或“，”处分开", "split at")
        expectOne(metadata("title: t\nsection: s\nsummary: 三项措施 #1 是重点\n"), line: 4, "注释", "comment")
        expectOne(body("<center>居中的标题</center>\n"), line: 6, "HTML", "HTML")
        expectOne(body("第一段（见图 3-1）\n"), line: 6, "本案例没有图 3-1", "has no figure 3-1")
    }

    @Test func errorsAndWarningsAreWordedInTheReadersLanguage() {
        let diagnostic = Diagnostic.error(Message(.noTitle), at: SourceLocation(file: "Content/cases/x.md", line: 1), suggestion: Message(.noTitleFix))
        #expect(diagnostic.formatted(.chinese).hasPrefix("Content/cases/x.md:1:1: 错误：前置元数据里没有 `title`\n  提示："))
        #expect(diagnostic.formatted(.english).hasPrefix("Content/cases/x.md:1:1: error: front matter has no `title`\n  note: "))
        let warning = Diagnostic.warning(Message(.fullWidthColon), at: nil)
        #expect(warning.formatted(.chinese).hasPrefix("警告：") && warning.formatted(.english).hasPrefix("warning: "))
    }

    @Test func aLibyamlProblemIsTranslated() {
        let diagnostics = metadata("title: a: b\nsection: s\n")
        #expect(diagnostics.count == 1)
        let chinese = diagnostics.first?.formatted(.chinese) ?? ""
        #expect(chinese.contains("YAML 语法错误：") && chinese.contains("引号"), "\(chinese)")
        #expect(!chinese.contains("mapping values"), "\(chinese)")
        #expect(diagnostics.first?.formatted(.english).contains("mapping values are not allowed") == true)
    }
}
