import Foundation
import Testing
@testable import CasebookKit
import CasebookPages

@Suite struct PrintArticlesTests {
    private func part(_ slug: String) -> SiteModel.Part {
        SiteModel.Part(section: SectionConfig(name: "第\(slug)部分", slug: slug, location: SourceLocation(file: "site.yaml")), cases: [])
    }

    private let kept = FileBytes(Array("<article>甲</article><article>乙 &amp; 丙</article>".utf8))
    private var articles: PrintArticles {
        let first = 0..<"<article>甲</article>".utf8.count
        return PrintArticles(byPart: [
            "one": [.kept(kept[first]), .made("<article>新</article>")],
            "two": [.kept(kept[first.upperBound..<kept.count])],
        ])
    }

    /// A frame of three texts around the articles of parts `one` and `two`.
    private let frame = PrintArticles.Frame(texts: ["<main><h2>一</h2>", "<h2>二</h2>", "</main>"], order: ["one", "two"])
    private let expected = "<main><h2>一</h2><article>甲</article><article>新</article><h2>二</h2><article>乙 &amp; 丙</article></main>"

    @Test func theArticlesGoBetweenTheFramesTextsAsTheirBytes() throws {
        let page = try #require(articles.page(in: frame))
        #expect(String(decoding: page.joined, as: UTF8.self) == expected)
        // Kept articles are written from the cache's bytes, not copied into the page first.
        #expect(page.pieces.contains { if case .bytes = $0 { true } else { false } })
        #expect(page.hash == ContentHash(page.joined))
        #expect(String(decoding: articles.page { frame }.joined, as: UTF8.self) == expected)
    }

    /// A frame that does not fit the articles (texts and parts that do not add up, or a part the page has
    /// no articles for) is not used.
    @Test func aFrameThatDoesNotFitIsRefused() {
        #expect(articles.page(in: PrintArticles.Frame(texts: ["a", "b"], order: ["one", "two"])) == nil)
        #expect(articles.page(in: PrintArticles.Frame(texts: ["a", "b"], order: ["three"])) == nil)
        #expect(articles.page(in: PrintArticles.Frame(texts: ["a"], order: [])) != nil)
    }

    /// The layout of a print template becomes a frame of the same texts and parts.
    @Test func aLayoutBecomesAFrame() {
        let layout = PrintLayout(pieces: [HTML(trusted: "<main>"), HTML(trusted: "</main>")], slots: ["one"])
        let made = PrintArticles.Frame(layout)
        #expect(made.texts == ["<main>", "</main>"] && made.order == ["one"])
    }

    /// Articles kept for the next build read back as the same bytes, under their own key only; a page
    /// whose new frame no longer lists a case lets go of its article.
    @Test func theCacheKeepsArticlesAsTheirBytes() throws {
        let directory = Repo.temporaryDirectory()
        let store = try #require(CacheStore(directory: directory))
        let first = PrintArticleCache(store: store, page: "print-1.html", reading: true)
        #expect(first.article("a", key: ContentHash(value: 1)) == nil)
        first.save([("a", ContentHash(value: 1), "<article>甲</article>"), ("b", ContentHash(value: 2), "")])
        first.saveFrame(frame, key: ContentHash(value: 5), slugs: ["a", "b"])
        store.commit()
        let second = PrintArticleCache(store: try #require(CacheStore(directory: directory)), page: "print-1.html", reading: true)
        #expect(second.article("a", key: ContentHash(value: 1)).map { String(decoding: $0.array, as: UTF8.self) } == "<article>甲</article>")
        #expect(second.article("b", key: ContentHash(value: 2))?.count == 0)
        #expect(second.article("a", key: ContentHash(value: 2)) == nil)
        #expect(PrintArticleCache(store: second.store, page: "print-2.html", reading: true).article("a", key: ContentHash(value: 1)) == nil)
        #expect(PrintArticleCache(store: second.store, page: "print-1.html", reading: false).article("a", key: ContentHash(value: 1)) == nil)
        second.saveFrame(frame, key: ContentHash(value: 6), slugs: ["b"])
        #expect(second.article("a", key: ContentHash(value: 1)) == nil)
        #expect(second.article("b", key: ContentHash(value: 2)) != nil)
    }

    /// A page's frame is kept under its key and put around the articles of a later build; another key, a
    /// clean build or a frame that names a part the page has no articles for gets none.
    @Test func aKeptFrameMakesThePageTheTemplateWouldMake() throws {
        let store = try #require(CacheStore(directory: Repo.temporaryDirectory()))
        let cache = PrintArticleCache(store: store, page: "print-1.html", reading: true)
        #expect(cache.frame(key: ContentHash(value: 5)) == nil)
        cache.saveFrame(frame, key: ContentHash(value: 5), slugs: [])
        let kept = try #require(PrintArticleCache(store: store, page: "print-1.html", reading: true).frame(key: ContentHash(value: 5)))
        #expect(kept.order == ["one", "two"] && kept.texts == frame.texts)
        let page = try #require(articles.page(in: kept))
        #expect(String(decoding: page.joined, as: UTF8.self) == expected)
        #expect(PrintArticleCache(store: store, page: "print-1.html", reading: true).frame(key: ContentHash(value: 6)) == nil)
        #expect(PrintArticleCache(store: store, page: "print-1.html", reading: false).frame(key: ContentHash(value: 5)) == nil)
        #expect(PrintArticles(byPart: ["one": []]).page(in: kept) == nil)
    }
}
