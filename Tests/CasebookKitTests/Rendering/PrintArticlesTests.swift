import Foundation
import Testing
@testable import CasebookKit
import CasebookPages

@Suite struct PrintArticlesTests {
    private func part(_ slug: String) -> SiteModel.Part {
        SiteModel.Part(section: SectionConfig(name: "第\(slug)部分", slug: slug, location: SourceLocation(file: "site.yaml")), cases: [])
    }

    private let kept = Array("<article>甲</article><article>乙 &amp; 丙</article>".utf8)
    private var articles: PrintArticles {
        let first = 0..<"<article>甲</article>".utf8.count
        return PrintArticles(kept: FileBytes(kept), byPart: [
            "one": [.kept(first), .made("<article>新</article>")],
            "two": [.kept(first.upperBound..<kept.count)],
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

    /// Articles kept for the next build read back as the same bytes, whether made or kept themselves.
    @Test func theCacheKeepsArticlesAsTheirBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("print-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/output"
        let first = PrintArticleCache(outputDirectory: output, page: "print-1.html")
        #expect(first.articles.isEmpty)
        first.save([(ContentHash(value: 1), .made("<article>甲</article>")), (ContentHash(value: 2), .made(""))])
        let second = PrintArticleCache(outputDirectory: output, page: "print-1.html")
        let one = try #require(second.articles[ContentHash(value: 1)])
        #expect(String(decoding: second.bytes[one].array, as: UTF8.self) == "<article>甲</article>")
        #expect(second.articles[ContentHash(value: 2)]?.isEmpty == true)
        second.save([(ContentHash(value: 3), .made("新")), (ContentHash(value: 1), .kept(one))])
        let third = PrintArticleCache(outputDirectory: output, page: "print-1.html")
        #expect(third.articles.count == 2)
        #expect(third.articles[ContentHash(value: 1)].map { String(decoding: third.bytes[$0].array, as: UTF8.self) } == "<article>甲</article>")
        #expect(third.articles[ContentHash(value: 3)].map { String(decoding: third.bytes[$0].array, as: UTF8.self) } == "新")
        // A damaged file is no cache.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: third.path))
        #expect(PrintArticleCache(outputDirectory: output, page: "print-1.html").articles.isEmpty)
    }

    /// A page's frame is kept under its key and put around the articles of a later build; another key, a
    /// clean build or a frame that names a part the page has no articles for gets none.
    @Test func aKeptFrameMakesThePageTheTemplateWouldMake() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("print-frame-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/output"
        let cache = PrintArticleCache(outputDirectory: output, page: "print-1.html")
        #expect(cache.frame(key: ContentHash(value: 5)) == nil)
        cache.saveFrame(frame, key: ContentHash(value: 5))
        let kept = try #require(PrintArticleCache(outputDirectory: output, page: "print-1.html").frame(key: ContentHash(value: 5)))
        #expect(kept.order == ["one", "two"] && kept.texts == frame.texts)
        let page = try #require(articles.page(in: kept))
        #expect(String(decoding: page.joined, as: UTF8.self) == expected)
        #expect(PrintArticleCache(outputDirectory: output, page: "print-1.html").frame(key: ContentHash(value: 6)) == nil)
        #expect(PrintArticleCache(outputDirectory: output, page: "print-1.html", reading: false).frame(key: ContentHash(value: 5)) == nil)
        #expect(PrintArticles(kept: .empty, byPart: ["one": []]).page(in: kept) == nil)
    }
}
