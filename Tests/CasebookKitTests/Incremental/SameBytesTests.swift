import Foundation
import Testing
@testable import CasebookKit

/// A parallel, incremental build writes exactly what a clean one-thread build writes, after every kind of
/// change, on a generated corpus long enough to print part by part, and (in one part) in volumes, with
/// lists on several pages, a page per unit and the figures listed by part.
@Suite struct SameBytesTests {
    static func makeCorpus(cases: Int, into directory: String, sections: Int? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.root + "/bench/make-corpus.py", String(cases), directory] + (sections.map { ["--sections", String($0)] } ?? [])
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// Every file under `directory`, relative, with its bytes.
    static func tree(_ directory: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for relative in BuildEnvironment.filesUnder(directory) {
            files[relative] = FileManager.default.contents(atPath: directory + "/" + relative)
        }
        return files
    }

    static func clean(_ content: String, _ templates: String, into output: String) async throws -> BuildReport {
        var options = BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: output)
        options.incremental = false
        options.jobs = 1
        return try await Builder.build(options)
    }

    static func incremental(_ content: String, _ templates: String, into output: String) async throws -> BuildReport {
        try await Builder.build(BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: output))
    }

    static func expectSame(_ a: String, _ b: String, _ step: String) {
        let left = tree(a), right = tree(b)
        #expect(left.count > 100, "\(step): too few files")
        #expect(Set(left.keys) == Set(right.keys), "\(step): different files: \(Set(left.keys).symmetricDifference(right.keys).sorted().prefix(5))")
        let differing = left.keys.filter { left[$0] != right[$0] }.sorted()
        #expect(differing.isEmpty, "\(step): different bytes in \(differing.prefix(5))")
    }

    @Test func incrementalAndParallelBuildsMatchACleanOneThreadBuild() async throws {
        let work = Repo.temporaryDirectory()
        let content = work + "/content", templates = work + "/templates"
        try Self.makeCorpus(cases: 240, into: content, sections: 1)
        try FileManager.default.copyItem(atPath: Repo.templates, toPath: templates)
        let live = work + "/live", reference = work + "/reference"

        let first = try await Self.incremental(content, templates, into: live)
        _ = try await Self.clean(content, templates, into: reference)
        #expect(first.casesRendered == 240)
        Self.expectSame(live, reference, "first build")
        // One part of 240 cases: printed in two volumes, its cases on three pages.
        let files = Self.tree(live).keys
        #expect(files.contains("print-part-1-2.html") && files.contains("parts/part-1-3.html") && files.contains { $0.hasPrefix("orgs/") })

        // Nothing changed: nothing is done.
        let again = try await Self.incremental(content, templates, into: live)
        #expect(again.upToDate)

        // One body edited, one title changed, one case added.
        let cases = content + "/cases/"
        try (String(contentsOfFile: cases + "case-00010.md", encoding: .utf8) + "\n补充一段：居委会再就业。\n")
            .write(toFile: cases + "case-00010.md", atomically: true, encoding: .utf8)
        try String(contentsOfFile: cases + "case-00020.md", encoding: .utf8)
            .replacingOccurrences(of: "title: 第20号案例", with: "title: 第二十号案例")
            .write(toFile: cases + "case-00020.md", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: cases + "case-00030.md", toPath: cases + "case-99999.md")
        let edited = try await Self.incremental(content, templates, into: live)
        #expect(!edited.upToDate)
        #expect(edited.casesRendered == 3, "only the edited and new cases are rendered again")
        try FileManager.default.removeItem(atPath: reference)
        _ = try await Self.clean(content, templates, into: reference)
        Self.expectSame(live, reference, "after editing cases")

        // One body edited: its page, the pages listing it and the index change; other case pages are kept.
        try (String(contentsOfFile: cases + "case-00011.md", encoding: .utf8) + "\n流动党员。\n")
            .write(toFile: cases + "case-00011.md", atomically: true, encoding: .utf8)
        let small = try await Self.incremental(content, templates, into: live)
        #expect(small.casesRendered == 1)
        #expect(small.filesWritten < 100, "wrote \(small.filesWritten) files for a one-case edit")
        try FileManager.default.removeItem(atPath: reference)
        _ = try await Self.clean(content, templates, into: reference)
        Self.expectSame(live, reference, "after a one-case edit")

        // An asset added is copied; removed, it goes from output/ with the next restyle (below), as in a clean build.
        try "var extra;".write(toFile: templates + "/assets/extra.js", atomically: true, encoding: .utf8)
        _ = try await Self.incremental(content, templates, into: live)
        #expect(FileManager.default.fileExists(atPath: live + "/assets/extra.js"))
        try FileManager.default.removeItem(atPath: templates + "/assets/extra.js")

        // A stylesheet edit copies the stylesheet and writes the 404 page (which holds it) again; no case is rendered.
        let stylesheet = templates + "/assets/casebook.css"
        try (String(contentsOfFile: stylesheet, encoding: .utf8) + "\n/* 改版 */\n").write(toFile: stylesheet, atomically: true, encoding: .utf8)
        let restyled = try await Self.incremental(content, templates, into: live)
        #expect(restyled.casesRendered == 0 && restyled.filesWritten == 2, "\(restyled.casesRendered) cases, \(restyled.filesWritten) files")
        try FileManager.default.removeItem(atPath: reference)
        let restyledClean = try await Self.clean(content, templates, into: reference)
        Self.expectSame(live, reference, "after a stylesheet edit")
        #expect(restyled.files == restyledClean.files)
        #expect(try await Self.incremental(content, templates, into: live).upToDate, "the restyle saved its rows: nothing is left to do")

        // A case removed.
        try FileManager.default.removeItem(atPath: cases + "case-99999.md")
        let removed = try await Self.incremental(content, templates, into: live)
        #expect(!removed.upToDate)
        try FileManager.default.removeItem(atPath: reference)
        _ = try await Self.clean(content, templates, into: reference)
        Self.expectSame(live, reference, "after a case was removed")

        // A page changed by hand is noticed and written again.
        try "tampered".write(toFile: live + "/cases/case-00050.html", atomically: true, encoding: .utf8)
        let repaired = try await Self.incremental(content, templates, into: live)
        #expect(!repaired.upToDate)
        Self.expectSame(live, reference, "after a page was changed by hand")

        // A clean build records what it made: the next build of its output is up to date, and an edit after
        // it renders only the edited case.
        #expect(try await Self.incremental(content, templates, into: reference).upToDate)
        try (String(contentsOfFile: cases + "case-00012.md", encoding: .utf8) + "\n楼组长。\n")
            .write(toFile: cases + "case-00012.md", atomically: true, encoding: .utf8)
        let afterClean = try await Self.incremental(content, templates, into: reference)
        #expect(afterClean.casesRendered == 1)
        _ = try await Self.incremental(content, templates, into: live)
        Self.expectSame(live, reference, "an edit after a clean build")
    }
}
