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

    private func store(_ directory: String, fresh: Bool = false) throws -> CacheStore {
        try #require(CacheStore(directory: directory, fresh: fresh))
    }

    /// Every table comes back as saved: stamps, hashes, outputs with and without a key, names in any script.
    @Test func aSavedManifestLoadsBackTheSame() throws {
        let directory = Repo.temporaryDirectory()
        let manifest = sample()
        let first = try store(directory)
        manifest.save(to: first, after: nil, outputChanges: nil)
        first.commit()
        let loaded = try #require(BuildManifest.load(from: try store(directory)))
        #expect(loaded.inputs == manifest.inputs)
        #expect(loaded.outputs == manifest.outputs)
        #expect(loaded.groupKeys == manifest.groupKeys)
        #expect(loaded.warnings == manifest.warnings && loaded.notes == manifest.notes)
        #expect((loaded.environment, loaded.cases, loaded.pages, loaded.figures) == (manifest.environment, 2, 3, 1))
    }

    /// A manifest saved by another generator, or by a build that was killed before its commit, is not loaded.
    @Test func aForeignOrUncommittedManifestIsNotLoaded() throws {
        let directory = Repo.temporaryDirectory()
        let foreign = try #require(CacheStore(directory: directory, generator: "casebook 0.0.1"))
        sample().save(to: foreign, after: nil, outputChanges: nil)
        foreign.commit()
        #expect(BuildManifest.load(from: try store(directory)) == nil)
        let killed = try store(directory, fresh: true)
        sample().save(to: killed, after: nil, outputChanges: nil)
        #expect(BuildManifest.load(from: try store(directory)) == nil)
    }

    /// A build that changed a few rows writes only them; rows of removed files and the values of removed
    /// cases go; a build that cannot tell what changed writes every row and removes any other.
    @Test func changedRowsAreWrittenAndRemovedRowsRemoved() throws {
        let directory = Repo.temporaryDirectory()
        let firstStore = try store(directory)
        sample().save(to: firstStore, after: nil, outputChanges: nil)
        firstStore.put(.caseHead, "b", [1, 2, 3])
        firstStore.commit()
        let secondStore = try store(directory)
        let first = try #require(BuildManifest.load(from: secondStore))
        var next = first
        next.inputs["b"] = nil
        next.inputs["新案例"] = .init(path: "Content/cases/新案例.md", stamp: FileStamp(size: 3, modified: 4, inode: 5), hash: ContentHash("n"))
        next.outputs["cases/b.html"] = nil
        next.outputs["index.html"]?.key = ContentHash(value: 7)
        next.warnings = []
        next.pages = 4
        next.save(to: secondStore, after: first, outputChanges: (changed: ["index.html"], removed: ["cases/b.html"]))
        secondStore.commit()
        let thirdStore = try store(directory)
        let second = try #require(BuildManifest.load(from: thirdStore))
        #expect(second.inputs == next.inputs && second.outputs == next.outputs)
        #expect(second.warnings.isEmpty && second.pages == 4)
        #expect(thirdStore.value(.caseHead, "b") == nil)
        // Not knowing what changed: every row is written, and a stray row removed.
        thirdStore.put(.output, "stray.html", [1])
        var third = second
        third.outputs["tags/流动党员.html"]?.stamp = FileStamp(size: 1, modified: 2, inode: 3)
        third.save(to: thirdStore, after: nil, outputChanges: nil)
        thirdStore.commit()
        let loaded = try #require(BuildManifest.load(from: try store(directory)))
        #expect(loaded.inputs == third.inputs && loaded.outputs == third.outputs)
    }
}
