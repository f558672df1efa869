import Foundation
import Testing
@testable import CasebookKit

/// `chart: multiple`: a question with several answers allowed, and the errors of the other kinds, one per mistake.
@Suite struct MultipleChoiceTests {
    func parse(_ text: String) -> (Figure?, [Diagnostic]) {
        FigureParser.parse(text, at: SourceLocation(file: "f.md", line: 11, column: 1))
    }

    static let block = "id: 1-1\ntitle: 您参加过哪些社区活动\nchart: multiple\nbase: 600\npopulation: 社区居民\ndata:\n  文体活动: 62\n  志愿服务: 48\n  学习讲座: 45\n"

    /// Shares that add up to 155 build; every answer is drawn on its own bar against 100 %, nothing is
    /// "not reported", and the chart, its description and its CSV say the answers may add up to more.
    @Test func sharesOverOneHundredAreDrawnEachAgainstOneHundred() throws {
        let (parsed, diagnostics) = parse(Self.block)
        #expect(diagnostics.isEmpty)
        let figure = try #require(parsed)
        #expect(figure.kind == .multiple && figure.remainder() == 0 && figure.base == 600)
        let svg = ChartRenderer(strings: Repo.chartStrings).svg(for: figure, uid: "u")
        #expect(!svg.contains("未说明") && !svg.contains("hatch"))
        #expect(svg.contains("<title id=\"u-title\">您参加过哪些社区活动（可多选，合计可超过 100%）：文体活动 62%，志愿服务 48%，学习讲座 45%。</title>"))
        #expect(svg.contains(">可多选，合计可超过 100%</text>"))
        for value in ["62%", "48%", "45%"] { #expect(svg.contains(">\(value)<")) }
        // One track of 100 % under each of the three bars, all as long as each other.
        let tracks = svg.matches(of: try Regex(#"class="cb-track"[^>]*"#)).count
        #expect(tracks == 3)
        let widths = Set(svg.matches(of: try Regex(#"width="([0-9.]+)" height="20" class="cb-track""#)).map { String($0.output[1].substring ?? "") })
        #expect(widths.count == 1)
        // Chart text is as large as the other kinds' (14 units: 11 px at the narrowest the page draws a chart).
        let sizes = svg.matches(of: try Regex(#"font-size="([0-9.]+)""#)).compactMap { Double($0.output[1].substring ?? "") }
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= ChartStyle.fontSize })
        let csv = FigureCSV.csv(for: figure, strings: Repo.chartStrings, labelHeader: "选项", valueHeader: "比例（%）")
        #expect(csv == "\u{FEFF}选项,比例（%）\r\n文体活动,62\r\n志愿服务,48\r\n学习讲座,45\r\n")
    }

    @Test func aBuiltPageShowsEveryAnswerAndNoRemainder() async throws {
        let content = Repo.temporaryDirectory() + "/Content"
        try FileManager.default.createDirectory(atPath: content + "/cases", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.content + "/site.yaml", toPath: content + "/site.yaml")
        try ("---\ntitle: 多选题\nsection: service\n---\n\n见图 1-1。\n\n```figure\n" + Self.block + "```\n")
            .write(toFile: content + "/cases/multi.md", atomically: true, encoding: .utf8)
        let output = content + "/../output"
        let report = try await Builder.build(BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: output))
        #expect(report.figures == 1 && report.diagnostics.isEmpty)
        let html = try String(contentsOfFile: output + "/cases/multi.html", encoding: .utf8)
        // The figure (the page's footer explains 未说明 on every page).
        let start = try #require(html.range(of: "<figure class=\"figure figure-multiple\""))
        let end = try #require(html.range(of: "</figure>", range: start.upperBound..<html.endIndex))
        let page = String(html[start.lowerBound..<end.upperBound])
        #expect(!page.contains("未说明") && !page.contains("remainder"))
        for row in ["<th scope=\"row\">文体活动</th><td>62%</td>", "<th scope=\"row\">志愿服务</th><td>48%</td>", "<th scope=\"row\">学习讲座</th><td>45%</td>"] {
            #expect(page.contains(row))
        }
        #expect(page.contains("（样本 600，社区居民）"))
        #expect(page.contains("可多选，各选项的比例合计可超过 100%。"))
    }

    @Test func onlyMultipleMayPassOneHundred() {
        for kind in ["bar", "stacked", "pie"] {
            let (figure, d) = parse(Self.block.replacingOccurrences(of: "chart: multiple", with: "chart: \(kind)"))
            #expect(figure == nil && d.count == 1 && d[0].message.contains("155"))
            #expect(d[0].suggestion?.contains("chart: multiple") == true)
        }
    }

    /// A compare figure's sums are named by their series, not by their number.
    @Test func compareErrorsNameTheSeries() {
        let (_, d) = parse("id: 1-1\ntitle: t\nchart: compare\nseries: [1997 年, 1998 年]\ndata:\n  满意: [38, 40]\n  比较满意: [41, 70]\n")
        #expect(d.count == 1 && d[0].message.text(.english).contains("“1998 年”") && d[0].message.text(.chinese).contains("“1998 年”") && !d[0].message.text(.english).contains("series 2"))
    }

    /// A reference to a figure whose block has an error of its own is not a second error.
    @Test func aReferenceToABrokenFigureIsNotASecondError() async throws {
        let content = Repo.temporaryDirectory() + "/Content"
        try FileManager.default.createDirectory(atPath: content + "/cases", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.content + "/site.yaml", toPath: content + "/site.yaml")
        try "---\ntitle: 合计\nsection: service\n---\n\n满意 38%。（见图 1-3）\n\n```figure\nid: 1-3\ntitle: t\nchart: stacked\ndata:\n  满意: 38\n  不满意: 90\n```\n"
            .write(toFile: content + "/cases/sum.md", atomically: true, encoding: .utf8)
        do {
            _ = try await Builder.check(BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates))
            Issue.record("the sum over 100 was not reported")
        } catch {
            let errors = error.diagnostics.filter { $0.severity == .error }
            #expect(errors.count == 1 && errors[0].message.contains("128"), "\(errors.map(\.formatted))")
        }
    }

    /// Data shaped for another kind, a kind misspelt or `series` without `compare`: one error each, not one a row.
    @Test func oneMistakeGivesOneError() {
        let lists = "data:\n  满意: [38, 40]\n  比较满意: [41, 50]\n  不满意: [1, 2]\n"
        let cases: [(String, Int)] = [
            ("id: 1-1\ntitle: t\nchart: stacked\nseries: [1997 年, 1998 年]\n" + lists, 14),   // series on stacked: at `series`
            ("id: 1-1\ntitle: t\nchart: stacked\n" + lists, 15),                              // lists on stacked: at the first list
            ("id: 1-1\ntitle: t\nchart: stacke\n" + lists, 13),                               // unknown kind: at `chart`
            ("id: 1-1\ntitle: t\nchart: compare\n" + lists, 10),                              // compare without series: at the fence
            ("id: 1-1\ntitle: t\nchart: compare\nseries: [1997 年, 1998 年]\ndata:\n  满意: 38\n  比较满意: 41\n", 16),
        ]
        for (text, line) in cases {
            let (_, d) = parse(text)
            #expect(d.count == 1 && d.first?.location?.line == line, "\(text): \(d.map(\.formatted))")
        }
    }
}
