import Foundation
import Testing
@testable import CasebookKit

/// What an editor's file can hold that once crashed, stalled or slipped through a build (issue 31):
/// each is now a message at its line.
@Suite struct ContentFaultTests {
    @Test func aHugeFigureValueIsAnErrorAtItsLineNotATrap() {
        let block = "id: 1-1\ntitle: 图\ndata:\n  甲: 10000000000000000000\n  乙: 1e300\n"
        let (figure, diagnostics) = FigureParser.parse(block, at: SourceLocation(file: "x.md", line: 10))
        #expect(figure == nil)
        #expect(diagnostics.count == 2)
        #expect(diagnostics.first?.location?.line == 13)
        #expect(diagnostics.first?.message.contains("1e+19") == true)
        #expect(num(1e300) == "1e+300")
        #expect(num(-2.5) == "-2.5")
        #expect(num(42) == "42")
    }

    @Test func aCaseOverTheSizeLimitIsRefusedWithItsSize() {
        let problem = ContentLimits.sizeProblem(20 * 1024 * 1024, file: "cases/big.md")
        #expect(problem?.message.contains("20 MB") == true)
        #expect(problem?.message.contains("5 MB") == true)
        #expect(ContentLimits.sizeProblem(ContentLimits.maximumCaseBytes, file: "x") == nil)
    }

    @Test func bodiesThatWouldStallTheOldCmarkAreRefusedAtTheirLine() {
        #expect(ContentLimits.markdownProblem(String(repeating: "![[]()", count: 40_000), file: "x", line: 5)?.location?.line == 5)
        #expect(ContentLimits.markdownProblem("a\n" + String(repeating: "|a", count: 300), file: "x", line: 5)?.location?.line == 6)
        #expect(ContentLimits.markdownProblem("a\n\n" + String(repeating: ">", count: 60) + " x", file: "x", line: 1)?.location?.line == 3)
        // What reports hold passes: a table, quotes, links, and `>` inside a line.
        let ordinary = "| a | b |\n|---|---|\n| 1 | 2 |\n\n> > 引用\n\n[链接](x.md) a > b " + String(repeating: "[^1] ", count: 100)
        #expect(ContentLimits.markdownProblem(ordinary, file: "x", line: 1) == nil)
    }

    @Test func manyReferencesToAMissingFigureAreFoundInLinearTimeAndSummedUp() {
        let body = String(repeating: "见图 1-1 ", count: 40_000)
        let start = Date()
        let rendered = MarkdownRenderer().render(body, file: "x.md", firstLine: 5, figures: { _ in RenderedFigure(figure: nil, html: "", chart: "", diagnostics: []) })
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(rendered.diagnostics.count == MarkdownRenderer.reportedUnknownReferences + 1)
        // Each reference is placed at its own column, not all at the first.
        #expect(rendered.diagnostics[1].location?.column == 9)
    }

    @Test func theColumnFinderFindsSuccessiveNeedles() {
        var finder = ColumnFinder(lines: ["图 1 和图 1 与图 1", "x"])
        #expect(finder.column(of: "图 1", inLine: 1) == 1)
        #expect(finder.column(of: "图 1", inLine: 1) == 6)
        #expect(finder.column(of: "图 1", inLine: 1) == 11)
        #expect(finder.column(of: "图 1", inLine: 1) == nil)
        #expect(finder.column(of: "x", inLine: 2) == 1)
        #expect(finder.column(of: "x", inLine: 3) == nil)
    }

    @Test func controlCharactersAreDroppedWithAWarningOrRefusedInYAML() throws {
        let (text, warnings) = SourceText.removingControlCharacters("一\n二\u{1B}[31m三\u{0C}\n四\t五", file: "x.md", firstLine: 1)
        #expect(text == "一\n二[31m三\n四\t五")
        #expect(warnings.count == 1 && warnings[0].location?.line == 2 && warnings[0].location?.column == 2)
        #expect(warnings[0].formatted.contains("\\u{1B}"))
        let document = try YAMLDocument(yaml: "title: \"a\\eb\"\n", file: "x.md", firstLine: 2)
        #expect(throws: Diagnostic.self) { try document.string(document.root.first!.value, key: "title") }
        let formatted = Diagnostic.error("bad \u{1B}[2J", at: nil).formatted
        #expect(!formatted.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func utf16FilesAreNamedWithTheConversionCommand() {
        let littleEndian: [UInt8] = [0xFF, 0xFE] + "title".utf16.flatMap { [UInt8($0), 0] }
        let bigEndianNoMark: [UInt8] = "---\ntitle".utf16.flatMap { [0, UInt8($0)] }
        for bytes in [littleEndian, bigEndianNoMark] {
            #expect {
                _ = try SourceText.decode(bytes, file: "cases/x.md")
            } throws: { error in
                let message = (error as? Diagnostic)?.formatted ?? ""
                return message.contains("UTF-16") && message.contains("iconv -f UTF-16")
            }
        }
    }

    @Test func linksOutOfTheContentFolderAreRefusedForItsFoldersAndFiles() throws {
        let parent = Repo.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Repo.content, toPath: parent + "/Content")
        try FileManager.default.createDirectory(atPath: parent + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: parent + "/Content/cases", toPath: parent + "/elsewhere/cases")
        try FileManager.default.createSymbolicLink(atPath: parent + "/Content/cases", withDestinationPath: parent + "/elsewhere/cases")
        let (tree, diagnostics) = ContentLoader.load(parent + "/Content")
        #expect(tree == nil)
        #expect(diagnostics.contains { $0.severity == .error && $0.location?.file.hasSuffix("Content/cases") == true })
    }
}
