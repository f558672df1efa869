import Foundation
import Mustache

/// The page templates of `Templates/`, loaded with swift-mustache: a base layout, partials and one template per page kind.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    public let strings: SiteStrings
    public let directory: String

    /// Templates every build needs.
    public static let pageTemplates = ["index", "part", "case", "tag", "tags", "orgs", "figures", "404", "print", "search", "partials/figure",
                                        "partials/print-case", "partials/header", "partials/sidebar", "partials/footer"]

    public static func load(directory: String) async throws(BuildFailure) -> TemplateSet {
        let library = try loadLibrary(directory: directory)
        let missing = pageTemplates.filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw BuildFailure(missing.map { .error("missing template \(directory)/\($0).mustache", at: nil) })
        }
        let strings = try SiteStrings.load(from: directory + "/locale.yaml", displayPath: directory + "/locale.yaml")
        return TemplateSet(library: library, strings: strings, directory: directory)
    }

    /// Renders a template that `load` checked exists.
    public func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// Reads every `*.mustache` under `directory` (partials by their relative path without the extension, as
    /// swift-mustache names them) and parses each with `HTMLEscaping.pragma` put before its first line.
    /// The files are those the build environment hashes, so hidden ones are left out here too.
    static func loadLibrary(directory: String) throws(BuildFailure) -> MustacheLibrary {
        HTMLEscaping.register()
        let suffix = ".mustache"
        var templates: [String: MustacheTemplate] = [:]
        for path in BuildEnvironment.filesUnder(directory) where path.hasSuffix(suffix) {
            let file = directory + "/" + path
            guard let data = FileManager.default.contents(atPath: file) else {
                throw BuildFailure([.error("template could not be read", at: SourceLocation(file: file))])
            }
            do {
                templates[String(path.dropLast(suffix.count))] = try MustacheTemplate(string: HTMLEscaping.pragma + "\n" + String(decoding: data, as: UTF8.self))
            } catch let error as MustacheTemplate.ParserError {
                // The pragma's line is not the editor's: line numbers count from the file's own first line.
                throw BuildFailure([.error("template syntax: \(error.error)",
                                           at: SourceLocation(file: file, line: error.context.lineNumber - 1, column: error.context.columnNumber))])
            } catch {
                throw BuildFailure([.error("template syntax: \(error)", at: SourceLocation(file: file))])
            }
        }
        return MustacheLibrary(templates: templates)
    }
}

/// The escaping of `{{name}}` in every template: `HTML.escape`, the same five characters and entities as swift-mustache's
/// own HTML content type, but text with none of them is returned as it is instead of being copied character by character
/// (that copy was about 8 % of a clean build's CPU). swift-mustache picks a content type only through a pragma, so
/// `TemplateSet` puts `pragma` before each template's first line; a standalone pragma line renders nothing.
enum HTMLEscaping: MustacheContentType {
    case html

    /// The content type's registered name.
    static let name = "CASEBOOK_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    private static let registration: Void = MustacheContentTypes.register(HTMLEscaping.html, named: name)

    static func register() { _ = registration }

    func escapeText(_ text: String) -> String { HTML.escape(text) }
}
