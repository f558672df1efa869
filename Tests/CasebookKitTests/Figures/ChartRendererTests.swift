import Foundation
import Testing
@testable import CasebookKit

@Suite struct ChartRendererTests {
    let renderer = ChartRenderer(strings: Repo.chartStrings)
    let here = SourceLocation(file: "f.md", line: 1)

    var samples: [(String, Figure)] {
        [
            ("bar", Figure(id: "1-1", title: "党员服务他人", kind: .bar, base: 600,
                           rows: [.init(label: "能起表率作用", values: [81]), .init(label: "混同普通老百姓", values: [9])], location: here)),
            ("stacked", Figure(id: "1-3", title: "党员参与志愿者服务", kind: .stacked,
                               rows: [.init(label: "满意", values: [38]), .init(label: "比较满意", values: [41]), .init(label: "不满意", values: [1])], location: here)),
            ("pie", Figure(id: "1-7", title: "组织生活状况", kind: .pie,
                           rows: [.init(label: "正常有序", values: [54]), .init(label: "有待完善", values: [31])], location: here)),
            ("compare", Figure(id: "9-1", title: "居民满意度", kind: .compare, series: ["1997 年", "1998 年"],
                               rows: [.init(label: "满意", values: [30, 38]), .init(label: "比较满意", values: [40, 41]),
                                      .init(label: "一般", values: [20, 16])], location: here)),
            ("multiple", Figure(id: "9-2", title: "参加过的社区活动（可多选）", kind: .multiple, base: 600,
                                rows: [.init(label: "文体活动", values: [62]), .init(label: "志愿服务", values: [48]),
                                       .init(label: "学习讲座", values: [45])], location: here)),
        ]
    }

    /// Golden files: regenerate with `UPDATE_GOLDEN=1 swift test --filter ChartRendererTests`.
    @Test func eachKindMatchesItsGoldenSVG() throws {
        for (name, figure) in samples {
            let svg = renderer.svg(for: figure, uid: "golden-\(name)")
            let path = Repo.fixtures + "/golden/\(name).svg"
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
                try svg.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let golden = try String(contentsOfFile: path, encoding: .utf8)
            #expect(svg == golden, "\(name).svg differs from its golden file")
        }
    }

    @Test func sameInputSameBytes() {
        for (_, figure) in samples { #expect(renderer.svg(for: figure, uid: "u") == renderer.svg(for: figure, uid: "u")) }
    }

    @Test func chartsAreAccessible() {
        for (_, figure) in samples {
            let svg = renderer.svg(for: figure, uid: "u")
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("aria-labelledby=\"u-title\""))
            #expect(svg.contains("<title id=\"u-title\">\(renderer.strings.describe(figure))</title>"))
            // No <desc>: a text browser prints it; every label is on a line of its own.
            #expect(!svg.contains("<desc") && !svg.contains("><text"))
            #expect(svg.contains("viewBox=\"0 0 640 "))
            #expect(svg.contains("Noto Sans CJK SC"))
        }
    }

    @Test func theRemainderIsHatchedAndNeverSpread() {
        let figure = samples[0].1
        let svg = renderer.svg(for: figure, uid: "u")
        #expect(svg.contains("<title id=\"u-title\">党员服务他人：能起表率作用 81%，混同普通老百姓 9%，未说明 10%。</title>"))
        #expect(svg.contains("fill=\"url(#u-hatch)\""))
        #expect(svg.contains(">81%<") && svg.contains(">9%<") && svg.contains(">10%<"))
        // Full data: no remainder, no hatch.
        let full = Figure(id: "1", title: "t", kind: .stacked, rows: [.init(label: "a", values: [60]), .init(label: "b", values: [40])], location: here)
        #expect(!renderer.svg(for: full, uid: "u").contains("hatch"))
        // A sum within the rounding slack leaves no remainder.
        let over = Figure(id: "1", title: "t", kind: .pie, rows: [.init(label: "a", values: [60]), .init(label: "b", values: [41])], location: here)
        #expect(over.remainder() == 0)
    }

    @Test func contentIsEscapedInsideSVG() {
        let figure = Figure(id: "1", title: "<script>alert(1)</script>", kind: .bar, rows: [.init(label: "a\"><b>", values: [5])], location: here)
        let svg = renderer.svg(for: figure, uid: "u")
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("\"><b>"))
    }

    @Test func longLabelsAreShortenedWithTheWholeTextKept() {
        let label = String(repeating: "很长的选项标签", count: 12)
        let figure = Figure(id: "1", title: "t", kind: .bar, rows: [.init(label: label, values: [50])], location: here)
        let svg = renderer.svg(for: figure, uid: "u")
        #expect(svg.contains("<title>\(label)</title>"))
        #expect(svg.contains("…"))
    }

    @Test func textWidthsCountFullAndHalfWidth() {
        #expect(TextMetrics.width("满意", fontSize: 10) == 20)
        #expect(TextMetrics.width("ab", fontSize: 10) < 15)
        let (lines, truncated) = TextMetrics.wrap("一二三四五六", maxWidth: 30, fontSize: 10, maxLines: 2)
        #expect(lines == ["一二三", "四五六"] && !truncated)
        let (short, cut) = TextMetrics.wrap("一二三四五六七", maxWidth: 30, fontSize: 10, maxLines: 2)
        #expect(cut && short.count == 2 && short[1].hasSuffix("…"))
    }

    @Test func csvHasABomAndTheRemainder() {
        let csv = FigureCSV.csv(for: samples[0].1, strings: Repo.chartStrings, labelHeader: "选项", valueHeader: "比例（%）")
        #expect(csv.hasPrefix("\u{FEFF}选项,比例（%）\r\n"))
        #expect(csv.contains("能起表率作用,81\r\n") && csv.contains("未说明,10\r\n"))
        #expect(FigureCSV.field("=cmd()") == "'=cmd()")
        #expect(FigureCSV.field("a,b") == "\"a,b\"")
    }

    @Test func placeholdersAreFilledAndEverythingElseKept() {
        #expect("{title}：{items}。".replacingPlaceholders(["title": "图 1-1", "items": "是 80%"]) == "图 1-1：是 80%。")
        #expect("{year}年{month}月{day}日".replacingPlaceholders(["year": "1999", "month": "10", "day": "27"]) == "1999年10月27日")
        #expect("未知{x}与{title".replacingPlaceholders(["title": "t"]) == "未知{x}与{title")
        #expect("没有占位".replacingPlaceholders(["title": "t"]) == "没有占位")
    }
}
