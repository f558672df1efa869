/// A position in an editor's file: the path as the editor knows it, and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// The same file, `lines` further down (used to map a block's inner lines to the file).
    public func offset(lines: Int, column newColumn: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line + lines, column: newColumn ?? column)
    }
}
