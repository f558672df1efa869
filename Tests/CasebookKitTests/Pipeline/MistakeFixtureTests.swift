import Foundation
import Testing
@testable import CasebookKit

/// Fixtures with one of each mistake: the build fails with exactly one error per mistake, at the right place.
@Suite struct MistakeFixtureTests {
    func errors(of fixture: String) async throws -> [Diagnostic] {
        try await diagnostics(of: fixture).filter { $0.severity == .error }
    }

    func diagnostics(of fixture: String) async throws -> [Diagnostic] {
        let options = BuildOptions(contentDirectory: Repo.fixtures + "/" + fixture, templatesDirectory: Repo.templates,
                                   outputDirectory: Repo.temporaryDirectory() + "/out")
        do {
            _ = try await Builder.build(options)
            Issue.record("the build of \(fixture) should fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func oneErrorPerFigureMistakeAtItsLine() async throws {
        let errors = try await errors(of: "figure-mistakes")
        let file = Repo.fixtures + "/figure-mistakes/cases/mistakes.md"
        let expected: [(Int, String)] = [
            (10, "outside 0–100"),
            (17, "add up to 105%"),
            (24, "unknown chart kind `donut`"),
            (29, "no `id`"),
            (35, "no `title`"),
            (48, "used twice"),
            (61, "has 1 value(s) but `series` has 2"),
        ]
        #expect(errors.count == expected.count, "\(errors.map(\.formatted))")
        for (diagnostic, (line, text)) in zip(errors, expected) {
            #expect(diagnostic.location?.file == file)
            #expect(diagnostic.location?.line == line, "\(diagnostic.formatted)")
            #expect(diagnostic.message.contains(text), "\(diagnostic.formatted)")
        }
        // `见图 9-9` reads as a reference to a figure the case lacks: a warning at its line, not an error.
        let warnings = try await diagnostics(of: "figure-mistakes").filter { $0.severity == .warning }
        #expect(warnings.count == 1 && warnings[0].location?.line == 64 && warnings[0].message.contains("图 9-9"), "\(warnings.map(\.formatted))")
    }

    @Test func oneErrorPerContentMistake() async throws {
        let errors = try await errors(of: "content-mistakes")
        let file = Repo.fixtures + "/content-mistakes/cases/broken.md"
        let found = errors.map { ($0.location?.line ?? 0, $0.location?.column ?? 0, $0.message) }
        #expect(errors.allSatisfy { $0.location?.file == file }, "\(errors.map(\.formatted))")
        #expect(found.contains { $0.0 == 2 && $0.1 == 1 && $0.2.contains("unknown key `titel`") })
        #expect(found.contains { $0.0 == 4 && $0.1 == 7 && $0.2.contains("`date`") })
        #expect(found.contains { $0.0 == 3 && $0.1 == 10 && $0.2.contains("unknown section") })
        #expect(found.contains { $0.0 == 9 && $0.2.contains("`#没有的标题`") })
        #expect(errors.count == 4, "\(errors.map(\.formatted))")
    }

    @Test func linksBetweenCasesAreChecked() async throws {
        // The broken file stops the build before links are checked; check links directly on rendered cases.
        let markdown = MarkdownRenderer().render("[a](missing.md) [b](good.md#一概况) [c](good.md#不存在)", file: "x.md", firstLine: 1) { _ in
            RenderedFigure(figure: nil, html: "", diagnostics: [])
        }
        let good = MarkdownRenderer().render("## 一、概况\n", file: "good.md", firstLine: 1) { _ in RenderedFigure(figure: nil, html: "", diagnostics: []) }
        let section = SectionConfig(name: "社区服务", slug: "service", location: SourceLocation(file: "s"))
        func report(_ slug: String, _ body: RenderedMarkdown) -> CaseReport {
            CaseReport(slug: slug, sourcePath: slug + ".md", metadata: CaseMetadata(title: slug, org: nil, section: "service", sectionLocation: SourceLocation(file: "s"),
                       date: nil, page: nil, tags: [], summary: nil, draft: false), section: section, outline: body.outline, summary: "")
        }
        let diagnostics = Builder.checkCaseLinks([report("x", markdown), report("good", good)], published: ["x", "good"])
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0].message.contains("missing.md"))
        #expect(diagnostics[1].message.contains("#不存在"))
    }
}

/// `casebook check` on a fixture with one of each mistake: exactly one diagnostic each, at file, line and column.
@Suite struct CheckFixtureTests {
    @Test func oneDiagnosticPerMistake() async throws {
        let folder = Repo.fixtures + "/check-mistakes"
        let diagnostics: [Diagnostic]
        do {
            _ = try await Builder.check(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates, includeDrafts: true))
            Issue.record("check should fail"); return
        } catch { diagnostics = error.diagnostics }
        let found = diagnostics.map { "\(($0.location?.file ?? "").replacingOccurrences(of: folder + "/cases/", with: "")):\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
        #expect(found == [
            "broken-anchor.md:6:8", "broken-link.md:6:10", "figure-data.md:10:3", "gbk.md:2:8", "missing-figure.md:6:2",
            "misspelt-key.md:2:1", "unknown-section.md:3:10", "wrong-type.md:1:1", "wrong-type.md:4:7",
        ])
        // A reference to a figure the case lacks is the one warning; everything else stops the build.
        #expect(diagnostics.filter { $0.severity == .warning }.map { $0.location?.file.hasSuffix("missing-figure.md") } == [true])
        #expect(diagnostics.filter { $0.severity == .error }.count == 8)
        #expect(diagnostics[3].message.contains("GB18030"))
    }

    @Test func theRealContentIsClean() async throws {
        let checked = try await Builder.check(BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates, includeDrafts: true))
        #expect(checked.diagnostics.isEmpty)
    }

    @Test func newCaseFillsTheFrontMatterAndRefusesToOverwrite() throws {
        let folder = Repo.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/cases", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.content + "/site.yaml", toPath: folder + "/site.yaml")
        let date = Date(timeIntervalSince1970: 941_000_000)
        #expect(throws: Diagnostic.self) { try NewCase.make(title: "新的案例", section: "社区服务", slug: nil, date: date, contentDirectory: folder) }
        #expect(throws: Diagnostic.self) { try NewCase.make(title: "新的案例", section: "社区服", slug: "new-case", date: date, contentDirectory: folder) }
        let (path, text) = try NewCase.make(title: "新的案例", section: "service", slug: "new-case", date: date, contentDirectory: folder)
        #expect(path == folder + "/cases/new-case.md")
        // No catalogue here: unit and page are left as comments, and so is the date, which is the source's, not today's.
        #expect(text.contains("title: \"新的案例\"\nsection: \"社区服务\"\n# org: 报送单位\n# page: 1\n# date: "))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let split = try FrontMatterSplit.split(text, file: path)
        #expect(CaseMetadata.read(split, file: path).1.isEmpty)
        #expect(throws: Diagnostic.self) { try NewCase.make(title: "x", section: "service", slug: "new-case", date: date, contentDirectory: folder) }
    }
}
