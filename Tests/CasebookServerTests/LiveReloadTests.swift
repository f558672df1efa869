import CasebookKit
import Foundation
import Testing
@testable import CasebookServer

@Suite struct LiveReloadTests {
    @Test func aRebuildThatChangedNothingDoesNotReload() async {
        let state = LiveReload()
        await state.succeeded(changedSite: true)
        let built = await state.generation
        await state.succeeded(changedSite: false)
        #expect(await state.generation == built, "pages stay as they are")
        await state.succeeded(changedSite: true)
        #expect(await state.generation == built + 1)
    }

    @Test func aRebuildThatChangedNothingStillClearsAFailure() async {
        let state = LiveReload()
        await state.failed([.error(Message(.noCaseFiles, "Content/cases"), at: nil)])
        let failed = await state.generation
        #expect(await state.failure != nil)
        await state.succeeded(changedSite: false)
        let (generation, failure) = await state.snapshot()
        #expect(generation == failed + 1 && failure == nil, "the overlay goes")
    }

    @Test func theWatcherDoesNotSeeHiddenFiles() throws {
        let root = NSTemporaryDirectory() + "casebook-watch-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/cases", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: root) }
        #expect(fm.createFile(atPath: root + "/cases/x.md", contents: Data("正文".utf8)))
        let watcher = SourceWatcher(folders: [root])
        let before = watcher.fingerprint()
        #expect(Array(before.keys) == [root + "/cases/x.md"])
        try fm.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        for file in ["cases/.x.md.swp", "cases/.#x.md", ".DS_Store", ".git/index"] {
            #expect(fm.createFile(atPath: root + "/" + file, contents: Data("1".utf8)))
        }
        #expect(watcher.fingerprint() == before)
        #expect(fm.createFile(atPath: root + "/cases/y.md", contents: Data("正文".utf8)))
        #expect(watcher.fingerprint() != before)
    }
}
