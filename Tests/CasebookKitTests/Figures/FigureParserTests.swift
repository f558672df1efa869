import Testing
@testable import CasebookKit

@Suite struct FigureParserTests {
    func parse(_ text: String) -> (Figure?, [Diagnostic]) {
        FigureParser.parse(text, at: SourceLocation(file: "f.md", line: 11, column: 1))
    }

    @Test func keepsTheOrderOfData() throws {
        let (figure, diagnostics) = parse("id: 1-1\ntitle: 党员服务他人\nchart: bar\nbase: 600\ndata:\n  能起表率作用: 81\n  混同普通老百姓: 9\n")
        #expect(diagnostics.isEmpty)
        let f = try #require(figure)
        #expect(f.rows.map(\.label) == ["能起表率作用", "混同普通老百姓"])
        #expect(f.base == 600)
        #expect(f.remainder() == 10)
    }

    @Test func valueOutOfRangeIsReportedAtItsLine() {
        let (_, d) = parse("id: 1-1\ntitle: t\ndata:\n  a: 50\n  b: 120\n")
        #expect(d.count == 1)
        #expect(d[0].location == SourceLocation(file: "f.md", line: 15, column: 6))
    }

    @Test func sumOverOneHundredIsAnError() {
        #expect(parse("id: 1-1\ntitle: t\ndata:\n  a: 60\n  b: 41\n").1.isEmpty)
        let (_, d) = parse("id: 1-1\ntitle: t\ndata:\n  a: 60\n  b: 42\n")
        #expect(d.count == 1 && d[0].message.contains("102"))
        #expect(d[0].location?.line == 14)
    }

    @Test func unknownChartKindSuggestsOne() {
        let (_, d) = parse("id: 1-1\ntitle: t\nchart: stacks\ndata:\n  a: 1\n")
        #expect(d.count == 1)
        #expect(d[0].location?.line == 13)
        #expect(d[0].suggestion?.contains("stacked") == true)
    }

    @Test func missingIdAndTitleAreReportedAtTheFence() {
        let (_, d) = parse("data:\n  a: 1\n")
        #expect(d.count == 2)
        #expect(d.allSatisfy { $0.location?.line == 10 })
    }

    @Test func compareRowsMustMatchTheSeries() throws {
        let good = parse("id: 1-1\ntitle: t\nchart: compare\nseries: [1997 年, 1998 年]\ndata:\n  满意: [30, 38]\n  比较满意: [40, 41]\n")
        #expect(good.1.isEmpty)
        #expect(try #require(good.0).rows[0].values == [30, 38])
        let (_, d) = parse("id: 1-1\ntitle: t\nchart: compare\nseries: [1997 年, 1998 年]\ndata:\n  书记专职化: [80, 89, 90]\n")
        #expect(d.count == 1 && d[0].location?.line == 16)
    }

    @Test func unknownKeysAndDuplicateLabels() {
        let (_, d) = parse("id: 1-1\ntitle: t\ntitel: x\ndata:\n  a: 1\n")
        #expect(d.count == 1 && d[0].suggestion?.text(.english) == "did you mean `title`?")
        let (_, yamlDuplicate) = parse("id: 1-1\ntitle: t\ndata:\n  a: 1\n  a: 2\n")
        #expect(yamlDuplicate.count == 1)
    }

    @Test func tooManyLabelsIsRefusedClearly() {
        let rows = (0..<1000).map { "  l\($0): 0.01" }.joined(separator: "\n")
        let (_, d) = parse("id: 1-1\ntitle: t\ndata:\n\(rows)\n")
        #expect(d.count == 1 && d[0].message.contains("at most"))
    }
}
