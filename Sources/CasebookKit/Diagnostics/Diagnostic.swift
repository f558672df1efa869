/// One finding about the content: an error stops the build, a warning does not.
public struct Diagnostic: Sendable, Hashable, Codable, Error {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: Message
    /// A concrete fix the editor can apply, when one is known.
    public var suggestion: Message?

    public init(_ severity: Severity = .error, at location: SourceLocation?, _ message: Message, suggestion: Message? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.suggestion = suggestion
    }

    public static func error(_ message: Message, at location: SourceLocation?, suggestion: Message? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, suggestion: suggestion)
    }

    public static func warning(_ message: Message, at location: SourceLocation?, suggestion: Message? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, suggestion: suggestion)
    }

    /// The stable code of this kind of diagnostic (see `MessageKey`).
    public var code: String { message.code }

    /// Compiler style, in Chinese: `Content/cases/x.md:12:3: 错误：message` with the fix on a `提示：` line.
    public var formatted: String { formatted(.chinese) }

    /// Compiler style in `language`; the position stays `file:line:column: ` so problem matchers keep working.
    public func formatted(_ language: Language) -> String {
        var text = ""
        if let location { text += "\(ControlCharacters.escaped(location.file)):\(location.line):\(location.column): " }
        let word = severity == .error ? MessageKey.severityError : .severityWarning
        let colon = language == .chinese ? "：" : ": "
        text += MessageTable.template(word, language) + colon + ControlCharacters.escaped(message.text(language))
        if let suggestion {
            text += "\n  " + MessageTable.template(.severityNote, language) + colon + ControlCharacters.escaped(suggestion.text(language))
        }
        return text
    }
}

/// A build or check that found errors; it carries every diagnostic found, errors and warnings.
public struct BuildFailure: Error, Sendable {
    /// What a failed build left in the output folder.
    public enum OutputState: Sendable {
        /// As the last finished build left it.
        case unchanged
        /// A whole site again: what a build stopped midway had begun was completed or undone first.
        case repaired
        /// Partly updated: the commit failed halfway; the next build completes it.
        case incomplete
    }

    public var diagnostics: [Diagnostic]
    public var output: OutputState
    public init(_ diagnostics: [Diagnostic], output: OutputState = .unchanged) {
        self.diagnostics = diagnostics
        self.output = output
    }
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, so output is stable whatever order the stages ran in.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            let ka = (la?.file ?? "", la?.line ?? 0, la?.column ?? 0)
            let kb = (lb?.file ?? "", lb?.line ?? 0, lb?.column ?? 0)
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
