import Testing
@testable import CasebookKit

@Suite struct MarkdownRendererTests {
    /// Renders with a figure stage that accepts any block whose first line is `id: X`.
    func render(_ body: String) -> RenderedMarkdown {
        MarkdownRenderer().render(body, file: "c.md", firstLine: 5) { block in
            let id = block.text.split(separator: "\n").first.map { String($0.dropFirst(4)) } ?? ""
            let figure = Figure(id: id, title: "t", kind: .bar, rows: [.init(label: "a", values: [1])], location: block.location)
            return RenderedFigure(figure: figure, html: "<figure id=\"fig-\(id)\"></figure>", chart: "<svg>\(id)</svg>", diagnostics: [])
        }
    }

    @Test func eachFigureKeepsItsChartInOrderAndARepeatedIdIsReported() {
        let out = render("```figure\nid: 1-1\n```\n\n```figure\nid: 1-2\n```\n\n```figure\nid: 1-1\n```\n")
        #expect(out.figures.map(\.id) == ["1-1", "1-2"])
        #expect(out.charts == ["<svg>1-1</svg>", "<svg>1-2</svg>"])
        #expect(out.text.charts == out.charts)
        #expect(out.diagnostics.contains { $0.message.contains("figure id `1-1` is used twice") })
    }

    @Test func headingsGetChineseIdsAndRepeatsAreNumbered() {
        let out = render("## 一、为什么要加强\n\n## Hello World\n\n## 一、为什么要加强\n")
        #expect(out.headings.map(\.id) == ["一为什么要加强", "hello-world", "一为什么要加强-1"])
        #expect(out.html.contains("<h2 id=\"一为什么要加强\">\n一、为什么要加强\n</h2>"))
    }

    @Test func gfmExtensionsAndFootnotesWork() {
        let out = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~删~~ https://example.org\n\n- [x] 完成\n\n注[^1]\n\n[^1]: 脚注\n")
        #expect(out.html.contains("<table>"))
        #expect(out.html.contains("<del>删</del>"))
        #expect(out.html.contains("<a href=\"https://example.org\">"))
        #expect(out.html.contains("type=\"checkbox\""))
        #expect(out.html.contains("footnote"))
    }

    @Test func rawHTMLAndDangerousLinksNeverReachThePage() {
        let out = render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](vbscript:x) <img src=x onerror=alert(1)>\n")
        #expect(!out.html.contains("<script"))
        #expect(!out.html.contains("javascript:"))
        #expect(!out.html.contains("vbscript:"))
        #expect(!out.html.contains("onerror"))
    }

    @Test func linksToCaseFilesBecomePages() {
        let out = render("[a](other.md) [b](./other.md#一、概况) [c](../cases/third.md)\n")
        #expect(out.html.contains("href=\"other.html\""))
        #expect(out.html.contains("href=\"other.html#%E4%B8%80%E6%A6%82%E5%86%B5\"") || out.html.contains("href=\"other.html#一概况\""))
        #expect(out.caseLinks.map(\.slug) == ["other", "other", "third"])
        #expect(out.caseLinks[1].fragment == "一概况")
        #expect(out.caseLinks[0].location == SourceLocation(file: "c.md", line: 5, column: 5))
    }

    @Test func brokenLocalLinksAreErrors() {
        let out = render("正文\n\n[a](#没有) [b](images/x.png)\n")
        #expect(out.diagnostics.count == 2)
        #expect(out.diagnostics.allSatisfy { $0.location?.line == 7 })
    }

    @Test func everyFormOfFigureReferenceLinks() {
        let body = "```figure\nid: 1-1\n```\n\n见图 1-1，图1-1，图 1 - 1（见图 1-1）。\n\n`图 1-1` 不链接。\n"
        let out = render(body)
        #expect(out.diagnostics.isEmpty)
        #expect(out.html.occurrences(of: "<a class=\"figure-ref\" href=\"#fig-1-1\">") == 4)
        #expect(out.html.contains("<code>图 1-1</code>"))
        #expect(out.figures.map(\.id) == ["1-1"])
        #expect(out.figures[0].location.line == 6)
    }

    @Test func aReferenceToAMissingFigureNamesItsLine() {
        let out = render("第一段\n\n第二段（见图 3-1）\n")
        #expect(out.diagnostics.count == 1)
        #expect(out.diagnostics[0].severity == .warning)
        #expect(out.diagnostics[0].location == SourceLocation(file: "c.md", line: 7, column: 6))
        #expect(out.diagnostics[0].message.text(.chinese).contains("本案例没有图 3-1"))
        #expect(out.diagnostics[0].suggestion?.text(.chinese).contains("\\图 3-1") == true)
    }

    @Test func figureReferenceScanner() {
        #expect(FigureReference.matches(in: "图 1-1 图1-2 图 1 - 3 图2-10 图 1 图示").map(\.id) == ["1-1", "1-2", "1-3", "2-10", "1"])
        let text = "见图\u{3000}01－2，图 3 — 4、图5–6。图7-图8-9 图99999999999999999999-1 图 1-"
        let matches = FigureReference.matches(in: text)
        #expect(matches.map(\.id) == ["1-2", "3-4", "5-6", "7", "8-9", "1"])
        #expect(matches.map { String(text[$0.range]) } == ["图\u{3000}01－2", "图 3 — 4", "图5–6", "图7", "图8-9", "图 1"])
        #expect(matches.map(\.explicit) == [true, false, false, false, false, false])
        #expect(FigureReference.matches(in: "如图 2 所示；参见图1-1；详见图 3-2；图 4-1所示；原书图 5-1；蓝图2001-2005年").map(\.explicit)
                == [true, true, true, true, false, false])
    }

    /// The rule of figure references: a figure the case has is linked however it is mentioned; a mention of
    /// one it lacks is a warning only when worded as a reference; `\图` is plain text.
    @Test func figureReferencesFollowTheDocumentedRule() {
        let out = render("```figure\nid: 3\n```\n\n见图3，图 3 所示。发展蓝图2001-2005年，原书图 3-1。\\图 3 不链接。\n")
        #expect(out.diagnostics.isEmpty, "\(out.diagnostics.map(\.formatted))")
        #expect(out.html.components(separatedBy: "href=\"#fig-3\"").count - 1 == 2, "\(out.html)")
        #expect(out.html.contains("蓝图2001-2005年") && out.html.contains("原书图 3-1") && out.html.contains("图 3 不链接"), "\(out.html)")
        #expect(!out.html.contains("\\图"))
        let missing = render("见图 2-1；图 2-2 所示；原书图 2-3\n")
        #expect(missing.diagnostics.map(\.severity) == [.warning, .warning])
    }

    @Test func onlyTextsWithTheMarkerAreScanned() {
        // The prefilter may let a text without a reference through, never stop one with a reference.
        let long = String(repeating: "社区党建", count: 500)
        for text in ["见图 1-1", "图1-2", "末尾是图", long + "图 2-1"] { #expect(text.withCString(FigureReference.mayMatch)) }
        for text in ["", "党建工作", "圖 1-1", "1-1", long] { #expect(!text.withCString(FigureReference.mayMatch)) }
    }
}
