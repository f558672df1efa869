import Foundation
import Testing
@testable import CasebookKit
import CasebookPages

/// Builds the real Content/ into a temporary folder and checks every page and every internal link.
@Suite(.serialized) struct EndToEndTests {
    static func build(into output: String) async throws -> BuildReport {
        try await Builder.build(BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates, outputDirectory: output))
    }

    static func files(in folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    @Test func everyInternalLinkResolvesInsideTheSite() async throws {
        let output = Repo.temporaryDirectory() + "/output"
        let report = try await Self.build(into: output)
        #expect(report.cases == 2 && report.figures == 24)
        let pages = Self.files(in: output).filter { $0.hasSuffix(".html") }
        #expect(pages.count == report.pages)
        var checked = 0
        for page in pages {
            let html = Self.read(output + "/" + page)
            let pattern = try Regex(#"(?:href|src)="([^"]*)""#)
            for match in html.matches(of: pattern) {
                let url = String(match.output[1].substring ?? "")
                if url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("mailto:") { continue }
                #expect(!url.hasPrefix("/"), "\(page): \(url) starts with /")
                let path = String(url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                if path.isEmpty { continue }
                #expect(!path.hasSuffix("/"), "\(page): \(url) ends with /")
                let base = URL(fileURLWithPath: output + "/" + page).deletingLastPathComponent()
                let target = URL(fileURLWithPath: path.removingPercentEncoding ?? path, relativeTo: base).standardizedFileURL.path
                #expect(target.hasPrefix(output + "/"), "\(page): \(url) leaves the site")
                #expect(FileManager.default.fileExists(atPath: target), "\(page): \(url) is missing")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func homeListsEveryEntryOfThePrintedContents() async throws {
        let output = Repo.temporaryDirectory() + "/output"
        _ = try await Self.build(into: output)
        let home = Self.read(output + "/index.html")
        let (tree, _) = ContentLoader.load(Repo.content)
        let catalogue = try #require(tree).catalogue
        #expect(catalogue.count >= 30)
        for entry in catalogue { #expect(home.contains(HTML.escape(entry.title)), "home lacks \(entry.title)") }
        #expect(home.occurrences(of: "尚未数字化") == catalogue.filter { $0.caseSlug == nil }.count)
        #expect(home.contains("cases/yu-yunyao-speech.html"))
        #expect(home.contains("cases/tangqiao.html"))
    }

    /// One CSV of every figure, linked from the figure index, which shows each figure's numbers as a table.
    @Test func oneCSVHoldsEveryFigureOfTheBook() async throws {
        let output = Repo.temporaryDirectory() + "/output"
        _ = try await Self.build(into: output)
        let index = Self.read(output + "/figures.html")
        #expect(index.contains("<a href=\"figures.csv\" download>"))
        #expect(index.occurrences(of: "<table class=\"figure-data\">") == 24)
        #expect(index.contains("<th scope=\"row\">能起表率作用</th><td>81%</td>"))
        let csv = String(decoding: FileManager.default.contents(atPath: output + "/figures.csv") ?? Data(), as: UTF8.self)   // BOM kept
        #expect(csv.hasPrefix("\u{FEFF}图号,案例,图题,选项,系列,比例（%）,未说明（%）\r\n"))
        let lines = csv.dropFirst().split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines.allSatisfy { $0.count == 7 })
        let ids = (1...18).map { "1-\($0)" } + (1...6).map { "2-\($0)" }
        #expect(Set(lines.map { String($0[0]) }) == Set(ids))
        let tangqiao = Self.read(output + "/cases/tangqiao.html")
        // As many lines as the case page's tables have answers (the remainder is a column, not a line).
        #expect(lines.count == tangqiao.occurrences(of: "<tr><th scope=\"row\">"))
        #expect(lines.contains { $0[0] == "1-1" && $0[3] == "能起表率作用" && $0[5] == "81" && $0[6] == "10" })
    }

    @Test func tangqiaoCarriesAll24FiguresWithTheirNumbers() async throws {
        let output = Repo.temporaryDirectory() + "/output"
        _ = try await Self.build(into: output)
        let page = Self.read(output + "/cases/tangqiao.html")
        #expect(page.occurrences(of: "<svg ") == 24)
        #expect(page.occurrences(of: "<table class=\"figure-data\">") == 24)
        let ids = (1...18).map { "1-\($0)" } + (1...6).map { "2-\($0)" }
        for id in ids {
            #expect(page.contains("<figure class=\"figure figure-") && page.contains("id=\"fig-\(id)\""), "no figure \(id)")
            #expect(page.contains("<a class=\"figure-ref\" href=\"#fig-\(id)\">"), "no link to \(id)")
            #expect(FileManager.default.fileExists(atPath: output + "/cases/tangqiao-fig-\(id).csv"))
        }
        // Numbers the prose states, spot-checked against the table cells.
        for row in ["<th scope=\"row\">能起表率作用</th><td>81%</td>", "<th scope=\"row\">混同普通老百姓</th><td>9%</td>",
                    "<th scope=\"row\">满意</th><td>38%</td>", "<th scope=\"row\">业务能力</th><td>25%</td>"] {
            #expect(page.contains(row), "missing \(row)")
        }
        // Every 见图 reference in the source is a link on the page.
        let source = Self.read(Repo.content + "/cases/tangqiao.md")
        #expect(page.occurrences(of: "见<a class=\"figure-ref\"") == source.occurrences(of: "见图"))
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let a = Repo.temporaryDirectory() + "/a", b = Repo.temporaryDirectory() + "/b"
        _ = try await Self.build(into: a)
        _ = try await Self.build(into: b)
        let files = Self.files(in: a)
        #expect(files == Self.files(in: b))
        for file in files {
            #expect(FileManager.default.contents(atPath: a + "/" + file) == FileManager.default.contents(atPath: b + "/" + file), "\(file) differs")
        }
    }

    @Test func aFailedBuildLeavesThePreviousOutputAlone() async throws {
        let output = Repo.temporaryDirectory() + "/output"
        _ = try await Self.build(into: output)
        let before = Self.files(in: output).map { ($0, FileManager.default.contents(atPath: output + "/" + $0)) }
        await #expect(throws: BuildFailure.self) {
            try await Builder.build(BuildOptions(contentDirectory: Repo.fixtures + "/figure-mistakes", templatesDirectory: Repo.templates, outputDirectory: output))
        }
        let after = Self.files(in: output).map { ($0, FileManager.default.contents(atPath: output + "/" + $0)) }
        #expect(before.map(\.0) == after.map(\.0))
        #expect(zip(before, after).allSatisfy { $0.1 == $1.1 })
        let parent = (output as NSString).deletingLastPathComponent
        // (beside it only the build cache, `.output.cache`, which is never published)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == [".output.cache", "output"])
    }
}
