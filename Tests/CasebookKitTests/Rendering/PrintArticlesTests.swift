import Foundation
import Testing
@testable import CasebookKit

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

    /// What the page would be if the template were given each part's articles as one text.
    private func expected(_ render: ((SiteModel.Part) -> String) -> String) -> String {
        render { part in
            switch part.section.slug {
            case "one": return "<article>甲</article><article>新</article>"
            case "two": return "<article>乙 &amp; 丙</article>"
            default: return ""
            }
        }
    }

    @Test func placeholdersAreReplacedByTheArticlesBytes() {
        let render: ((SiteModel.Part) -> String) -> String = { articles in
            "<main>" + [part("one"), part("two"), part("none")].map { "<h2>\($0.section.name)</h2>" + articles($0) }.joined() + "</main>"
        }
        let page = articles.page(render)
        #expect(String(decoding: page.joined, as: UTF8.self) == expected(render))
        #expect(!page.joined.contains(2))
        // Kept articles are written from the cache's bytes, not copied into the page first.
        #expect(page.pieces.contains { if case .bytes = $0 { true } else { false } })
        #expect(page.hash == ContentHash(page.joined))
    }

    /// A template that escapes the articles, or shows them twice, gets what it would get with the text.
    @Test func templatesThatEscapeOrRepeatTheArticlesGetTheirText() {
        let escaping: ((SiteModel.Part) -> String) -> String = { articles in
            HTML.escape(articles(self.part("one"))) + articles(self.part("two"))
        }
        #expect(String(decoding: articles.page(escaping).joined, as: UTF8.self) == expected(escaping))
        let repeating: ((SiteModel.Part) -> String) -> String = { articles in
            articles(self.part("one")) + articles(self.part("two")) + articles(self.part("one"))
        }
        #expect(String(decoding: articles.page(repeating).joined, as: UTF8.self) == expected(repeating))
        let leaving: ((SiteModel.Part) -> String) -> String = { articles in "<p>" + articles(self.part("one")) }
        #expect(String(decoding: articles.page(leaving).joined, as: UTF8.self) == expected(leaving))
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
        let render: ((SiteModel.Part) -> String) -> String = { articles in
            "<main>" + [part("two"), part("one")].map { "<h2>\($0.section.name)</h2>" + articles($0) }.joined() + "</main>"
        }
        let cache = PrintArticleCache(outputDirectory: output, page: "print-1.html")
        #expect(cache.frame(key: ContentHash(value: 5)) == nil)
        cache.saveFrame(articles.frame(render), key: ContentHash(value: 5))
        let frame = try #require(PrintArticleCache(outputDirectory: output, page: "print-1.html").frame(key: ContentHash(value: 5)))
        #expect(frame.order == ["two", "one"])
        let page = try #require(articles.page(in: frame))
        #expect(String(decoding: page.joined, as: UTF8.self) == expected(render))
        #expect(PrintArticleCache(outputDirectory: output, page: "print-1.html").frame(key: ContentHash(value: 6)) == nil)
        #expect(PrintArticleCache(outputDirectory: output, page: "print-1.html", reading: false).frame(key: ContentHash(value: 5)) == nil)
        #expect(PrintArticles(kept: .empty, byPart: ["one": []]).page(in: frame) == nil)
    }
}
