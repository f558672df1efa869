import Foundation
import Testing
@testable import CasebookKit

/// What a Chinese input method and pasting produce is read as meant, or named at its line in Chinese.
@Suite struct ChineseTypingTests {
    private func metadata(_ yaml: String) -> (CaseMetadata?, [Diagnostic]) {
        CaseMetadata.read(FrontMatterSplit(yaml: yaml, yamlStartLine: 2, body: "", bodyStartLine: 10), file: "x.md")
    }

    @Test func aFullWidthColonAndWideSpacesAreReadAsMeantWithAWarningAtTheirColumn() {
        let (read, diagnostics) = metadata("title：测试\nsection:\u{3000}社区服务\n")
        #expect(read?.title == "测试" && read?.section == "社区服务")
        #expect(diagnostics.map(\.severity) == [.warning, .warning])
        #expect(diagnostics[0].location?.line == 2 && diagnostics[0].location?.column == 6 && diagnostics[0].message.contains("全角冒号"))
        #expect(diagnostics[1].location?.line == 3 && diagnostics[1].location?.column == 9 && diagnostics[1].message.contains("全角空格"))
    }

    @Test func aTabInTheIndentationIsNamed() {
        let (_, diagnostics) = metadata("title: t\nsection: s\ntags:\n\t- 一\n")
        #expect(diagnostics.count == 1 && diagnostics[0].message.contains("制表符") && diagnostics[0].location?.line == 5)
    }

    @Test func aCommentThatCutsAValueIsAWarningButARealCommentIsNot() {
        let (read, diagnostics) = metadata("title: t\nsection: s  # 部分\nsummary: 三项措施 #1 是重点\n")
        #expect(read?.summary == "三项措施")
        #expect(diagnostics.count == 1 && diagnostics[0].location?.line == 4 && diagnostics[0].location?.column == 15)
    }

    @Test func blockScalarsAndQuotedValuesAreLeftAlone() {
        let (read, diagnostics) = metadata("title: \"甲：乙 #1\"\nsection: s\nsummary: |\n  第一行：说明\n  第二行 #2\n")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(read?.title == "甲：乙 #1" && read?.summary == "第一行：说明\n第二行 #2")
    }

    @Test func tagsWrittenWithChinesePunctuationAreSplitWithAWarning() {
        let (read, diagnostics) = metadata("title: t\nsection: s\ntags: 社区服务、再就业\n")
        #expect(read?.tags == ["社区服务", "再就业"])
        #expect(diagnostics.count == 1 && diagnostics[0].severity == .warning)
        #expect(metadata("title: t\nsection: s\ntags: [社区服务，再就业, 党建]\n").0?.tags == ["社区服务", "再就业", "党建"])
        // In a list, 、 is part of a tag's name.
        let (listed, quiet) = metadata("title: t\nsection: s\ntags: [两级政府、三级管理, 党建]\n")
        #expect(listed?.tags == ["两级政府、三级管理", "党建"] && quiet.isEmpty)
    }

    @Test func anUnclosedBracketIsReportedWhereItOpensWithTheLine() {
        let (_, diagnostics) = metadata("title: t\nsection: s\ntags: [一, 二\nsummary: x\n")
        #expect(diagnostics.count == 1 && diagnostics[0].location?.line == 4 && diagnostics[0].location?.column == 7)
        #expect(diagnostics[0].message.contains("| tags: [一, 二"))
    }

    @Test func anAutolinkEndsWhereChineseBegins() {
        let body = "详见 https://example.com/a?b=1，或者来电。也见 www.example.org。写信 a@b.cn：谢谢\n"
        let html = MarkdownRenderer().render(body, file: "x.md", firstLine: 1, figures: { _ in RenderedFigure(figure: nil, html: "", diagnostics: []) }).html
        #expect(html.contains("<a href=\"https://example.com/a?b=1\">https://example.com/a?b=1</a>，或者来电。"))
        #expect(html.contains("<a href=\"http://www.example.org\">www.example.org</a>。"))
        #expect(html.contains("<a href=\"mailto:a@b.cn\">a@b.cn</a>：谢谢"))
    }

    @Test func aFigureBlockTypedWithAFullWidthColonReadsItsData() {
        let (figure, diagnostics) = FigureParser.parse("id: 1-1\ntitle: 图\ndata:\n  甲：40\n  乙: 2\n", at: SourceLocation(file: "x.md", line: 10))
        #expect(figure?.rows.map(\.label) == ["甲", "乙"])
        #expect(diagnostics.count == 1 && diagnostics[0].location?.line == 13)
    }
}

/// HTML pasted from Word or a web page: its words stay, as text, with a warning at its line.
@Suite struct PastedHTMLTests {
    @Test func aPastedBlockKeepsItsWordsAndBrBecomesALineBreak() {
        let body = "<div class=\"x\">\n<p>从网页粘贴的<b>一段话</b>&nbsp;还有</p>\n</div>\n\n第一行<br>第二行，<sup>2</sup>次方。\n"
        let rendered = MarkdownRenderer().render(body, file: "x.md", firstLine: 6, figures: { _ in RenderedFigure(figure: nil, html: "", diagnostics: []) })
        #expect(rendered.html.contains("<p>从网页粘贴的 一段话 还有</p>"))
        #expect(rendered.html.contains("第一行<br />\n第二行，2次方。"))
        #expect(!rendered.html.contains("<div") && !rendered.html.contains("<sup>") && !rendered.html.contains("raw HTML omitted"))
        #expect(rendered.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(rendered.diagnostics.first?.location?.line == 6)
        #expect(rendered.textBlocks.contains { $0.text.contains("一段话") })
    }
}
