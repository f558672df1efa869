import Foundation

/// Prints diagnostics for people (compiler style plus a summary line) or for tools (JSON).
public enum DiagnosticReport {
    public static func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.sortedByLocation().map(\.formatted).joined(separator: "\n")
    }

    public static func summary(_ diagnostics: [Diagnostic], files: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "checked \(files) file\(files == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    public static func json(_ diagnostics: [Diagnostic], files: Int) -> String {
        struct Payload: Encodable {
            var files: Int
            var errors: Int
            var warnings: Int
            var diagnostics: [Diagnostic]
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let payload = Payload(files: files, errors: errors, warnings: diagnostics.count - errors,
                              diagnostics: diagnostics.sortedByLocation())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(payload)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
