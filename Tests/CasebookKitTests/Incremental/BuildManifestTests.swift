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

    /// The manifest the last build into `store` saved, if it saved one.
    private func lastManifest(in store: CacheStore) -> BuildManifest? {
        BuildManifest.summary(in: store).map { BuildManifest.load(from: store, summary: $0) }
    }

    /// A build that changed only some output files and the assets' key (a restyle) reads those files' rows
    /// and saves them with the summary: the other rows stay, the summary holds the new key beside the others.
    @Test func aRestyleReadsAndSavesOnlyItsRows() throws {
        let directory = Repo.temporaryDirectory()
        let first = try store(directory)
        sample().save(to: first, after: nil, outputChanges: nil)
        first.commit()
        let second = try store(directory)
        let rows = BuildManifest.outputs(["index.html", "assets/new.css"], in: second)
        #expect(rows == ["index.html": sample().outputs["index.html"]!])
        var written = rows
        written["index.html"]?.hash = ContentHash("restyled")
        written["assets/new.css"] = .init(stamp: FileStamp(size: 1, modified: 2, inode: 3), hash: ContentHash("css"), key: nil)
        BuildManifest.save(try #require(BuildManifest.summary(in: second)), assets: ContentHash(value: 5), written: written,
                           removed: ["cases/b.html"], to: second)
        second.commit()
        let restyled = try #require(lastManifest(in: try store(directory)))
        #expect(restyled.inputs == sample().inputs)
        #expect(restyled.outputs == sample().outputs.merging(written) { $1 }.filter { $0.key != "cases/b.html" })
        #expect(restyled.groupKeys == ["search": ContentHash(value: 3), "assets": ContentHash(value: 5)])
        #expect(restyled.warnings == sample().warnings && restyled.pages == 3)
    }

    /// Every table comes back as saved: stamps, hashes, outputs with and without a key, names in any script.
    @Test func aSavedManifestLoadsBackTheSame() throws {
        let directory = Repo.temporaryDirectory()
        let manifest = sample()
        let first = try store(directory)
        manifest.save(to: first, after: nil, outputChanges: nil)
        first.commit()
        let loaded = try #require(lastManifest(in: try store(directory)))
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
        #expect(lastManifest(in: try store(directory)) == nil)
        let killed = try store(directory, fresh: true)
        sample().save(to: killed, after: nil, outputChanges: nil)
        #expect(lastManifest(in: try store(directory)) == nil)
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
        let first = try #require(lastManifest(in: secondStore))
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
        let second = try #require(lastManifest(in: thirdStore))
        #expect(second.inputs == next.inputs && second.outputs == next.outputs)
        #expect(second.warnings.isEmpty && second.pages == 4)
        #expect(thirdStore.value(.caseHead, "b") == nil)
        // Not knowing what changed: every row is written, and a stray row removed.
        thirdStore.put(.output, "stray.html", [1])
        var third = second
        third.outputs["tags/流动党员.html"]?.stamp = FileStamp(size: 1, modified: 2, inode: 3)
        third.save(to: thirdStore, after: nil, outputChanges: nil)
        thirdStore.commit()
        let loaded = try #require(lastManifest(in: try store(directory)))
        #expect(loaded.inputs == third.inputs && loaded.outputs == third.outputs)
    }

    /// The rows are read where they lie to tell that nothing changed: the same case files with the same stamps
    /// and every output file as recorded. A case file edited, added or gone, an output file changed or gone,
    /// or a damaged row, and something changed.
    @Test func rowsReadInPlaceTellWhetherAnythingChanged() throws {
        let directory = Repo.temporaryDirectory(), output = Repo.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: output + "/cases", withIntermediateDirectories: true)
        var outputs: [String: BuildManifest.Output] = [:]
        for path in ["index.html", "cases/甲.html", "cases/b.html"] {
            try Data(path.utf8).write(to: URL(fileURLWithPath: output + "/" + path))
            outputs[path] = .init(stamp: try #require(FileStamp.of(output + "/" + path)), hash: ContentHash(path), key: nil)
        }
        let stamp = FileStamp(size: 12, modified: 1_700_000_000_123_456_789, inode: 42)
        let files = [CaseFile(slug: "甲", path: "/c/甲.md", displayPath: "Content/cases/甲.md", stamp: stamp),
                     CaseFile(slug: "b", path: "/c/b.md", displayPath: "Content/cases/b.md", stamp: stamp)]
        let manifest = BuildManifest(generator: BuildManifest.currentGenerator, environment: ContentHash(value: 9),
                                     inputs: Dictionary(uniqueKeysWithValues: files.map { ($0.slug, .init(path: $0.path, stamp: stamp, hash: ContentHash($0.slug))) }),
                                     outputs: outputs, groupKeys: [:], warnings: [], notes: [], cases: 2, pages: 3, figures: 0)
        let saved = try store(directory)
        manifest.save(to: saved, after: nil, outputChanges: nil)
        saved.commit()
        let opened = try store(directory)
        #expect(BuildManifest.rowsAreCurrent(in: opened, caseFiles: files, output: output))

        var edited = files
        edited[1].stamp = FileStamp(size: 13, modified: 1_700_000_000_123_456_789, inode: 42)
        #expect(!BuildManifest.rowsAreCurrent(in: opened, caseFiles: edited, output: output))
        #expect(!BuildManifest.rowsAreCurrent(in: opened, caseFiles: Array(files.prefix(1)), output: output))
        edited = files
        edited[1].slug = "c"
        #expect(!BuildManifest.rowsAreCurrent(in: opened, caseFiles: edited, output: output))

        try Data("changed by hand".utf8).write(to: URL(fileURLWithPath: output + "/cases/甲.html"))
        #expect(!BuildManifest.rowsAreCurrent(in: opened, caseFiles: files, output: output))
        try Data("cases/甲.html".utf8).write(to: URL(fileURLWithPath: output + "/cases/甲.html"))
        opened.put(.output, "cases/甲.html", BuildManifestTests.encoded(.init(stamp: try #require(FileStamp.of(output + "/cases/甲.html")),
                                                                          hash: ContentHash("x"), key: nil)))
        #expect(BuildManifest.rowsAreCurrent(in: opened, caseFiles: files, output: output))
        try FileManager.default.removeItem(atPath: output + "/index.html")
        #expect(!BuildManifest.rowsAreCurrent(in: opened, caseFiles: files, output: output))
    }

    private static func encoded(_ output: BuildManifest.Output) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(output)
        return writer.bytes
    }
}
