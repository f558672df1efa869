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
        #expect(try OutputRecovery.recover(destination: parent + "/output") == .untouched)
        let writer = try OutputWriter(destination: parent + "/output")
        #expect(!FileManager.default.fileExists(atPath: parent + "/.output.staging-999999"))
        try writer.write("a/b.html", "x")
        #expect(throws: OutputError.self) { try writer.write("../escape.html", "x") }
        #expect(!FileManager.default.fileExists(atPath: parent + "/output/a/b.html"))
        try writer.commit()
        #expect(FileManager.default.fileExists(atPath: parent + "/output/a/b.html"))
        #expect(!FileManager.default.fileExists(atPath: parent + "/escape.html"))
    }

    @Test func textIsWrittenAsItsUTF8() throws {
        let parent = Repo.temporaryDirectory()
        let writer = try OutputWriter(destination: parent + "/output")
        let small = "街道", large = String(repeating: "社区党建工作指导 — 1999年\n", count: 4096)
        var bridged = NSString(string: large) as String   // not necessarily native: made contiguous first
        bridged += ""
        for (name, text) in [("small.html", small), ("large.html", large), ("bridged.html", bridged)] { try writer.write(name, text) }
        try writer.commit()
        for (name, text) in [("small.html", small), ("large.html", large), ("bridged.html", bridged)] {
            #expect(FileManager.default.contents(atPath: parent + "/output/" + name) == Data(text.utf8), "\(name)")
        }
        #expect(FileContents(large).hash == ContentHash(Array(large.utf8)))
    }

    /// A file given in pieces is written as their bytes in order, and an update that makes the same bytes
    /// in other pieces leaves it alone.
    @Test func piecesAreWrittenInOrderAndComparedByTheirBytes() throws {
        let parent = Repo.temporaryDirectory()
        let page = "<main>街道社区</main>"
        var pieces = FileContents()
        pieces.append(page.prefix(6))
        pieces.append(FileBytes(Array("街道".utf8)))
        pieces.append(page.dropFirst(8))
        let first = try OutputWriter(destination: parent + "/output")
        try first.write("print.html", pieces)
        try first.commit()
        #expect(FileManager.default.contents(atPath: parent + "/output/print.html") == Data(page.utf8))
        let second = try OutputWriter(destination: parent + "/output", previous: first.outputs)
        var whole = FileContents()
        whole.append(Substring(page))
        try second.write("print.html", whole)
        #expect(second.writtenCount == 0)
        #expect(throws: OutputError.self) { try second.write("../print.html", whole) }
    }

    @Test func anUpdateStagesOnlyChangedFilesAndCommitsThroughTheJournal() throws {
        let parent = Repo.temporaryDirectory()
        let first = try OutputWriter(destination: parent + "/output")
        try first.write("same.html", "same")
        try first.write("changed.html", "old")
        try first.write("gone.html", "gone")
        try first.commit()

        let update = try OutputWriter(destination: parent + "/output", previous: first.outputs)
        #expect(update.isUpdate)
        try update.write("same.html", "same")
        try update.write("changed.html", "new")
        try update.write("new/page.html", "new")
        #expect(update.writtenCount == 2, "an unchanged file is not written again")
        #expect(try String(contentsOfFile: parent + "/output/changed.html", encoding: .utf8) == "old", "nothing moves before the commit")
        try update.commit()
        #expect(try String(contentsOfFile: parent + "/output/changed.html", encoding: .utf8) == "new")
        #expect(FileManager.default.fileExists(atPath: parent + "/output/new/page.html"))
        #expect(!FileManager.default.fileExists(atPath: parent + "/output/gone.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["output"])
    }

    @Test func aCommittedJournalLeftByAKilledBuildIsFinishedByTheNextOne() throws {
        let parent = Repo.temporaryDirectory()
        let first = try OutputWriter(destination: parent + "/output")
        try first.write("page.html", "old")
        try first.write("gone.html", "gone")
        try first.commit()
        // A build that committed its journal, then died before applying it.
        let staging = parent + "/.output.staging-999998"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try "new".write(toFile: staging + "/page.html", atomically: false, encoding: .utf8)
        try OutputJournal.commit(staging: staging, moves: ["page.html"], deletions: ["gone.html"])
        // A staging folder without a journal (killed before committing) is dropped, its files unused.
        let uncommitted = parent + "/.output.staging-999997"
        try FileManager.default.createDirectory(atPath: uncommitted, withIntermediateDirectories: true)
        try "half".write(toFile: uncommitted + "/page.html", atomically: false, encoding: .utf8)

        #expect(try OutputRecovery.recover(destination: parent + "/output") == .repaired)
        #expect(try String(contentsOfFile: parent + "/output/page.html", encoding: .utf8) == "new")
        #expect(!FileManager.default.fileExists(atPath: parent + "/output/gone.html"))
        #expect(!FileManager.default.fileExists(atPath: staging))
        #expect(!FileManager.default.fileExists(atPath: uncommitted))
        #expect(try OutputRecovery.recover(destination: parent + "/output") == .untouched)
    }

    @Test func aJournalKilledHalfwayIsFinishedAndAMissingOutputComesBackFromItsOldFolder() throws {
        let parent = Repo.temporaryDirectory()
        let first = try OutputWriter(destination: parent + "/output")
        try first.write("a.html", "old a")
        try first.write("b.html", "old b")
        try first.commit()
        // The journal's first move was done before the kill; the second was not.
        let staging = parent + "/.output.staging-999996"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try "new b".write(toFile: staging + "/b.html", atomically: false, encoding: .utf8)
        try "new a".write(toFile: parent + "/output/a.html", atomically: false, encoding: .utf8)
        try OutputJournal.commit(staging: staging, moves: ["a.html", "b.html"], deletions: [])
        #expect(try OutputRecovery.recover(destination: parent + "/output") == .repaired)
        #expect(try String(contentsOfFile: parent + "/output/a.html", encoding: .utf8) == "new a")
        #expect(try String(contentsOfFile: parent + "/output/b.html", encoding: .utf8) == "new b")
        // A fresh build killed between its two renames: output/ is gone, the old site is beside it.
        try FileManager.default.moveItem(atPath: parent + "/output", toPath: parent + "/.output.old-999995")
        #expect(try OutputRecovery.recover(destination: parent + "/output") == .repaired)
        #expect(try String(contentsOfFile: parent + "/output/b.html", encoding: .utf8) == "new b")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["output"])
    }

    @Test func aMoveThatFailsIsAnErrorNamingThePathAndTheJournalStays() throws {
        let parent = Repo.temporaryDirectory()
        let staging = parent + "/.output.staging-999994"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: parent + "/output", withIntermediateDirectories: true)
        try "x".write(toFile: staging + "/page.html", atomically: false, encoding: .utf8)
        // A folder where the file should go: rename(2) refuses to put a file over it.
        try FileManager.default.createDirectory(atPath: parent + "/output/page.html/inner", withIntermediateDirectories: true)
        try OutputJournal.commit(staging: staging, moves: ["page.html"], deletions: [])
        #expect {
            try OutputRecovery.recover(destination: parent + "/output")
        } throws: { error in
            "\(error)".contains("output/page.html")
        }
        #expect(FileManager.default.fileExists(atPath: staging + "/" + OutputJournal.name))
    }

    @Test func theGuardRefusesFoldersABuildMustNotReplace() throws {
        let parent = Repo.temporaryDirectory()
        let content = parent + "/Content", templates = parent + "/Templates", foreign = parent + "/photos"
        for folder in [content, templates, foreign] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try "x".write(toFile: foreign + "/a.jpg", atomically: false, encoding: .utf8)
        try "x".write(toFile: parent + "/file.txt", atomically: false, encoding: .utf8)
        let protected: [(path: String, name: MessageKey)] = [(path: content, name: .contentFolder), (path: templates, name: .templatesFolder), (path: parent + "/work", name: .workingFolder)]
        for refused in [content, templates, parent, parent + "/work", parent + "/file.txt", foreign, content + "/cases/out", templates + "/out", "/"] {
            #expect(OutputGuard.refusal(output: refused, protected: protected) != nil, "\(refused)")
        }
        for allowed in [parent + "/output", parent + "/work/output", content + "/out"] {
            #expect(OutputGuard.refusal(output: allowed, protected: protected) == nil, "\(allowed)")
        }
        // A folder the last build made (its manifest is beside it) may be replaced.
        let made = parent + "/site"
        try FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
        try "x".write(toFile: made + "/index.html", atomically: false, encoding: .utf8)
        #expect(OutputGuard.refusal(output: made, protected: protected) != nil)
        try FileManager.default.createDirectory(atPath: parent + "/.site.cache", withIntermediateDirectories: true)
        try "m".write(toFile: parent + "/.site.cache/store.log", atomically: false, encoding: .utf8)
        #expect(OutputGuard.refusal(output: made, protected: protected) == nil)
        // So may one that holds the marker every site has, its cache deleted.
        try FileManager.default.removeItem(atPath: parent + "/.site.cache")
        try "x".write(toFile: made + "/" + SitePaths.marker, atomically: false, encoding: .utf8)
        #expect(OutputGuard.refusal(output: made, protected: protected) == nil)
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
