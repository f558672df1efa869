import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CasebookKit

@Suite struct FeedTests {
    @Test func feedAndSitemapListEveryPublishedCaseWhenABaseURLIsSet() async throws {
        let output = Repo.temporaryDirectory() + "/out"
        var options = BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates, outputDirectory: output)
        options.baseURL = "https://intranet.example/docs/casebook"
        let report = try await Builder.build(options)
        #expect(report.notes.isEmpty)
        let atom = try String(contentsOfFile: output + "/atom.xml", encoding: .utf8)
        let sitemap = try String(contentsOfFile: output + "/sitemap.xml", encoding: .utf8)
        for slug in ["tangqiao", "yu-yunyao-speech"] {
            #expect(atom.contains("<id>https://intranet.example/docs/casebook/cases/\(slug).html</id>"))
            #expect(sitemap.contains("<loc>https://intranet.example/docs/casebook/cases/\(slug).html</loc>"))
        }
        for xml in [atom, sitemap] {
            let parser = XMLParser(data: Data(xml.utf8))
            #expect(parser.parse(), "not well-formed XML")
        }
        #expect(atom.contains("<updated>1999-10-27T00:00:00Z</updated>"))
    }

    @Test func withoutABaseURLTheBuildSaysSo() async throws {
        let output = Repo.temporaryDirectory() + "/out"
        let report = try await Builder.build(BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates, outputDirectory: output))
        #expect(report.notes.contains { $0.contains("feed and sitemap skipped") })
        #expect(!FileManager.default.fileExists(atPath: output + "/atom.xml"))
    }

    @Test func printHoldsEveryCaseAndChartInBookOrder() async throws {
        let output = Repo.temporaryDirectory() + "/out"
        _ = try await Builder.build(BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates, outputDirectory: output))
        let page = try String(contentsOfFile: output + "/print.html", encoding: .utf8)
        let speech = try #require(page.range(of: "id=\"case-yu-yunyao-speech\""))
        let tangqiao = try #require(page.range(of: "id=\"case-tangqiao\""))
        #expect(speech.lowerBound < tangqiao.lowerBound)
        #expect(page.occurrences(of: "<svg ") == 24)
    }
}
