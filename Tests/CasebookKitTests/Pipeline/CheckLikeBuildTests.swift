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
}
