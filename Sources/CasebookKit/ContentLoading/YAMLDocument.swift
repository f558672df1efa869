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
            throw .error(Message(.yamlUnreadable, "\(error)"), at: SourceLocation(file: file, line: firstLine))
        }
        guard let node else { root = Node.Mapping([]); return }
        guard case let .mapping(mapping) = node else {
            throw .error(Message(.expectedKeyValue), at: Self.location(node.mark, file: file, firstLine: firstLine, columnOffset: columnOffset))
        }
        root = mapping
    }

    /// libyaml's words for the problems editors meet most, as the table's words; others are shown as libyaml says them.
    static let libyamlProblems: [(String, MessageKey)] = [
        ("mapping values are not allowed", .yamlMappingValues), ("could not find expected ':'", .yamlExpectedColon),
        ("did not find expected key", .yamlExpectedKey), ("found character that cannot start any token", .yamlBadCharacter),
        ("found unexpected end of stream", .yamlUnexpectedEnd), ("did not find expected ',' or ']'", .yamlExpectedCloseBracket),
        ("did not find expected ',' or '}'", .yamlExpectedCloseBrace), ("did not find expected '-' indicator", .yamlExpectedDash),
        ("found duplicate key", .yamlDuplicateKey),
    ]
    /// libyaml's words for what it was reading when it stopped.
    static let libyamlContexts: [(String, MessageKey)] = [
        ("while parsing a flow sequence", .yamlInFlowSequence), ("while parsing a flow mapping", .yamlInFlowMapping),
        ("while scanning a quoted scalar", .yamlInQuoted), ("while parsing a block mapping", .yamlInBlockMapping),
        ("while scanning a simple key", .yamlInSimpleKey),
    ]

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
            var message = Message(.yamlSyntax, arguments: [Self.libyamlProblems.first { problem.hasPrefix($0.0) }.map { .word($0.1) } ?? .text(problem)])
            if let context {
                message = message + (Self.libyamlContexts.first { context.text.hasPrefix($0.0) }.map { Message($0.1) } ?? Message(.yamlWhile, context.text))
            }
            let opening = context.flatMap { context -> Mark? in
                ["flow", "quoted", "scalar"].contains(where: context.text.contains) ? context.mark : nil
            }
            let cause = opening ?? mark
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            if cause.line >= 1, cause.line <= lines.count {
                message = message + Message(.yamlShownLine, String(lines[cause.line - 1]))
            }
            return .error(message, at: location(cause, file: file, firstLine: firstLine, columnOffset: columnOffset),
                          suggestion: Message(problem.contains("duplicate") ? .yamlDuplicateKeyFix : opening != nil ? .yamlUnclosedFix : .yamlGeneralFix))
        case let .reader(problem, _, _, _):
            return .error(Message(.yamlUnreadable, problem), at: SourceLocation(file: file, line: firstLine))
        default:
            return .error(Message(.yamlUnreadable, "\(error)"), at: SourceLocation(file: file, line: firstLine))
        }
    }
}

/// Typed reads of YAML nodes; each failure is a diagnostic at the node.
extension YAMLDocument {
    /// The text of a scalar (numbers and dates are read as written).
    public func string(_ node: Node, key: String) throws(Diagnostic) -> String {
        guard case let .scalar(scalar) = node else {
            throw .error(Message(.notScalar, key), at: location(of: node))
        }
        if let control = scalar.string.unicodeScalars.first(where: ControlCharacters.isControl) {
            throw .error(Message(.controlInValue, key, ControlCharacters.escaped(String(control))),
                         at: location(of: node), suggestion: Message(.controlInValueFix))
        }
        return scalar.string
    }

    /// A whole number within `range`.
    public func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws(Diagnostic) -> Int {
        let text = try string(node, key: key)
        guard let value = Int(text.trimmingWhitespace()), range.contains(value) else {
            throw .error(Message(.wholeNumber, key, String(range.lowerBound), String(range.upperBound), text), at: location(of: node))
        }
        return value
    }

    /// `true` or `false`.
    public func boolean(_ node: Node, key: String) throws(Diagnostic) -> Bool {
        let text = try string(node, key: key).lowercased()
        switch text {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw .error(Message(.trueOrFalse, key, text), at: location(of: node))
        }
    }

    /// A list of single values; a single value counts as a list of one.
    public func stringList(_ node: Node, key: String) throws(Diagnostic) -> [String] {
        switch node {
        case let .sequence(sequence): return try sequence.map { item throws(Diagnostic) in try string(item, key: key) }
        case .scalar: return [try string(node, key: key)]
        default: throw .error(Message(.notList, key), at: location(of: node))
        }
    }

    /// Keys in order, with an error for each key that is not known (suggesting the closest known one).
    public func checkedPairs(_ mapping: Node.Mapping, known: [String], context: MessageKey) -> (pairs: [(key: String, value: Node, keyNode: Node)], diagnostics: [Diagnostic]) {
        var pairs: [(key: String, value: Node, keyNode: Node)] = []
        var diagnostics: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            if known.contains(key) {
                pairs.append((key, value, keyNode))
            } else {
                let suggestion = Suggestion.didYouMean(key, in: known) ?? Message(.knownKeys, known.joined(separator: ", "))
                diagnostics.append(.error(Message(.unknownKey, arguments: [.text(key), .word(context)]), at: location(of: keyNode), suggestion: suggestion))
            }
        }
        return (pairs, diagnostics)
    }
}
