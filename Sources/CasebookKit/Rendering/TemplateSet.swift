import Foundation
import Mustache

/// The page templates of `Templates/`, loaded with swift-mustache: a base layout, partials and one template per page kind.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    public let strings: SiteStrings
    public let directory: String

    /// Templates every build needs.
    public static let pageTemplates = ["index", "part", "case", "tag", "tags", "orgs", "figures", "404", "print", "search", "partials/figure",
                                        "partials/print-case"]

    public static func load(directory: String) async throws(BuildFailure) -> TemplateSet {
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: directory, withExtension: "mustache")
        } catch let error as MustacheLibrary.ParserError {
            throw BuildFailure([.error("template syntax: \(error.error)",
                                       at: SourceLocation(file: error.filename, line: error.context.lineNumber, column: error.context.columnNumber))])
        } catch {
            throw BuildFailure([.error("templates could not be read from \(directory): \(error)", at: nil)])
        }
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
}
