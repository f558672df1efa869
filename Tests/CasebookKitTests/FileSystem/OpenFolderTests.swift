import Foundation
import Testing
@testable import CasebookKit

@Suite struct OpenFolderTests {
    /// Files at every depth, through a folder opened beforehand or not, get the stamp `stat` gives by path.
    @Test func stampsAreTheStampsOfThePaths() throws {
        let root = Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/cases/deep", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/casesx", withIntermediateDirectories: true)
        for file in ["index.html", "cases/a.html", "cases/deep/b.csv", "casesx/c.html"] {
            try Data(file.utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        let folder = try #require(OpenFolder(root))
        // Made after the folder was opened: looked up from the top.
        try fm.createDirectory(atPath: root + "/later", withIntermediateDirectories: true)
        try Data("later".utf8).write(to: URL(fileURLWithPath: root + "/later/d.html"))
        for file in ["index.html", "cases/a.html", "cases/deep/b.csv", "casesx/c.html", "later/d.html"] {
            let stamp = folder.stamp(of: file)
            #expect(stamp != nil, "\(file)")
            #expect(stamp == FileStamp.of(root + "/" + file), "\(file)")
        }
        #expect(folder.stamp(of: "cases/missing.html") == nil)
        #expect(folder.stamp(of: "cases") == nil)   // a folder has no stamp
        #expect(folder.stamp(of: "cases/deep") == nil)
        // A file changed in place gets a new stamp.
        let before = folder.stamp(of: "cases/a.html")
        try Data("changed by hand".utf8).write(to: URL(fileURLWithPath: root + "/cases/a.html"))
        #expect(folder.stamp(of: "cases/a.html") != before)
        #expect(OpenFolder(root + "/index.html") == nil)
    }
}
