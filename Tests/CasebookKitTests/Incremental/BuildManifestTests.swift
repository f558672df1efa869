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
            notes: [Message(.noBaseURL)], cases: 2, pages: 3, figures: 1)
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

    /// A build that changed a few rows writes them to `manifest.delta` and leaves `manifest.bin` as it was;
    /// the two load back as the whole, and the delta keeps every row changed since `manifest.bin`.
    @Test func fewChangedRowsAreSavedAsADelta() throws {
        let output = Repo.temporaryDirectory() + "/output"
        let directory = BuildManifest.cacheDirectory(for: output)
        try sample().save(for: output)
        let base = try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.bin"))
        let first = try #require(BuildManifest.load(for: output))
        var next = first
        next.origin = nil
        next.inputs["b"] = nil
        next.inputs["新案例"] = .init(path: "Content/cases/新案例.md", stamp: FileStamp(size: 3, modified: 4, inode: 5), hash: ContentHash("n"))
        next.outputs["cases/b.html"] = nil
        next.outputs["index.html"]?.key = ContentHash(value: 7)
        next.warnings = []
        next.pages = 4
        let saved = try next.saving(after: first, outputChanges: (changed: ["index.html"], removed: ["cases/b.html"]))
        guard case .delta = saved else { Issue.record("expected a delta"); return }
        try BuildManifest.save(saved, for: output)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.bin")) == base)
        let second = try #require(BuildManifest.load(for: output))
        #expect(second.inputs == next.inputs && second.outputs == next.outputs)
        #expect(second.warnings.isEmpty && second.pages == 4)
        // The next delta still carries the first one's rows, though this build changed only one.
        var third = second
        third.origin = nil
        third.outputs["tags/流动党员.html"]?.stamp = FileStamp(size: 1, modified: 2, inode: 3)
        try BuildManifest.save(try third.saving(after: second, outputChanges: (changed: ["tags/流动党员.html"], removed: [])), for: output)
        let loaded = try #require(BuildManifest.load(for: output))
        #expect(loaded.inputs == third.inputs && loaded.outputs == third.outputs)
    }

    /// A delta made against another `manifest.bin` is not applied; many changed rows, or a build that did
    /// not update the last output, write the whole manifest and drop the delta.
    @Test func aDeltaIsReadOnlyWithItsOwnBase() throws {
        let output = Repo.temporaryDirectory() + "/output"
        let directory = BuildManifest.cacheDirectory(for: output)
        try sample().save(for: output)
        let first = try #require(BuildManifest.load(for: output))
        var next = first
        next.pages = 9
        next.outputs["index.html"]?.hash = ContentHash(value: 1)
        try BuildManifest.save(try next.saving(after: first, outputChanges: (changed: ["index.html"], removed: [])), for: output)
        let delta = try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.delta"))
        #expect(try #require(BuildManifest.load(for: output)).pages == 9)
        // Another base, written whole: the old delta, put back, is ignored.
        var other = sample()
        other.pages = 5
        try other.save(for: output)
        #expect(!FileManager.default.fileExists(atPath: directory + "/manifest.delta"))
        try delta.write(to: URL(fileURLWithPath: directory + "/manifest.delta"))
        let reloaded = try #require(BuildManifest.load(for: output))
        #expect(reloaded.pages == 5 && reloaded.outputs == other.outputs)
        // Past the limit, or with no record of the output's changes, the whole manifest is written.
        var many = reloaded
        for number in 0..<600 { many.outputs["cases/\(number).html"] = .init(stamp: FileStamp(size: 1, modified: 1, inode: 1), hash: ContentHash(value: 1), key: nil) }
        let changed = many.outputs.keys.filter { reloaded.outputs[$0] == nil }
        guard case .whole = try many.saving(after: reloaded, outputChanges: (changed: changed, removed: [])) else { Issue.record("expected the whole manifest"); return }
        guard case .whole = try next.saving(after: reloaded, outputChanges: nil) else { Issue.record("expected the whole manifest"); return }
    }
}
