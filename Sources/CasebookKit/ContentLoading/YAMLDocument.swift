import Foundation
import Yams

/// A YAML mapping read with Yams, keeping each node's position in the editor's file,
/// so type errors and unknown keys can name file, line and column.
public struct YAMLDocument {
    public let file: String
    /// File line of the YAML text's first line.
    public let firstLine: Int
    /// Columns to add to a YAML column (a figure block may be indented).
    public let columnOffset: Int
    public let root: Node.Mapping
    /// What was read as meant although not written so (see `YAMLTyping`); callers report them.
    public let warnings: [Diagnostic]

    /// Every plain scalar is a string: values are read as written, so Yams need not match each one against the
    /// patterns of numbers, booleans, dates and nulls (its duplicate-key check resolved every key's tag that way).
    static let resolver = Resolver.basic

    /// Composes `yaml` (the empty text is an empty mapping). Syntax errors become one diagnostic at the right place.
    public init(yaml: String, file: String, firstLine: Int, columnOffset: Int = 0) throws(Diagnostic) {
        self.file = file
        self.firstLine = firstLine
        self.columnOffset = columnOffset
        let typed = try YAMLTyping.normalise(yaml, file: file, firstLine: firstLine, columnOffset: columnOffset)
        warnings = typed.warnings
        let node: Node?
        do {
            // The encoding is named: Yams's default one reads the whole process environment on every parse.
            node = try Yams.compose(yaml: typed.yaml, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            throw Self.diagnostic(for: error, file: file, firstLine: firstLine, columnOffset: columnOffset, yaml: typed.yaml)
        } catch {
            throw .error("YAML could not be read: \(error)", at: SourceLocation(file: file, line: firstLine))
        }
        guard let node else { root = Node.Mapping([]); return }
        guard case let .mapping(mapping) = node else {
            throw .error("expected `key: value` lines here", at: Self.location(node.mark, file: file, firstLine: firstLine, columnOffset: columnOffset))
        }
        root = mapping
    }

    /// The file position of a node.
    public func location(of node: Node) -> SourceLocation {
        Self.location(node.mark, file: file, firstLine: firstLine, columnOffset: columnOffset)
    }

    static func location(_ mark: Mark?, file: String, firstLine: Int, columnOffset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: firstLine) }
        return SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column + columnOffset)
    }

    /// A syntax error at its cause: where an unclosed `[`, `{` or quote opens (libyaml's context mark) when
    /// it names one, else where libyaml noticed; the line's text is shown under the message.
    static func diagnostic(for error: YamlError, file: String, firstLine: Int, columnOffset: Int, yaml: String = "") -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "YAML syntax: \(problem)"
            if let context { message += " \(context.text)" }
            let opening = context.flatMap { context -> Mark? in
                ["flow", "quoted", "scalar"].contains(where: context.text.contains) ? context.mark : nil
            }
            let cause = opening ?? mark
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            if cause.line >= 1, cause.line <= lines.count {
                message += "\n  | " + lines[cause.line - 1]
            }
            return .error(message, at: location(cause, file: file, firstLine: firstLine, columnOffset: columnOffset),
                          suggestion: problem.contains("duplicate") ? "each key may appear only once"
                            : opening != nil ? "这里开始的 `[`、`{` 或引号没有配对：补上对应的 `]`、`}` 或引号"
                            : "check the indentation and that a value with `:` or `#` is quoted")
        case let .reader(problem, _, _, _):
            return .error("YAML could not be read: \(problem)", at: SourceLocation(file: file, line: firstLine))
        default:
            return .error("YAML could not be read: \(error)", at: SourceLocation(file: file, line: firstLine))
        }
    }
}

/// Typed reads of YAML nodes; each failure is a diagnostic at the node.
extension YAMLDocument {
    /// The text of a scalar (numbers and dates are read as written).
    public func string(_ node: Node, key: String) throws(Diagnostic) -> String {
        guard case let .scalar(scalar) = node else {
            throw .error("`\(key)` must be a single value, not a list or mapping", at: location(of: node))
        }
        if let control = scalar.string.unicodeScalars.first(where: ControlCharacters.isControl) {
            throw .error("`\(key)` 含有看不见的控制字符 \(ControlCharacters.escaped(String(control)))（多半来自 YAML 转义，如 \"\\e\"、\"\\0\"）",
                         at: location(of: node), suggestion: "删掉这个转义，或把值写成不带引号的普通文字")
        }
        return scalar.string
    }

    /// A whole number within `range`.
    public func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws(Diagnostic) -> Int {
        let text = try string(node, key: key)
        guard let value = Int(text.trimmingWhitespace()), range.contains(value) else {
            throw .error("`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(text)`", at: location(of: node))
        }
        return value
    }

    /// `true` or `false`.
    public func boolean(_ node: Node, key: String) throws(Diagnostic) -> Bool {
        let text = try string(node, key: key).lowercased()
        switch text {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw .error("`\(key)` must be true or false, not `\(text)`", at: location(of: node))
        }
    }

    /// A list of single values; a single value counts as a list of one.
    public func stringList(_ node: Node, key: String) throws(Diagnostic) -> [String] {
        switch node {
        case let .sequence(sequence): return try sequence.map { item throws(Diagnostic) in try string(item, key: key) }
        case .scalar: return [try string(node, key: key)]
        default: throw .error("`\(key)` must be a list such as [a, b]", at: location(of: node))
        }
    }

    /// Keys in order, with an error for each key that is not known (suggesting the closest known one).
    public func checkedPairs(_ mapping: Node.Mapping, known: [String], context: String) -> (pairs: [(key: String, value: Node, keyNode: Node)], diagnostics: [Diagnostic]) {
        var pairs: [(key: String, value: Node, keyNode: Node)] = []
        var diagnostics: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            if known.contains(key) {
                pairs.append((key, value, keyNode))
            } else {
                let suggestion = Suggestion.closest(to: key, in: known).map { "did you mean `\($0)`?" }
                    ?? "known keys are: \(known.joined(separator: ", "))"
                diagnostics.append(.error("unknown key `\(key)` in \(context)", at: location(of: keyNode), suggestion: suggestion))
            }
        }
        return (pairs, diagnostics)
    }
}
