/// What a Chinese input method puts into YAML, found line by line before libyaml reads it, so the editor
/// hears about it at its exact line and column in Chinese rather than as a libyaml phrase on another line:
///
/// - a full-width colon `：` after a key (`title：测试`, `能起表率作用：81`) is read as `:`, with a warning;
/// - an ideographic space (U+3000) or a no-break space (U+00A0) in the indentation or right after a key's
///   colon is read as a space, with a warning;
/// - a tab in the indentation is an error (YAML indents with spaces only);
/// - ` #` followed directly by text (`三项措施 #1 是重点`) starts a YAML comment that drops the rest of the
///   value: a warning says so.
///
/// Lines inside a block scalar (`summary: |`) are text and left alone.
enum YAMLTyping {
    struct Result {
        var yaml: String
        var warnings: [Diagnostic]
    }

    static let fullWidthColon: Character = "\u{FF1A}"
    static let wideSpaces: Set<Character> = ["\u{3000}", "\u{00A0}"]

    /// `yaml` with the input method's characters read as meant, and a warning for each; throws for a tab
    /// in the indentation. Positions are the file's (`firstLine`, `columnOffset`).
    static func normalise(_ yaml: String, file: String, firstLine: Int, columnOffset: Int) throws(Diagnostic) -> Result {
        guard yaml.contains(where: { $0 == fullWidthColon || $0 == "\t" || $0 == "#" || wideSpaces.contains($0) }) else {
            return Result(yaml: yaml, warnings: [])
        }
        var warnings: [Diagnostic] = []
        var lines: [String] = []
        var blockIndent: Int?   // the indentation of the key whose block scalar the lines belong to
        for (index, raw) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            func at(_ column: Int) -> SourceLocation {
                SourceLocation(file: file, line: firstLine + index, column: column + columnOffset)
            }
            var line = Array(raw)
            var indent = 0
            while indent < line.count, line[indent] == " " || line[indent] == "\t" || wideSpaces.contains(line[indent]) {
                if line[indent] == "\t" {
                    throw .error(Message(.tabIndent), at: at(indent + 1), suggestion: Message(.tabIndentFix))
                }
                if wideSpaces.contains(line[indent]) {
                    warnings.append(.warning(Message(.wideSpaceInIndent, arguments: [.word(name(of: line[indent]))]), at: at(indent + 1), suggestion: Message(.useASCIISpace)))
                    line[indent] = " "
                }
                indent += 1
            }
            if let open = blockIndent {
                if indent > open || line.allSatisfy({ $0 == " " }) { lines.append(String(line)); continue }
                blockIndent = nil
            }
            var start = indent
            if start + 1 < line.count, line[start] == "-", line[start + 1] == " " { start += 2 }
            guard start < line.count, line[start] != "#" else { lines.append(String(line)); continue }
            // The key's separator: an ASCII colon followed by a space or the end, outside quotes; else a full-width one.
            var separator = keySeparator(line, from: start)
            if separator == nil, line[start] != "\"", line[start] != "'", let wide = line[start...].firstIndex(of: fullWidthColon), wide > start {
                warnings.append(.warning(Message(.fullWidthColon), at: at(wide + 1), suggestion: Message(.fullWidthColonFix)))
                line[wide] = ":"
                if wide + 1 < line.count, line[wide + 1] != " " { line.insert(" ", at: wide + 1) }
                separator = wide
            }
            if let colon = separator {
                var value = colon + 1
                if value < line.count, wideSpaces.contains(line[value]) {
                    warnings.append(.warning(Message(.wideSpaceAfterColon, arguments: [.word(name(of: line[value]))]), at: at(value + 1), suggestion: Message(.useASCIISpace)))
                    line[value] = " "
                }
                while value < line.count, line[value] == " " { value += 1 }
                if value < line.count, line[value] == "|" || line[value] == ">" {
                    blockIndent = indent
                } else if value < line.count, line[value] != "\"", line[value] != "'", line[value] != "[", line[value] != "{",
                          let hash = commentStart(line, from: value) {
                    warnings.append(.warning(Message(.hashComment, String(line[value..<hash]).trimmingWhitespace()),
                                             at: at(hash + 1), suggestion: Message(.hashCommentFix)))
                }
            }
            lines.append(String(line))
        }
        return Result(yaml: lines.joined(separator: "\n"), warnings: warnings)
    }

    /// Where the ASCII colon that ends a key is: followed by a space or the line's end, not inside quotes.
    static func keySeparator(_ line: [Character], from start: Int) -> Int? {
        var quote: Character?
        for index in start..<line.count {
            let character = line[index]
            if let open = quote { if character == open { quote = nil }; continue }
            if index == start, character == "\"" || character == "'" { quote = character; continue }
            if character == ":", index + 1 == line.count || line[index + 1] == " " || wideSpaces.contains(line[index + 1]) { return index }
            if character == "#", index > start, line[index - 1] == " " { return nil }
        }
        return nil
    }

    /// Where a comment that looks like part of the value starts: ` #` followed directly by text.
    static func commentStart(_ line: [Character], from start: Int) -> Int? {
        for index in start..<line.count where line[index] == "#" && index > start && line[index - 1] == " " {
            return index + 1 < line.count && line[index + 1] != " " ? index : nil
        }
        return nil
    }

    static func name(of space: Character) -> MessageKey {
        space == "\u{3000}" ? .ideographicSpace : .noBreakSpace
    }
}
