/// A file's bytes on their way to `output/`: the one form `OutputWriter` takes them in. They are pieces
/// written one after another, never joined into one buffer: a page's text, an index file's bytes, a copied
/// asset mapped from its file, a print page of a thousand cases as its template's text around the cases'
/// articles, some of them bytes of the mapped cache store.
struct FileContents: Sendable {
    enum Piece: Sendable {
        case text(Substring)
        case bytes(FileBytes)
        case array([UInt8])
    }

    private(set) var pieces: [Piece] = []

    /// No bytes yet.
    init() {}

    /// A text as its UTF-8 (a string not in contiguous UTF-8 is made so once, here).
    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()   // a native string already is: its bytes are written with no copy
        append(Substring(text))
    }

    /// Bytes made in memory, such as an index file.
    init(_ bytes: [UInt8]) {
        if !bytes.isEmpty { pieces.append(.array(bytes)) }
    }

    /// Bytes of a mapped file.
    init(_ bytes: FileBytes) {
        append(bytes)
    }

    /// The bytes of all pieces together.
    var count: Int {
        pieces.reduce(0) { total, piece in
            switch piece {
            case let .text(text): total + text.utf8.count
            case let .bytes(bytes): total + bytes.count
            case let .array(bytes): total + bytes.count
            }
        }
    }

    mutating func append(_ text: Substring) { if !text.isEmpty { pieces.append(.text(text)) } }
    mutating func append(_ bytes: FileBytes) { if bytes.count > 0 { pieces.append(.bytes(bytes)) } }

    /// Calls `body` with each piece's bytes in order, each valid only during its call.
    func forEachBuffer(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        for piece in pieces {
            switch piece {
            case var .text(text):
                // A substring of a native string is contiguous already: this copies nothing.
                try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
            case let .bytes(bytes):
                try bytes.withUnsafeBytes(body)
            case let .array(bytes):
                try bytes.withUnsafeBytes(body)
            }
        }
    }

    /// The pieces' bytes as one array (for tests and small files).
    var joined: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        forEachBuffer { out.append(contentsOf: $0) }
        return out
    }

    /// `ContentHash` of the joined bytes, computed piece by piece.
    var hash: ContentHash {
        var hasher = Hasher64()
        forEachBuffer { hasher.combine(raw: $0) }
        return ContentHash(value: hasher.finish())
    }
}
