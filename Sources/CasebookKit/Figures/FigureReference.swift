import Foundation

/// Finds the prose's mentions of figures: `图` and a figure number, `图 1-1`, `图1-1`, `图 1 - 1`, `图3`.
///
/// The rule (documented in the editors' guide): a mention of a figure this case has is linked to it,
/// whatever surrounds it. A mention of a figure it does not have is a reference only when it says so,
/// `见图 3-1` (or 参见、详见、如图) or `图 3-1 所示`, and then it is a warning; a bare `图 3-1` of
/// another book or `蓝图2001-2005` is plain text. `\图 3-1` is always plain text.
public enum FigureReference {
    /// One mention in a text: the figure id it names (`1-1`), its range in the text, and whether it is
    /// worded as a reference to a figure of this case (`见图 1-1`, `图 1-1 所示`).
    public struct Match: Equatable, Sendable {
        public var id: String
        public var range: Range<String.Index>
        public var explicit: Bool
    }

    /// Every mention in `text`, in order. Spaces around a dash may be ASCII or ideographic; the dash may be
    /// `-`, `－`, `–` or `—`; an id has one to three numbers.
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
                guard let first = digits(bytes, &cursor) else { index = start + marker.count; continue }
                var numbers = [first]
                while numbers.count < 3 {
                    var next = cursor
                    skipSpaces(bytes, &next)
                    guard let dash = dashes.first(where: { has($0, in: bytes, at: next) }) else { break }
                    next += dash.count
                    skipSpaces(bytes, &next)
                    guard let number = digits(bytes, &next) else { break }
                    numbers.append(number)
                    cursor = next
                }
                var after = cursor
                skipSpaces(bytes, &after)
                let explicit = prefixes.contains { start >= $0.count && has($0, in: bytes, at: start - $0.count) }
                    || has(shown, in: bytes, at: after)
                let range = utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: cursor)
                result.append(Match(id: numbers.map(String.init).joined(separator: "-"), range: range, explicit: explicit))
                index = cursor
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
    /// Words before `图` that make a mention a reference: 见 (参见、详见), 如 (如图).
    private static let prefixes = [Array("见".utf8), Array("如".utf8)]
    /// The word after a figure number that makes a mention a reference: 所示.
    private static let shown = Array("所示".utf8)
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

    /// The number at `cursor` without leading zeros (`01` is `1`), or nil when there is none or it does not fit an `Int`
    /// (then the cursor stays).
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> Int? {
        let begin = cursor
        while cursor < bytes.count, (48...57).contains(bytes[cursor]) { cursor += 1 }
        guard let number = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<cursor]), as: UTF8.self)) else {
            cursor = begin
            return nil
        }
        return number
    }
}
