import Foundation
import Testing
@testable import CasebookKit

/// A cache file that is not as it was written reads as absent, whatever the damage.
@Suite struct CacheFileTests {
    static func damaged(_ bytes: [UInt8]) -> [[UInt8]] {
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        return [Array(bytes.prefix(bytes.count / 2)), [UInt8](repeating: 0, count: bytes.count),
                (0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }, flipped, []]
    }

    @Test func everyDamageMakesTheFileReadAsAbsent() throws {
        let directory = Repo.temporaryDirectory()
        let path = directory + "/part.bin"
        let payload = Array("第一部分的内容：42%".utf8) + [UInt8](repeating: 7, count: 1000)
        try CacheFile.replace(path, payload)
        #expect(CacheFile.read(path)?.array == payload)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for bytes in Self.damaged(written) {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(CacheFile.read(path) == nil)
        }
    }

    @Test func eachPartOfASectionedFileIsCheckedWhenReadAlone() throws {
        let directory = Repo.temporaryDirectory()
        let path = directory + "/case.bin"
        let parts: [[UInt8]] = [Array("head".utf8), Array("<p>42%</p>".utf8), Array("blocks".utf8)]
        try CacheFile.replace(path, SectionedFile.join(parts))
        #expect(SectionedFile.read(path, part: 1) == parts[1])
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // One bit of the second part's text: "42" becomes "52" — that part reads as absent, the others still read.
        let at = bytes.indices.first { bytes[$0] == UInt8(ascii: "4") && bytes[$0 + 1] == UInt8(ascii: "2") }!
        bytes[at] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(SectionedFile.read(path, part: 1) == nil)
        #expect(SectionedFile.read(path, part: 0) == parts[0])
        #expect(SectionedFile.readAll(path) == nil)
    }

    @Test func temporaryFilesOfKilledBuildsAreRemoved() throws {
        let directory = Repo.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/cases", withIntermediateDirectories: true)
        for name in ["cases/a.bin.tmp-123", "heads.bin.tmp-9", "cases/a.bin", "cases/tmp-notes"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        CacheFile.removeLeftovers(in: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/cases").sorted() == ["a.bin", "tmp-notes"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["cases"])
    }
}
