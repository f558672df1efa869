import Foundation
import Testing
@testable import CasebookKit

/// `check` fails whenever `build` would, and `--strict` makes warnings fail both.
@Suite struct CheckLikeBuildTests {
    private func content(_ cases: [String: String]) throws -> String {
        let folder = Repo.temporaryDirectory() + "/Content"
        try FileManager.default.copyItem(atPath: Repo.content, toPath: folder)
        for (name, text) in cases { try text.write(toFile: folder + "/cases/\(name).md", atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func aLinkToADraftFailsCheckAsItFailsBuild() async throws {
        let folder = try content([
            "draft-case": "---\ntitle: 草稿\nsection: 社区服务\ndraft: true\n---\n\n正文\n",
            "linking": "---\ntitle: 链接\nsection: 社区服务\n---\n\n见[草稿](draft-case.md)\n",
        ])
        await #expect(throws: BuildFailure.self) {
            _ = try await Builder.check(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates))
        }
        _ = try await Builder.check(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates, includeDrafts: true))
    }

    @Test func strictTurnsWarningsIntoErrors() async throws {
        let folder = try content(["typed": "---\ntitle：全角冒号\nsection: 社区服务\n---\n\n正文\n"])
        let lenient = try await Builder.check(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates))
        #expect(lenient.diagnostics.contains { $0.severity == .warning })
        var options = BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates)
        options.strict = true
        await #expect(throws: BuildFailure.self) { _ = try await Builder.check(options) }
    }

    /// The example: a URL followed by Chinese, a block pasted from a web page and 蓝图2001-2005 build,
    /// with the link ending before `，`, the block's words on the page and warnings for what changed.
    @Test func whatAnEditorPastedBuildsAsMeant() async throws {
        let folder = try content(["pasted": """
            ---
            title: 粘贴的内容
            section: 社区服务
            ---

            详见 https://example.com/a?b=1，或者来电。发展蓝图2001-2005年。

            <div class="word">
            <p>从网页粘贴的一段话</p>
            </div>
            """])
        let output = Repo.temporaryDirectory() + "/out"
        let report = try await Builder.build(BuildOptions(contentDirectory: folder, templatesDirectory: Repo.templates, outputDirectory: output))
        let page = try String(contentsOfFile: output + "/cases/pasted.html", encoding: .utf8)
        #expect(page.contains("<a href=\"https://example.com/a?b=1\">https://example.com/a?b=1</a>，或者来电"))
        #expect(page.contains("发展蓝图2001-2005年") && page.contains("从网页粘贴的一段话") && !page.contains("<div class=\"word\""))
        let warnings = report.diagnostics.filter { $0.location?.file.hasSuffix("pasted.md") == true }
        #expect(warnings.count == 1 && warnings[0].severity == .warning && warnings[0].location?.line == 8, "\(warnings.map(\.formatted))")
    }
}
