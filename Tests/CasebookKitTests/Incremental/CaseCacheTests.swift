import Foundation
import Testing
@testable import CasebookKit

@Suite struct CaseCacheTests {
    @Test func eachPartOfASectionedFileIsReadAlone() throws {
        let path = Repo.temporaryDirectory() + "/parts.bin"
        let parts: [[UInt8]] = [[1, 2, 3], [], Array("流动党员".utf8)]
        try CacheFile.replace(path, SectionedFile.join(parts))
        for (index, part) in parts.enumerated() { #expect(SectionedFile.read(path, part: index) == part) }
        #expect(SectionedFile.read(path, part: 3) == nil)
        #expect(SectionedFile.readAll(path)?.map(\.array) == parts)
        // A cut file, or one with bytes beyond its parts, is refused rather than misread.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.dropLast().write(to: URL(fileURLWithPath: path))
        #expect(SectionedFile.read(path, part: 0) == nil)
        #expect(SectionedFile.readAll(path) == nil)
        try (bytes + [0]).write(to: URL(fileURLWithPath: path))
        #expect(SectionedFile.read(path, part: 0) == nil)
        #expect(SectionedFile.read(path + ".missing", part: 0) == nil)
    }

    /// A rendered case's text leaves memory once the cache holds it; the next build reuses the head alone,
    /// and the HTML and text blocks come back as rendered.
    @Test func aCachedCaseKeepsItsTextOnDiskAndGivesItBack() async throws {
        let tree = try #require(ContentLoader.load(Repo.content).0)
        let file = try #require(tree.caseFiles.first { $0.slug == "tangqiao" })
        let stage = CaseStage(site: tree.site, figures: FigureHTML(strings: try Repo.strings()), mediaFiles: Set(tree.media))
        let rendered = try #require(stage.run(file).text)
        let output = Repo.temporaryDirectory() + "/output"
        let environment = ContentHash(value: 7)

        let first = CaseCache(outputDirectory: output, environment: environment, manifest: nil).run(file, stage: stage)
        #expect(!first.reused)
        #expect(first.output.text == nil)
        let input = try #require(first.input)
        let manifest = BuildManifest(generator: "test", environment: environment, inputs: [file.slug: input], outputs: [:], groupKeys: [:],
                                     warnings: [], notes: [], cases: 1, pages: 0, figures: 0)
        let cache = CaseCache(outputDirectory: output, environment: environment, manifest: manifest)
        let second = cache.run(file, stage: stage)
        #expect(second.reused)
        #expect(second.output.report?.figures.count == first.output.report?.figures.count)
        let texts = CaseTexts(kept: [:], cache: cache, hashes: [file.slug: input.hash])
        #expect(try texts.html(of: file.slug) == rendered.html)
        #expect(try texts.textBlocks(of: file.slug) == rendered.textBlocks)
        // Another environment's cache does not hand out this one's text.
        let other = CaseCache(outputDirectory: output, environment: ContentHash(value: 8), manifest: nil)
        #expect(throws: CaseTextMissing.self) { try CaseTexts(kept: [:], cache: other, hashes: [file.slug: input.hash]).html(of: file.slug) }
    }

    /// The pack of heads gives each case's head back from one file; a head made from other inputs, a
    /// damaged pack or no pack at all falls back to the case's own file, with the same result.
    @Test func headsComeFromThePackAndFallBackToTheirFiles() async throws {
        let tree = try #require(ContentLoader.load(Repo.content).0)
        let files = tree.caseFiles
        let stage = CaseStage(site: tree.site, figures: FigureHTML(strings: try Repo.strings()), mediaFiles: Set(tree.media))
        let output = Repo.temporaryDirectory() + "/output"
        let environment = ContentHash(value: 7)
        let first = CaseCache(outputDirectory: output, environment: environment, manifest: nil)
        let made = files.map { first.run($0, stage: stage) }
        first.saveHeads(slugs: files.map(\.slug), made)
        let packPath = BuildManifest.cacheDirectory(for: output) + "/heads.bin"
        #expect(FileManager.default.fileExists(atPath: packPath))

        var inputs: [String: BuildManifest.Input] = [:]
        for (file, result) in zip(files, made) { inputs[file.slug] = result.input }
        let manifest = BuildManifest(generator: "test", environment: environment, inputs: inputs, outputs: [:], groupKeys: [:],
                                     warnings: [], notes: [], cases: files.count, pages: 0, figures: 0)
        func reread() -> [CaseCache.Result] {
            let cache = CaseCache(outputDirectory: output, environment: environment, manifest: manifest)
            return files.map { cache.run($0, stage: stage) }
        }
        let packed = reread()
        #expect(packed.allSatisfy { $0.reused })
        #expect(packed.allSatisfy { if case .kept = $0.head { true } else { false } })
        #expect(packed.map { $0.output.report?.title } == made.map { $0.output.report?.title })
        #expect(packed.map { $0.output.listing } == made.map { $0.output.listing })

        // A damaged pack is not read; each head then comes from its case's file.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: packPath))
        try bytes.dropLast().write(to: URL(fileURLWithPath: packPath))
        let unpacked = reread()
        #expect(unpacked.allSatisfy { $0.reused })
        #expect(unpacked.allSatisfy { if case .made = $0.head { true } else { false } })
        #expect(unpacked.map { $0.output.listing } == made.map { $0.output.listing })

        // Nor is a head in the pack made in another environment, or from another version of the file.
        #expect(files.count >= 2)
        for (staleEnvironment, staleHash) in [(ContentHash(value: 8), nil), (environment, ContentHash(value: 9))] {
            let pack = try zip(files, made).map { file, result in
                var head = result.output
                head.text = nil
                let input = try #require(result.input)
                let stale = file.slug == files[0].slug
                let part = CaseCache.Part(hash: stale ? staleHash ?? input.hash : input.hash,
                                          environment: stale ? staleEnvironment : environment, value: head)
                return (slug: file.slug, head: CaseHeadPack.Head.made(try BinaryCoder.encode(part)))
            }
            CaseHeadPack(cacheDirectory: BuildManifest.cacheDirectory(for: output), reading: false).save(pack)
            let mixed = reread()
            #expect(mixed.allSatisfy { $0.reused })
            #expect(mixed.map { if case .kept = $0.head { true } else { false } } == files.indices.map { $0 != 0 })
        }
    }
}
