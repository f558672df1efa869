import Foundation

/// Finds the prose's references to figures: `图 1-1`, `图1-1`, `图 1 - 1`, `见图 1-1`.
public enum FigureReference {
    /// One reference in a text: the figure id it names (`1-1`) and its range in the text.
    public struct Match: Equatable, Sendable {
        public var id: String
        public var range: Range<String.Index>
    }

    /// Every reference in `text`, in order. Spaces around the dash may be ASCII or ideographic; the dash may be `-`, `－`, `–` or `—`.
    public static func matches(in text: String) -> [Match] {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            // Reads UTF-8 bytes, not Characters: a case's text is almost all CJK, and walking it by grapheme was slow.
            let utf8 = text.utf8
            var result: [Match] = []
            var index = 0
            while let start = find(marker, in: bytes, from: index) {
                var cursor = start + marker.count
                skipSpaces(bytes, &cursor)
                if let major = digits(bytes, &cursor) {
                    let afterMajor = cursor
                    skipSpaces(bytes, &cursor)
                    if let dash = dashes.first(where: { has($0, in: bytes, at: cursor) }) {
                        cursor += dash.count
                        skipSpaces(bytes, &cursor)
                        if let minor = digits(bytes, &cursor) {
                            let range = utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: cursor)
                            result.append(Match(id: "\(major)-\(minor)", range: range))
                            index = cursor
                            continue
                        }
                    }
                    cursor = afterMajor
                }
                index = start + marker.count
            }
            return result
        } ?? []
    }

    /// The anchor of a figure on its page: `fig-1-1`.
    public static func anchor(for id: String) -> String { "fig-" + id }

    private static let marker = Array("图".utf8)

    /// Whether the NUL-terminated UTF-8 `text` could hold a reference: it has the marker `图`. Read in place,
    /// so that the many texts without one are not made into strings first.
    static func mayMatch(cString text: UnsafePointer<CChar>) -> Bool {
        markerCString.withUnsafeBufferPointer { strstr(text, $0.baseAddress!) != nil }
    }

    private static let markerCString: [CChar] = marker.map { CChar(bitPattern: $0) } + [0]
    private static let spaces = [Array(" ".utf8), Array("\u{3000}".utf8)]
    private static let dashes = ["-", "－", "–", "—"].map { Array($0.utf8) }

    private static func has(_ sequence: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        offset + sequence.count <= bytes.count && bytes[offset..<offset + sequence.count].elementsEqual(sequence)
    }

    private static func find(_ sequence: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        var i = offset
        while i + sequence.count <= bytes.count {
            if bytes[i] == sequence[0], has(sequence, in: bytes, at: i) { return i }
            i += 1
        }
        return nil
    }

    private static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) {
        while let space = spaces.first(where: { has($0, in: bytes, at: cursor) }) { cursor += space.count }
    }

    /// The number at `cursor` without leading zeros (`01` is `1`), or nil when there is none or it does not fit an `Int`.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> Int? {
        let begin = cursor
        while cursor < bytes.count, (48...57).contains(bytes[cursor]) { cursor += 1 }
        return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<cursor]), as: UTF8.self))
    }
}
