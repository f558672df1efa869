import Foundation
import Testing
@testable import CasebookKit

@Suite struct BinaryCoderTests {
    struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case bar, donut }
        var text: String
        var note: String?
        var missing: String?
        var count: Int
        var negative: Int
        var small: Int8?
        var ratio: Double
        var flag: Bool
        var kind: Kind
        var values: [Double]
        var maybe: [String?]
        var nested: [[Int]]
        var hash: ContentHash
    }

    @Test func valuesComeBackAsTheyWent() throws {
        let sample = Sample(text: "流动党员 \"居委会\"\n", note: "", missing: nil, count: 300, negative: -70_000, small: -3, ratio: 12.5,
                            flag: true, kind: .donut, values: [0, -1.25, 1e300], maybe: ["a", nil, "丙"], nested: [[], [1, 2]],
                            hash: ContentHash(value: .max))
        let bytes = try BinaryCoder.encode(sample)
        #expect(try BinaryCoder.decode(Sample.self, from: bytes) == sample)
        #expect(bytes.count < (try JSONEncoder().encode(sample)).count)
    }

    @Test func aRenderedCaseComesBackWhole() async throws {
        let tree = try #require(ContentLoader.load(Repo.content).0)
        let file = try #require(tree.caseFiles.first { $0.slug == "tangqiao" })
        let stage = CaseStage(site: tree.site, figures: FigureHTML(strings: try Repo.strings()), mediaFiles: Set(tree.media))
        let output = stage.run(file)
        let report = try #require(output.report)
        #expect(!report.figures.isEmpty)
        let decoded = try BinaryCoder.decode(CaseStage.Output.self, from: try BinaryCoder.encode(output))
        let json = JSONEncoder()
        json.outputFormatting = .sortedKeys
        let before = String(decoding: try json.encode(output), as: UTF8.self), after = String(decoding: try json.encode(decoded), as: UTF8.self)
        #expect(before == after, "first difference at \(zip(before, after).prefix { $0 == $1 }.count): \(after.prefix(zip(before, after).prefix { $0 == $1 }.count + 80).suffix(160))")
    }

    /// The hand-written `BinaryField` forms write the bytes `Codable` writes, and each way reads the other's.
    @Test func handWrittenFieldsAreTheCodableBytes() async throws {
        let tree = try #require(ContentLoader.load(Repo.content).0)
        let file = try #require(tree.caseFiles.first { $0.slug == "tangqiao" })
        let stage = CaseStage(site: tree.site, figures: FigureHTML(strings: try Repo.strings()), mediaFiles: Set(tree.media))
        let rendered = stage.run(file)
        #expect(rendered.text != nil && rendered.report?.outline.headings.isEmpty == false)
        let here = SourceLocation(file: "Content/cases/甲.md", line: 12, column: 3)
        let section = SectionConfig(name: "第一部分", slug: "part-1", location: here)
        let metadata = CaseMetadata(title: "标题", org: "居委会", section: "第一部分", sectionLocation: here,
                                    date: PartialDate(year: 1999, month: 10, day: 27), page: 42, tags: ["党建", ""],
                                    summary: "摘要", draft: true)
        let figure = Figure(id: "1-1", title: "图", kind: .compare, base: 300, population: "党员", source: "调查",
                            series: ["1997 年", "1998 年"], rows: [.init(label: "是", values: [12.5, -0.0])], location: here)
        let outline = CaseOutline(headings: [Heading(level: 2, text: "一、", id: "一")],
                                  caseLinks: [CaseLink(slug: "b", fragment: "fig-1-1", location: here), CaseLink(slug: "c", fragment: nil, location: here)],
                                  figures: [figure])
        let full = CaseStage.Output(report: CaseReport(slug: "甲", sourcePath: here.file, metadata: metadata, section: section, outline: outline, summary: ""),
                                    text: CaseText(html: "<p>正文</p>", textBlocks: [TextBlock(headingID: "一", headingText: "一、", text: "文"),
                                                                                   TextBlock(headingID: nil, headingText: nil, text: "")]),
                                    searchSize: SearchIndex.PageSize(blocks: 3, weight: 70), listing: ContentHash(value: .max), draft: true,
                                    diagnostics: [.warning("注意", at: here, suggestion: "改"), .error("错", at: nil)])
        let empty = CaseStage.Output(report: nil, text: nil, searchSize: nil, listing: nil, draft: false, diagnostics: [])
        let json = JSONEncoder()
        json.outputFormatting = .sortedKeys
        for output in [rendered, full, empty] {
            let fast = try BinaryCoder.encode(output), slow = try BinaryCoder.encode(output, handWritten: false)
            #expect(fast == slow)
            let original = try json.encode(output)
            #expect(try json.encode(BinaryCoder.decode(CaseStage.Output.self, from: slow)) == original)
            #expect(try json.encode(BinaryCoder.decode(CaseStage.Output.self, from: fast, handWritten: false)) == original)
            #expect(throws: (any Error).self) { try BinaryCoder.decode(CaseStage.Output.self, from: Array(fast.dropLast())) }
            // As the case cache stores it, with the hashes it was made from.
            let part = CaseCache.Part(hash: ContentHash(value: 7), environment: ContentHash(value: .max), value: output)
            let fastPart = try BinaryCoder.encode(part), slowPart = try BinaryCoder.encode(part, handWritten: false)
            #expect(fastPart == slowPart)
            let decoded = try BinaryCoder.decode(CaseCache.Part<CaseStage.Output>.self, from: slowPart)
            #expect(decoded.hash == part.hash && decoded.environment == part.environment)
            #expect(try json.encode(decoded.value) == original)
        }
    }

    @Test func truncatedOrTrailingBytesAreRefused() throws {
        let bytes = try BinaryCoder.encode(["甲", "乙"])
        #expect(throws: (any Error).self) { try BinaryCoder.decode([String].self, from: Array(bytes.dropLast())) }
        #expect(throws: (any Error).self) { try BinaryCoder.decode([String].self, from: bytes + [0]) }
        // A length beyond any file (here 2^63, as a varint) is refused, not trusted.
        let huge: [UInt8] = [1, 0, 0, 0] + [UInt8](repeating: 0xFF, count: 9) + [0x01]
        #expect(throws: (any Error).self) { try BinaryCoder.decode([String].self, from: huge) }
    }

    @Test func dictionariesAreRefused() {
        #expect(throws: BinaryCoder.Unsupported.self) { try BinaryCoder.encode(["a": 1]) }
    }
}
