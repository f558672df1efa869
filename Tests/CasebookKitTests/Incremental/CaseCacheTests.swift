import Foundation
import Testing
@testable import CasebookKit

@Suite struct CaseCacheTests {
    /// A rendered case's text leaves memory once the cache holds it; the next build reuses the head alone,
    /// and the HTML and text blocks come back as rendered.
    @Test func aCachedCaseKeepsItsTextOnDiskAndGivesItBack() async throws {
        let tree = try #require(ContentLoader.load(Repo.content).0)
        let file = try #require(tree.caseFiles.first { $0.slug == "tangqiao" })
        let stage = CaseStage(site: tree.site, figures: FigureHTML(strings: try Repo.strings()), mediaFiles: Set(tree.media))
        let rendered = try #require(stage.run(file).text)
        let store = try #require(CacheStore(directory: Repo.temporaryDirectory()))
        let environment = ContentHash(value: 7)

        let first = CaseCache(store: store, environment: environment, manifest: nil).run(file, stage: stage)
        #expect(!first.reused)
        #expect(first.output.text == nil)
        let input = try #require(first.input)
        let manifest = BuildManifest(generator: "test", environment: environment, inputs: [file.slug: input], outputs: [:], groupKeys: [:],
                                     warnings: [], notes: [], cases: 1, pages: 0, figures: 0)
        let cache = CaseCache(store: store, environment: environment, manifest: manifest)
        let second = cache.run(file, stage: stage)
        #expect(second.reused)
        #expect(second.output.report?.figures.count == first.output.report?.figures.count)
        let texts = CaseTexts(inMemory: [:], cache: cache, hashes: [file.slug: input.hash])
        #expect(try texts.html(of: file.slug) == rendered.html)
        #expect(try texts.textBlocks(of: file.slug) == rendered.textBlocks)
        // Another environment's cache does not hand out this one's text.
        let other = CaseCache(store: store, environment: ContentHash(value: 8), manifest: nil)
        #expect(throws: CaseTextMissing.self) { try CaseTexts(inMemory: [:], cache: other, hashes: [file.slug: input.hash]).html(of: file.slug) }
    }

    /// Heads come back from the store as rendered, after the store is opened again; a head made in another
    /// environment or from another version of the file is not used, and the case is rendered again.
    @Test func headsComeBackOnlyForTheirFileAndEnvironment() async throws {
        let tree = try #require(ContentLoader.load(Repo.content).0)
        let files = tree.caseFiles
        let stage = CaseStage(site: tree.site, figures: FigureHTML(strings: try Repo.strings()), mediaFiles: Set(tree.media))
        let directory = Repo.temporaryDirectory()
        let environment = ContentHash(value: 7)
        let firstStore = try #require(CacheStore(directory: directory))
        let made = files.map { CaseCache(store: firstStore, environment: environment, manifest: nil).run($0, stage: stage) }
        firstStore.commit()

        var inputs: [String: BuildManifest.Input] = [:]
        for (file, result) in zip(files, made) { inputs[file.slug] = result.input }
        let manifest = BuildManifest(generator: "test", environment: environment, inputs: inputs, outputs: [:], groupKeys: [:],
                                     warnings: [], notes: [], cases: files.count, pages: 0, figures: 0)
        func reread(_ environment: ContentHash) throws -> [CaseCache.Result] {
            let cache = CaseCache(store: try #require(CacheStore(directory: directory)), environment: environment, manifest: manifest)
            return files.map { cache.run($0, stage: stage) }
        }
        let again = try reread(environment)
        #expect(again.allSatisfy { $0.reused })
        #expect(again.map { $0.output.report?.title } == made.map { $0.output.report?.title })
        #expect(again.map { $0.output.listing } == made.map { $0.output.listing })
        #expect(try reread(ContentHash(value: 8)).allSatisfy { !$0.reused })

        // A head stored from another version of the first file is not used for this one.
        #expect(files.count >= 2)
        let store = try #require(CacheStore(directory: directory))
        var head = made[0].output
        head.text = nil
        var writer = BinaryWriter()
        writer.write(CaseCache.Part(hash: ContentHash(value: 9), environment: environment, value: head))
        store.put(.caseHead, files[0].slug, writer.bytes)
        store.commit()
        #expect(try reread(environment).map(\.reused) == files.indices.map { $0 != 0 })
    }
}
