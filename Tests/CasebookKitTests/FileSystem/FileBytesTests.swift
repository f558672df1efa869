import Foundation
import Testing
@testable import CasebookKit

@Suite struct FileBytesTests {
    @Test func aMappedFileReadsAsItsBytesAndKeepsThemWhenReplaced() throws {
        let path = Repo.temporaryDirectory() + "/mapped.bin"
        let bytes = Array("街道社区党建工作指导".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let mapped = try #require(FileBytes(contentsOf: path))
        #expect(mapped.count == bytes.count)
        #expect(mapped.array == bytes)
        #expect(mapped[3..<9].array == Array(bytes[3..<9]))
        #expect(mapped[3..<9][0..<3].array == Array(bytes[3..<6]))
        #expect(mapped[3..<9].sameBytes(as: FileBytes(Array(bytes[3..<9]))))
        #expect(!mapped[3..<9].sameBytes(as: mapped[6..<12]))
        // A file replaced by renaming (as the cache store is compacted): a mapping keeps the old file.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path), options: .atomic)
        #expect(mapped.array == bytes)
        #expect(FileBytes(contentsOf: path, populate: false)?.array == [1, 2, 3])
    }

    @Test func anEmptyOrMissingFile() throws {
        let path = Repo.temporaryDirectory() + "/empty.bin"
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(FileBytes(contentsOf: path)?.count == 0)
        #expect(FileBytes(contentsOf: path + ".missing") == nil)
        #expect(FileBytes([]).sameBytes(as: .empty))
    }

    @Test func aReaderTakesArraysOfBytesWithoutCopying() throws {
        var writer = RawBytes.Writer()
        writer.append([UInt32(7), 8])
        writer.append(bytes: FileBytes(Array("丙丁".utf8)))
        var reader = RawBytes.Reader(FileBytes(writer.bytes))
        #expect(reader.read(UInt32.self) == [7, 8])
        #expect(reader.readBytes()?.array == Array("丙丁".utf8))
        #expect(reader.isAtEnd)
        #expect(reader.readBytes() == nil)
    }
}
