import Foundation
import Testing
@testable import CasebookKit

/// Entries of the printed contents and the cases on disk: linked by `case:` or by title, mismatches warned
/// at the entry's line, and `new` filling a case in from its entry.
@Suite(.serialized) struct CatalogueLinksTests {
    /// A copy of the real Content/ in a fresh folder.
    static func copyOfContent() throws -> String {
        let folder = Repo.temporaryDirectory() + "/Content"
        try FileManager.default.copyItem(atPath: Repo.content, toPath: folder)
        return folder
    }

    static func home(of content: String) async throws -> (html: String, pending: Int) {
        let output = (content as NSString).deletingLastPathComponent + "/output-\(UUID().uuidString)"
        _ = try await Builder.build(BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates, outputDirectory: output))
        let html = (try? String(contentsOfFile: output + "/index.html", encoding: .utf8)) ?? ""
        let checked = try await Builder.check(BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates))
        return (html, PageValues(model: checked.model, strings: SiteStrings.standard).home().pendingCount)
    }

    @Test func titlesAreComparedWithoutSpacesPunctuationOrWidth() {
        #expect(CatalogueLinks.normalisedTitle("加强社区党建 促进社区服务") == CatalogueLinks.normalisedTitle("加强社区党建，促进社区服务"))
        #expect(CatalogueLinks.normalisedTitle("深化街居党员“六队”活动\u{3000}促进城区的繁荣稳定") == "深化街居党员六队活动促进城区的繁荣稳定")
        #expect(CatalogueLinks.normalisedTitle("ＡＢ１ 2") == "ab12")
        #expect(CatalogueLinks.normalisedTitle("加强社区党建") != CatalogueLinks.normalisedTitle("加强社区党建工作"))
        #expect(CatalogueLinks.normalisedTitle("Casebook 第1号：案例，ＡＢ") == "casebook第1号案例ab")
        #expect(CatalogueLinks.normalisedTitle("第①号 Ⅻ") == "第1号xii", "the slow path folds what the fast one does not")
    }

    /// The README's example: written with `new`, it is listed once, linked, and one entry fewer is pending.
    @Test func theReadmeExampleIsListedOnceAndLinked() async throws {
        let content = try Self.copyOfContent()
        let before = try await Self.home(of: content)
        let (path, text) = try NewCase.make(title: "加强社区党建 促进社区服务", section: "社区服务", slug: "xuanwu-service",
                                            date: Date(), contentDirectory: content)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(text.contains("org: \"中共江苏省南京市玄武区委员会\"\npage: 66\n# date: "))
        let after = try await Self.home(of: content)
        #expect(after.pending == before.pending - 1)
        #expect(after.html.occurrences(of: "尚未数字化") == before.html.occurrences(of: "尚未数字化") - 1)
        #expect(after.html.occurrences(of: "加强社区党建 促进社区服务") == 1)
        #expect(after.html.occurrences(of: "href=\"cases/xuanwu-service.html\"") == 1)
        #expect(!after.html.contains("原书目录以外的案例") || before.html.occurrences(of: "原书目录以外的案例") == after.html.occurrences(of: "原书目录以外的案例"))
        #expect(after.html.contains("其中 \(after.pending) 条未数字化"))
    }

    @Test func newFromCatalogueTakesTheEntryByPageOrTitle() throws {
        let content = try Self.copyOfContent()
        for query in ["66", "加强社区党建，促进社区服务"] {
            let (path, text) = try NewCase.fromCatalogue(query, section: nil, slug: "xuanwu-service", date: Date(), contentDirectory: content)
            #expect(path == content + "/cases/xuanwu-service.md")
            #expect(text.hasPrefix("---\ntitle: \"加强社区党建 促进社区服务\"\nsection: \"社区服务\"\norg: \"中共江苏省南京市玄武区委员会\"\npage: 66\n# date: "))
            let split = try FrontMatterSplit.split(text, file: path)
            let (metadata, diagnostics) = CaseMetadata.read(split, file: path)
            #expect(diagnostics.isEmpty)
            #expect(metadata?.date == nil)
            #expect(text.contains("#   ```figure\n") && !text.contains("<!--"))
        }
        // The speech's entry gives its date; an entry with a case gets no second one.
        let speech = try #require(ContentLoader.load(content).0?.catalogue.first)
        #expect(throws: Diagnostic.self) { try NewCase.fromCatalogue("1", section: nil, slug: "speech-2", date: Date(), contentDirectory: content) }
        #expect(speech.date?.iso == "1999-10-27")
        #expect(throws: Diagnostic.self) { try NewCase.fromCatalogue("67", section: nil, slug: "x", date: Date(), contentDirectory: content) }
        #expect(throws: Diagnostic.self) { try NewCase.fromCatalogue("66", section: "讲话", slug: "x", date: Date(), contentDirectory: content) }
        #expect(throws: Diagnostic.self) { try NewCase.fromCatalogue("后记", section: nil, slug: "x", date: Date(), contentDirectory: content) }
        #expect(throws: Diagnostic.self) { try NewCase.make(title: "加强社区党建 促进社区服务", section: "讲话", slug: "x", date: Date(), contentDirectory: content) }
        let (path, text) = try NewCase.fromCatalogue("66", section: nil, slug: "xuanwu-service", date: Date(), contentDirectory: content)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic.self) { try NewCase.fromCatalogue("66", section: nil, slug: "xuanwu-2", date: Date(), contentDirectory: content) }
    }

    /// A case listed twice, an entry and its case that disagree, and a `case:` naming no file: warnings at
    /// the entry's line; the build goes on, and the entry that names no file is shown as not yet digitised.
    @Test func mismatchesAreWarningsAtTheEntry() async throws {
        let content = try Self.copyOfContent()
        try """
        entries:
          - title: 加强社区党建 促进社区服务
            unit: 中共江苏省南京市玄武区委员会
            section: service
            page: 66
            case: xuanwu
          - title: 另一个条目
            case: xuanwu
            page: 67
          - title: 不存在的案例
            case: no-such-case
            section: service
          - title: 讲话
            section: service
            unit: 某单位
            page: 1
            case: yu-yunyao-speech
        """.write(toFile: content + "/catalogue.yaml", atomically: true, encoding: .utf8)
        try """
        ---
        title: 加强社区党建，促进社区服务
        section: 社区服务
        org: 中共江苏省南京市玄武区委员会
        page: 66
        ---

        正文。
        """.write(toFile: content + "/cases/xuanwu.md", atomically: true, encoding: .utf8)
        let checked = try await Builder.check(BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates))
        let found = checked.diagnostics.filter { $0.location?.file.hasSuffix("catalogue.yaml") == true }
        #expect(found.allSatisfy { $0.severity == .warning })
        let lines = found.map { "\($0.location!.line): \($0.message.text(.chinese))" }
        #expect(lines.contains { $0.hasPrefix("7: ") && $0.contains("被两个目录条目列出，另一条在第 2 行") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("7: ") && $0.contains("原书第 67 页") && $0.contains("page: 66") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("10: ") && $0.contains("no-such-case") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("13: ") && $0.contains("属于“社区服务”部分") && $0.contains("section: speech") }, "\(lines)")
        // A unit the case does not give is no disagreement.
        #expect(lines.count == 4, "\(lines)")
        let model = checked.model
        #expect(model.catalogue.map(\.caseSlug) == ["xuanwu", "xuanwu", nil, "yu-yunyao-speech"])
        let home = PageValues(model: model, strings: SiteStrings.standard).home()
        #expect(home.pendingCount == 1)
        #expect(home.groups.first { $0.name == "社区服务" }?.entries.first { $0.title == "不存在的案例" }?.caseHref == nil)
        // An explicit `case:` wins over a title that matches another entry.
        try """
        entries:
          - title: 加强社区党建 促进社区服务
            section: service
          - title: 别的标题
            section: service
            case: xuanwu
        """.write(toFile: content + "/catalogue.yaml", atomically: true, encoding: .utf8)
        let again = try await Builder.check(BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates))
        #expect(again.model.catalogue.map(\.caseSlug) == [nil, "xuanwu"])
        #expect(again.diagnostics.contains { $0.location?.line == 2 && $0.message.contains("另一条在第 4 行") })
        // Without `case:`, the title links it.
        try """
        entries:
          - title: 加强社区党建 促进社区服务
            section: service
        """.write(toFile: content + "/catalogue.yaml", atomically: true, encoding: .utf8)
        let byTitle = try await Builder.check(BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates))
        #expect(byTitle.model.catalogue.map(\.caseSlug) == ["xuanwu"] && byTitle.model.catalogue[0].linkedByTitle)
        #expect(byTitle.diagnostics.isEmpty, "\(byTitle.diagnostics)")
        // Two cases with the entry's title (`new` run twice): the first is linked, and the entry says so.
        try FileManager.default.copyItem(atPath: content + "/cases/xuanwu.md", toPath: content + "/cases/xuanwu-2.md")
        let twice = try await Builder.check(BuildOptions(contentDirectory: content, templatesDirectory: Repo.templates))
        #expect(twice.model.catalogue.map(\.caseSlug) == ["xuanwu"])
        #expect(twice.diagnostics.contains { $0.location?.line == 2 && $0.message.contains("xuanwu.md、") && $0.message.contains("xuanwu-2.md") },
                "\(twice.diagnostics)")
    }
}
