import Foundation
import Testing
@testable import CasebookKit

@Suite struct BuildManifestTests {
    private func sample() -> BuildManifest {
        let stamp = FileStamp(size: 12, modified: 1_700_000_000_123_456_789, inode: 42)
        return BuildManifest(
            generator: BuildManifest.currentGenerator, environment: ContentHash(value: 9),
            inputs: ["tangqiao": .init(path: "Content/cases/tangqiao.md", stamp: stamp, hash: ContentHash("a")),
                     "b": .init(path: "Content/cases/b.md", stamp: FileStamp(size: 0, modified: -1, inode: .max), hash: ContentHash(value: 0))],
            outputs: ["tags/流动党员.html": .init(stamp: stamp, hash: ContentHash("page"), key: nil),
                      "cases/b.html": .init(stamp: stamp, hash: ContentHash("b"), key: ContentHash(value: 0)),
                      "index.html": .init(stamp: stamp, hash: ContentHash("i"), key: ContentHash(value: .max))],
            groupKeys: ["search": ContentHash(value: 3)],
            warnings: [.warning("未说明", at: SourceLocation(file: "Content/cases/b.md", line: 2, column: 1))],
            notes: ["feed skipped"], cases: 2, pages: 3, figures: 1)
    }

    /// Every table comes back as saved: stamps, hashes, outputs with and without a key, names in any script.
    @Test func aSavedManifestLoadsBackTheSame() throws {
        let output = Repo.temporaryDirectory() + "/output"
        let manifest = sample()
        try manifest.save(for: output)
        let loaded = try #require(BuildManifest.load(for: output))
        #expect(loaded.inputs == manifest.inputs)
        #expect(loaded.outputs == manifest.outputs)
        #expect(loaded.groupKeys == manifest.groupKeys)
        #expect(loaded.warnings == manifest.warnings && loaded.notes == manifest.notes)
        #expect((loaded.environment, loaded.cases, loaded.pages, loaded.figures) == (manifest.environment, 2, 3, 1))
        // The same manifest is saved as the same bytes.
        let path = BuildManifest.cacheDirectory(for: output) + "/manifest.bin"
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        try manifest.save(for: output)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
    }

    /// A cut or changed file, or another generator's, is not trusted: the build starts from scratch.
    @Test func aDamagedOrForeignManifestIsNotLoaded() throws {
        let output = Repo.temporaryDirectory() + "/output"
        let path = BuildManifest.cacheDirectory(for: output) + "/manifest.bin"
        try sample().save(for: output)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.dropLast(3).write(to: URL(fileURLWithPath: path))
        #expect(BuildManifest.load(for: output) == nil)
        // Outputs whose columns disagree (two names, one stamp): the file adds up, its columns do not.
        try sample().save(for: output)
        var columns = RawBytes.Writer()
        columns.append(strings: ["a.html", "b.html"])
        for _ in 0..<3 { columns.append([Int64(1)]) }
        for _ in 0..<2 { columns.append([UInt64(1), 2]) }
        columns.append([UInt8(0), 0])
        let parts = try [0, 1].map { try #require(SectionedFile.read(path, part: $0)) } + [columns.bytes]
        try SectionedFile.join(parts).write(to: URL(fileURLWithPath: path))
        #expect(BuildManifest.load(for: output) == nil)
        var foreign = sample()
        foreign.generator = "casebook 0.0.1"
        try foreign.save(for: output)
        #expect(BuildManifest.load(for: output) == nil)
    }
}
