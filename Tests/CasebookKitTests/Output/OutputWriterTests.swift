import Foundation
import Testing
@testable import CasebookKit

@Suite struct OutputWriterTests {
    @Test func pathsThatLeaveTheFolderAreRefused() {
        for bad in ["../x.html", "/etc/passwd", "a/../../x", "a\\b", "a\0b", "", "a//b", "./a"] {
            #expect(!OutputWriter.isSafe(bad), "\(bad) should be refused")
        }
        for good in ["index.html", "cases/tangqiao.html", "tags/0123abcd.html"] { #expect(OutputWriter.isSafe(good)) }
    }

    @Test func stagedFilesAppearOnlyOnCommitAndStaleStagingIsCleaned() throws {
        let parent = Repo.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: parent + "/.output.staging-999999", withIntermediateDirectories: true)
        let writer = try OutputWriter(destination: parent + "/output")
        #expect(!FileManager.default.fileExists(atPath: parent + "/.output.staging-999999"))
        try writer.write("a/b.html", "x")
        #expect(throws: OutputError.self) { try writer.write("../escape.html", "x") }
        #expect(!FileManager.default.fileExists(atPath: parent + "/output/a/b.html"))
        try writer.commit()
        #expect(FileManager.default.fileExists(atPath: parent + "/output/a/b.html"))
        #expect(!FileManager.default.fileExists(atPath: parent + "/escape.html"))
    }

    @Test func freeTextNamesBecomeSafeFileNames() {
        for name in ["../../etc", "a/b", "社区服务", "\0"] {
            #expect(OutputWriter.isSafe(SitePaths.tag(name)))
        }
        #expect(SitePaths.tag("社区服务") == SitePaths.tag("社区服务"))
        #expect(SitePaths.root(of: "cases/x.html") == "../")
        #expect(SitePaths.root(of: "index.html") == "")
    }
}
