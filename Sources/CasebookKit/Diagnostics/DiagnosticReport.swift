import Foundation

/// Prints diagnostics for people (compiler style plus a summary line) or for tools (JSON), in the
/// editor's language.
public enum DiagnosticReport {
    public static func text(_ diagnostics: [Diagnostic], _ language: Language = .chinese) -> String {
        diagnostics.sortedByLocation().map { $0.formatted(language) }.joined(separator: "\n")
    }

    public static func summary(_ diagnostics: [Diagnostic], files: Int, _ language: Language = .chinese) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return Message(.checkSummary, String(files), String(errors), String(diagnostics.count - errors)).text(language)
    }

    /// One object per diagnostic: `severity`, a stable `code` (the `MessageKey`), `location` (file, line, column),
    /// and `message` and `suggestion` in `language`.
    public static func json(_ diagnostics: [Diagnostic], files: Int, _ language: Language = .chinese) -> String {
        struct Entry: Encodable {
            var severity: Diagnostic.Severity
            var code: String
            var location: SourceLocation?
            var message: String
            var suggestion: String?
        }
        struct Payload: Encodable {
            var files: Int
            var errors: Int
            var warnings: Int
            var language: Language
            var diagnostics: [Entry]
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let entries = diagnostics.sortedByLocation().map {
            Entry(severity: $0.severity, code: $0.code, location: $0.location,
                  message: $0.message.text(language), suggestion: $0.suggestion?.text(language))
        }
        let payload = Payload(files: files, errors: errors, warnings: diagnostics.count - errors, language: language, diagnostics: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(payload)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
