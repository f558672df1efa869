import Foundation
import Testing
@testable import CasebookKit

@Suite struct HiddenFilesTests {
    @Test func namesStartingWithADotAreHidden() {
        for name in [".x.md.swp", ".#x.md", ".DS_Store", ".git"] { #expect(HiddenFiles.isHidden(name), "\(name)") }
        for name in ["x.md", "x.md.swp", "#x.md#", "图.png"] { #expect(!HiddenFiles.isHidden(name), "\(name)") }
        #expect(HiddenFiles.isHidden(relativePath: "a/.cache/b.png"))
        #expect(!HiddenFiles.isHidden(relativePath: "a/b/c.png"))
    }

    @Test func theWalkSkipsHiddenFilesAndDoesNotEnterHiddenFolders() throws {
        let root = Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        for folder in ["cases", "media/maps", ".git/objects", "media/.thumbs"] {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["cases/x.md", "cases/.x.md.swp", "cases/.#x.md", ".DS_Store", "media/maps/a.png", ".git/objects/1", "media/.thumbs/a.png"] {
            #expect(fm.createFile(atPath: root + "/" + file, contents: Data("1".utf8)))
        }
        #expect(HiddenFiles.visiblePaths(under: root).sorted() == ["cases", "cases/x.md", "media", "media/maps", "media/maps/a.png"])
        #expect(HiddenFiles.visiblePaths(under: root + "/missing").isEmpty)
    }
}
