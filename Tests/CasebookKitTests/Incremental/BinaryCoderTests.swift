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
        let stage = CaseStage(site: tree.site, figures: FigureHTML(templates: try await Repo.templateSet()), mediaFiles: Set(tree.media))
        let output = stage.run(file)
        let report = try #require(output.report)
        #expect(!report.figures.isEmpty)
        let decoded = try BinaryCoder.decode(CaseStage.Output.self, from: try BinaryCoder.encode(output))
        let json = JSONEncoder()
        json.outputFormatting = .sortedKeys
        let before = String(decoding: try json.encode(output), as: UTF8.self), after = String(decoding: try json.encode(decoded), as: UTF8.self)
        #expect(before == after, "first difference at \(zip(before, after).prefix { $0 == $1 }.count): \(after.prefix(zip(before, after).prefix { $0 == $1 }.count + 80).suffix(160))")
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
