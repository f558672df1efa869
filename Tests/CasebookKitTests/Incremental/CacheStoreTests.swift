import Foundation
import Testing
@testable import CasebookKit

/// The one store of the incremental state: what it hands back is what was put, or nothing.
@Suite struct CacheStoreTests {
    private func open(_ directory: String, fresh: Bool = false) throws -> CacheStore {
        try #require(CacheStore(directory: directory, fresh: fresh))
    }

    private func fill(_ directory: String) throws -> [String: [UInt8]] {
        let store = try open(directory)
        var values: [String: [UInt8]] = [:]
        for number in 0..<50 {
            let value = Array("第\(number)个案例：42%".utf8) + [UInt8](repeating: UInt8(number), count: 200)
            values["case-\(number)"] = value
            store.put(.caseHTML, "case-\(number)", value)
        }
        store.commit()
        return values
    }

    @Test func valuesComeBackAfterReopeningAndTheLastRecordWins() throws {
        let directory = Repo.temporaryDirectory()
        var values = try fill(directory)
        let store = try open(directory)
        store.put(.caseHTML, "case-3", Array("新的".utf8))
        store.remove(.caseHTML, "case-4")
        // A value put in this build reads back before the commit, from the file rather than the mapping.
        #expect(store.value(.caseHTML, "case-3")?.array == Array("新的".utf8))
        store.commit()
        values["case-3"] = Array("新的".utf8)
        values["case-4"] = nil
        let reopened = try open(directory)
        for (name, value) in values { #expect(reopened.value(.caseHTML, name)?.array == value) }
        #expect(reopened.value(.caseHTML, "case-4") == nil)
        #expect(reopened.value(.caseText, "case-3") == nil)
        #expect(reopened.length(.caseHTML, "case-5") == values["case-5"]?.count)
        #expect(Set(reopened.names(.caseHTML)) == Set(values.keys))
    }

    /// A killed build's records (no commit after them) are cut off; so is a failed write's tail.
    @Test func recordsWithoutACommitAreDropped() throws {
        let directory = Repo.temporaryDirectory()
        let values = try fill(directory)
        let killed = try open(directory)
        killed.put(.caseHTML, "case-1", [9, 9, 9])
        killed.put(.caseHTML, "new", [1])
        let sizes = try [killed.path, killed.blobsPath].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int ?? 0 }
        let reopened = try open(directory)
        #expect(reopened.value(.caseHTML, "case-1")?.array == values["case-1"])
        #expect(reopened.value(.caseHTML, "new") == nil)
        let cut = try [killed.path, killed.blobsPath].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int ?? 0 }
        #expect(cut[0] < sizes[0] && cut[1] < sizes[1])
    }

    /// Whatever happens to either file — cut anywhere, zeroed, garbled, one bit flipped anywhere — every
    /// value the store hands back is one that was put; none is a damaged one. Heads (kept in `store.log`)
    /// and bodies (in `blobs.log`) alike.
    @Test func aDamagedFileNeverHandsBackDamagedBytes() throws {
        let directory = Repo.temporaryDirectory()
        let values = try fill(directory)
        let filling = try open(directory)
        for (name, value) in values { filling.put(.caseHead, name, Array(value.prefix(40))) }
        filling.commit()
        let files = [CacheStore.fileName, CacheStore.blobsName].map { directory + "/" + $0 }
        let originals = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        // Opening a damaged store cuts both files back: each trial starts from the undamaged pair.
        func restore() throws { for (path, data) in zip(files, originals) { try data.write(to: URL(fileURLWithPath: path)) } }
        for path in files {
            let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            var damages: [[UInt8]] = [[], [UInt8](repeating: 0, count: written.count),
                                      (0..<written.count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }]
            for cut in stride(from: 1, to: written.count, by: 97) { damages.append(Array(written.prefix(cut))) }
            for at in stride(from: 0, to: written.count, by: 13) {
                var flipped = written
                flipped[at] ^= 0x10
                damages.append(flipped)
            }
            for damaged in damages {
                try restore()
                try Data(damaged).write(to: URL(fileURLWithPath: path))
                let store = try open(directory)
                for (name, value) in values {
                    if let got = store.value(.caseHTML, name) { #expect(got.array == value) }
                    if let got = store.value(.caseHead, name) { #expect(got.array == Array(value.prefix(40))) }
                }
            }
            // Undamaged, it gives every value.
            try restore()
            let store = try open(directory)
            #expect(values.allSatisfy { store.value(.caseHTML, $0.key)?.array == $0.value })
        }
    }

    /// Another generator's file, or a fresh start, holds nothing.
    @Test func anotherGeneratorsStoreIsStartedAnew() throws {
        let directory = Repo.temporaryDirectory()
        _ = try fill(directory)
        #expect(try #require(CacheStore(directory: directory, generator: "casebook 0.0.1")).names(.caseHTML).isEmpty)
        _ = try fill(directory)
        #expect(try open(directory, fresh: true).names(.caseHTML).isEmpty)
    }

    /// When more than half the file is dead records (and it is over the floor), a commit rewrites it with
    /// the live ones alone, which read back the same.
    @Test func aFileOfMostlyDeadRecordsIsCompacted() throws {
        let directory = Repo.temporaryDirectory()
        let big = [UInt8](repeating: 7, count: CacheStore.compactionFloor / 4)
        for round in 0..<12 {
            let store = try open(directory)
            store.put(.printArticle, "page\u{1}a", big + [UInt8(round)])
            store.put(.caseHead, "b", [UInt8(round)])
            store.commit()
        }
        let size = try [CacheStore.fileName, CacheStore.blobsName].reduce(0) {
            $0 + (try FileManager.default.attributesOfItem(atPath: directory + "/" + $1)[.size] as? Int ?? 0)
        }
        // Without compaction it would hold twelve; with it, at most what the floor lets pile up, and one more.
        #expect(size < CacheStore.compactionFloor + 2 * big.count)
        let store = try open(directory)
        #expect(store.value(.printArticle, "page\u{1}a")?.array == big + [11])
        #expect(store.value(.caseHead, "b")?.array == [11])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [CacheStore.blobsName, CacheStore.fileName])
    }

    /// Records put from many threads at once all come back.
    @Test func concurrentPutsAllLand() throws {
        let directory = Repo.temporaryDirectory()
        let store = try open(directory)
        DispatchQueue.concurrentPerform(iterations: 200) { number in
            store.put([(.caseHead, "c\(number)", Array("\(number)".utf8)), (.caseHTML, "c\(number)", [UInt8](repeating: 1, count: number + 1))])
        }
        store.commit()
        let reopened = try open(directory)
        #expect((0..<200).allSatisfy { reopened.value(.caseHead, "c\($0)")?.array == Array("\($0)".utf8) })
        #expect((0..<200).allSatisfy { reopened.length(.caseHTML, "c\($0)") == $0 + 1 })
    }

    /// A store with another link to it (a project copied with `cp -al`) is copied before it is changed:
    /// the other link keeps its bytes.
    @Test func aHardLinkedStoreIsNotChangedInPlace() throws {
        let directory = Repo.temporaryDirectory()
        let values = try fill(directory)
        let path = directory + "/" + CacheStore.fileName, other = directory + "/elsewhere.log"
        #expect(link(path, other) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        let store = try open(directory)
        store.put(.caseHTML, "case-1", [1])
        store.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        #expect(try open(directory).value(.caseHTML, "case-1")?.array == [1])
        #expect(try open(directory).value(.caseHTML, "case-2")?.array == values["case-2"])
    }

    @Test func temporaryFilesOfKilledBuildsAreRemoved() throws {
        let directory = Repo.temporaryDirectory()
        for name in ["store.log.tmp-123", "store.log", "tmp-notes"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        FileWriting.removeLeftovers(in: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["store.log", "tmp-notes"])
    }
}
