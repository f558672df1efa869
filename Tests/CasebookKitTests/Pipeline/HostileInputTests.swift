import Foundation
import Testing
@testable import CasebookKit

/// Hostile content: nothing it holds may run in a reader's browser or land outside the output folder,
/// and slow or huge inputs finish in bounded time.
@Suite(.serialized) struct HostileInputTests {
    static func files(in folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    @Test func noInjectionReachesAnyPage() async throws {
        let parent = Repo.temporaryDirectory()
        let output = parent + "/output"
        _ = try await Builder.build(BuildOptions(contentDirectory: Repo.fixtures + "/hostile", templatesDirectory: Repo.templates, outputDirectory: output))
        let eventHandler = try Regex(#"<[a-zA-Z][^>]*\son[a-z]+\s*="#)
        let dangerousURL = try Regex(#"(?i)(href|src|action)\s*=\s*"\s*(javascript|vbscript|data:text|file):"#)
        var pages = 0
        for file in Self.files(in: output) where file.hasSuffix(".html") || file.hasSuffix(".xml") || file.hasSuffix(".svg") {
            let text = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
            pages += 1
            let scripts = text.ranges(of: "<script").count
            // The site's own: the search script, and the 404 page's few lines that find the site's top.
            let ownScripts = text.ranges(of: "<script src=\"").count + (file == SitePaths.notFound ? 1 : 0)
            #expect(scripts == ownScripts, "\(file) has an inline <script>")
            #expect(text.firstMatch(of: eventHandler) == nil, "\(file) has an event handler attribute")
            #expect(text.firstMatch(of: dangerousURL) == nil, "\(file) has a dangerous URL")
            #expect(!text.contains("<iframe"), "\(file) has an iframe")
        }
        #expect(pages >= 10)
        // Everything stayed inside the output folder.
        // (beside it only the build cache, `.output.cache`, which is never published)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == [".output.cache", "output"])
        // The CSV keeps the text but defuses formulas and quotes fields.
        let csv = try String(contentsOfFile: output + "/cases/inject-fig-1-1.csv", encoding: .utf8)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",30"))
    }

    @Test func badPathsAreRefusedAndThePreviousOutputStaysByteIdentical() async throws {
        let output = Repo.temporaryDirectory() + "/output"
        _ = try await Builder.build(BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates, outputDirectory: output))
        let snapshot = Self.files(in: output).map { ($0, FileManager.default.contents(atPath: output + "/" + $0)) }

        let bad = Repo.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: bad + "/cases", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.fixtures + "/hostile/site.yaml", toPath: bad + "/site.yaml")
        let body = "---\ntitle: t\nsection: service\n---\n\n正文\n"
        // A symlink out of the content folder, names that differ only in case, a slug with dots and spaces.
        try FileManager.default.createSymbolicLink(atPath: bad + "/cases/outside.md", withDestinationPath: "/etc/hostname")
        try body.write(toFile: bad + "/cases/Twin.md", atomically: true, encoding: .utf8)
        try body.write(toFile: bad + "/cases/twin.md", atomically: true, encoding: .utf8)
        try body.write(toFile: bad + "/cases/bad slug..md", atomically: true, encoding: .utf8)
        do {
            _ = try await Builder.build(BuildOptions(contentDirectory: bad, templatesDirectory: Repo.templates, outputDirectory: output))
            Issue.record("the build should fail")
        } catch {
            let messages = error.diagnostics.map(\.formatted).joined(separator: "\n")
            #expect(messages.contains("outside.md:1:1: 错误：符号链接指向内容文件夹之外"), "\(messages)")
            #expect(messages.contains("只有大小写不同"), "\(messages)")
            #expect(messages.contains("不能用作网址"), "\(messages)")
        }
        let after = Self.files(in: output).map { ($0, FileManager.default.contents(atPath: output + "/" + $0)) }
        #expect(after.map(\.0) == snapshot.map(\.0))
        #expect(zip(after, snapshot).allSatisfy { $0.1 == $1.1 })
    }

    /// Each advisory's kind of trigger and cmark-gfm's own pathological cases, in one bounded build.
    @Test func pathologicalInputsFinishInBoundedTime() async throws {
        let header = "---\ntitle: t\nsection: service\n---\n\n"
        let inputs: [String: String] = [
            "huge": String(repeating: String(repeating: "社区党建工作的段落。", count: 40) + "\n\n", count: 9000),   // ≈ 10 MB
            "deep-quotes": String(repeating: ">", count: 10_000) + " x\n",
            "deep-lists": (0..<2000).map { String(repeating: "  ", count: $0) + "- x\n" }.joined(),
            "deep-emphasis": String(repeating: "*", count: 10_000) + "x" + String(repeating: "*", count: 10_000) + "\n",
            "unclosed-links": String(repeating: "[a](", count: 30_000) + "\n",
            "open-brackets": String(repeating: "[", count: 50_000) + "\n",
            "long-table": "| a | b |\n|---|---|\n" + String(repeating: "| 1 | 2 |\n", count: 100_000),
            "wide-table": String(repeating: "|", count: 5000) + "\n" + String(repeating: "|-", count: 2500) + "|\n" + String(repeating: String(repeating: "|", count: 5000) + "\n", count: 100),
            "underscores": String(repeating: "_a ", count: 50_000) + "\n",
            "backticks": (1..<2000).map { String(repeating: "`", count: $0) + "a" }.joined() + "\n",
            "angle-brackets": String(repeating: "<", count: 50_000) + "\n",
            "mixed-delimiters": String(repeating: "*a_", count: 30_000) + "\n",
            // CVE-2023-22484: inline HTML comments that never close.
            "cve-2023-22484-comments": "a" + String(repeating: "<!--", count: 50_000) + "\n",
            // CVE-2023-24824 (GHSA-66g8-4hjf-77xh): runs of emphasis delimiters of mixed lengths.
            "cve-2023-24824-emphasis": String(repeating: "*a**", count: 40_000) + "\n" + String(repeating: "_a__", count: 40_000) + "\n",
            // CVE-2023-22483 (GHSA-29g3-96g3-jg6c): many list markers, processing instructions, CDATA openers.
            "cve-2023-22483-markers": String(repeating: "- ", count: 40_000) + "x\n" + String(repeating: "<?", count: 40_000) + "\n"
                + String(repeating: "<![CDATA[", count: 20_000) + "\n",
            // CVE-2023-37463 (GHSA-w4qg-3vf7-m9x5): nested image and link openers, footnote references, autolinks.
            "cve-2023-37463-brackets": String(repeating: "![[]()", count: 40_000) + "\n" + String(repeating: "[^a]", count: 40_000) + "\n"
                + String(repeating: "www.a", count: 40_000) + "\n",
        ]
        // Those beyond `ContentLimits` are refused, each with a message at its file; the rest are built.
        let refused: Set<String> = ["huge", "deep-quotes", "unclosed-links", "open-brackets", "long-table", "wide-table",
                                    "cve-2023-22483-markers", "cve-2023-37463-brackets"]
        let folder = Repo.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/cases", withIntermediateDirectories: true)
        try "title: 极端输入\nsections:\n  - name: 社区服务\n    slug: service\n".write(toFile: folder + "/site.yaml", atomically: true, encoding: .utf8)
        for (name, text) in inputs { try (header + text).write(toFile: folder + "/cases/\(name).md", atomically: true, encoding: .utf8) }
        var start = Date()
        do {
            _ = try await Builder.build(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates, outputDirectory: folder + "/out"))
            Issue.record("inputs beyond the limits should be refused")
        } catch {
            let files = Set(error.diagnostics.filter { $0.severity == .error }.compactMap { $0.location?.file }
                .map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension })
            #expect(files == refused)
            #expect(error.diagnostics.allSatisfy { $0.message.contains("上限") }, "\(error.diagnostics.map(\.message))")
        }
        #expect(Date().timeIntervalSince(start) < 60, "refusing pathological inputs took too long")
        for name in refused { try FileManager.default.removeItem(atPath: folder + "/cases/\(name).md") }
        start = Date()
        let report = try await Builder.build(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates, outputDirectory: folder + "/out"))
        #expect(report.cases == inputs.count - refused.count)
        #expect(Date().timeIntervalSince(start) < 120, "pathological inputs took too long")
    }
}
