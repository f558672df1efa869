import Foundation
import Testing
@testable import CasebookKit

@Suite struct ContentLoaderTests {
    /// Each case file is listed with the stamp of what it points to, so a build need not stat it again;
    /// a link inside the content folder is followed and a link out of it refused.
    @Test func caseFilesAreListedWithTheirStamps() throws {
        let content = Repo.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: content + "/cases", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.content + "/site.yaml", toPath: content + "/site.yaml")
        try "---\ntitle: 甲\n---\n正文。\n".write(toFile: content + "/cases/a.md", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: content + "/cases/b.md", withDestinationPath: content + "/cases/a.md")
        let outside = Repo.temporaryDirectory() + "/c.md"
        try "正文。\n".write(toFile: outside, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: content + "/cases/c.md", withDestinationPath: outside)

        let (tree, diagnostics) = ContentLoader.load(content)
        let files = try #require(tree?.caseFiles)
        #expect(files.map(\.slug) == ["a", "b"])
        let stamp = try #require(FileStamp.of(content + "/cases/a.md"))
        #expect(files.allSatisfy { $0.stamp == stamp })
        #expect(diagnostics.contains { $0.message.contains("symbolic link points outside") && $0.location?.file.hasSuffix("c.md") == true })
    }
}
