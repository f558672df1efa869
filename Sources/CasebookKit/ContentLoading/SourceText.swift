/// Turns the bytes of an editor's file into text: UTF-8 with or without BOM, any line ending.
/// Anything else is refused with a message that names the likely encoding, so no page is built from garbled text.
public enum SourceText {
    /// Decodes `bytes` as UTF-8, dropping a BOM and normalising CRLF and lone CR to LF.
    public static func decode(_ bytes: [UInt8], file: String) throws(Diagnostic) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let order = utf16ByteOrder(body) {
            throw .error(Message(.utf16, order), at: SourceLocation(file: file), suggestion: Message(.utf16Fix, file))
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            let bad = firstInvalidUTF8(body) ?? body.startIndex
            let location = location(ofByte: bad, in: body, file: file)
            if looksLikeGB18030(body) {
                throw .error(Message(.gb18030), at: location, suggestion: Message(.gb18030Fix, file))
            }
            throw .error(Message(.notUTF8, String(bytes[bad], radix: 16, uppercase: true)), at: location, suggestion: Message(.saveAsUTF8))
        }
        if body.contains(0) {
            let nul = body.firstIndex(of: 0)!
            throw .error(Message(.nulByte), at: location(ofByte: nul, in: body, file: file))
        }
        return normaliseLineEndings(text)
    }

    /// The byte order of a UTF-16 file: by its byte order mark, or, without one, by the zero bytes that
    /// UTF-16 puts beside every ASCII character. Nil for anything else.
    static func utf16ByteOrder(_ bytes: ArraySlice<UInt8>) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        let sample = bytes.prefix(512)
        guard sample.count >= 8, sample.count % 2 == 0 else { return nil }
        let pairs = stride(from: sample.startIndex, to: sample.endIndex, by: 2).map { (sample[$0], sample[$0 + 1]) }
        let evenZeros = pairs.count { $0.0 == 0 }, oddZeros = pairs.count { $0.1 == 0 }
        if oddZeros * 2 >= pairs.count, evenZeros == 0 { return "UTF-16LE" }
        if evenZeros * 2 >= pairs.count, oddZeros == 0 { return "UTF-16BE" }
        return nil
    }

    /// `text` without the control characters an editor cannot see (all but tab and newline; a form feed
    /// or an escape pasted from a terminal), with a warning at the first of them on each line.
    public static func removingControlCharacters(_ text: String, file: String, firstLine: Int = 1) -> (String, [Diagnostic]) {
        guard text.unicodeScalars.contains(where: ControlCharacters.isControl) else { return (text, []) }
        var kept = String.UnicodeScalarView(), warnings: [Diagnostic] = []
        var line = firstLine, column = 1, warnedLine = 0
        for scalar in text.unicodeScalars {
            if ControlCharacters.isControl(scalar) {
                if warnedLine != line {
                    warnedLine = line
                    warnings.append(.warning(Message(.controlRemoved, ControlCharacters.escaped(String(scalar))), at: SourceLocation(file: file, line: line, column: column),
                                             suggestion: Message(.controlRemovedFix)))
                }
                continue
            }
            kept.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (String(kept), warnings)
    }

    /// CRLF and lone CR become LF.
    public static func normaliseLineEndings(_ text: String) -> String {
        var text = text
        let normalised = text.withUTF8 { bytes -> [UInt8]? in
            guard var index = bytes.firstIndex(of: 13) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            // Stretches without CR are copied whole; a CR becomes LF, and the LF after it is dropped.
            var copied = 0
            while index < bytes.count {
                guard bytes[index] == 13 else { index += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                out.append(10)
                index += 1
                if index < bytes.count, bytes[index] == 10 { index += 1 }
                copied = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
            return out
        }
        guard let out = normalised else { return text }
        return String(decoding: out, as: UTF8.self)
    }

    /// Index of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            if i + length > bytes.endIndex { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                let lo: UInt8 = k == 1 ? lower : 0x80, hi: UInt8 = k == 1 ? upper : 0xBF
                if c < lo || c > hi { return i }
            }
            i += length
        }
        return nil
    }

    /// True when the bytes parse as GB18030 (one-, two- and four-byte forms) and hold some double-byte characters.
    static func looksLikeGB18030(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex, doubleBytes = 0
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard (0x81...0xFE).contains(b), i + 1 < bytes.endIndex else { return false }
            let c = bytes[i + 1]
            if (0x40...0x7E).contains(c) || (0x80...0xFE).contains(c) {
                doubleBytes += 1; i += 2; continue
            }
            if (0x30...0x39).contains(c), i + 3 < bytes.endIndex,
               (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3]) {
                i += 4; continue
            }
            return false
        }
        return doubleBytes > 0
    }

    static func location(ofByte index: Int, in bytes: ArraySlice<UInt8>, file: String) -> SourceLocation {
        var line = 1, column = 1
        var i = bytes.startIndex
        while i < index {
            if bytes[i] == 10 { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
