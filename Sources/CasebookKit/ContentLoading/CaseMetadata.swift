import Foundation
import Yams

/// The front matter of one case report, validated as the content format says.
public struct CaseMetadata: Sendable, Hashable, Codable {
    public var title: String
    public var org: String?
    /// The section as written (name or slug); resolved against site.yaml later.
    public var section: String
    public var sectionLocation: SourceLocation
    public var date: PartialDate?
    public var page: Int?
    public var tags: [String]
    public var summary: String?
    public var draft: Bool

    public static let knownKeys = ["title", "org", "section", "date", "page", "tags", "summary", "draft"]

    /// Reads and validates front matter; every problem found is reported, not just the first.
    public static func read(_ split: FrontMatterSplit, file: String) -> (CaseMetadata?, [Diagnostic]) {
        let document: YAMLDocument
        do {
            document = try YAMLDocument(yaml: split.yaml, file: file, firstLine: split.yamlStartLine)
        } catch {
            return (nil, [error])
        }
        let (pairs, unknown) = document.checkedPairs(document.root, known: knownKeys, context: .inFrontMatter)
        var diagnostics = document.warnings + unknown
        var title: String?, section: String?, sectionLocation = SourceLocation(file: file, line: 1)
        var metadata = CaseMetadata(title: "", org: nil, section: "", sectionLocation: sectionLocation,
                                    date: nil, page: nil, tags: [], summary: nil, draft: false)
        for (key, value, _) in pairs {
            do throws(Diagnostic) {
                switch key {
                case "title": title = try nonEmpty(document.string(value, key: key), key, value, document)
                case "org": metadata.org = try nonEmpty(document.string(value, key: key), key, value, document)
                case "section":
                    section = try nonEmpty(document.string(value, key: key), key, value, document)
                    sectionLocation = document.location(of: value)
                case "date":
                    let text = try document.string(value, key: key)
                    guard let date = PartialDate(text) else {
                        throw .error(Message(.dateFormat, text), at: document.location(of: value),
                                     suggestion: Message(.dateExample))
                    }
                    metadata.date = date
                case "page": metadata.page = try document.integer(value, key: key, range: 1...100_000)
                case "tags":
                    let written = try document.stringList(value, key: key).map { $0.trimmingWhitespace() }
                    // An input method writes ， where a YAML list wants `,`, and a single value of words between 、 or
                    // ， is a list written the Chinese way: split there, and say so. (Inside a list, 、 belongs to
                    // the tag: `两级政府、三级管理` is one.)
                    let isList = if case .sequence = value { true } else { false }
                    metadata.tags = written.flatMap { tag in
                        tag.split(whereSeparator: { $0 == "，" || (!isList && $0 == "、") }).map { String($0).trimmingWhitespace() }
                    }
                    if metadata.tags.count > written.count {
                        diagnostics.append(.warning(Message(.tagsSplit, metadata.tags.joined(separator: " / ")), at: document.location(of: value),
                                                    suggestion: Message(.tagsSplitFix, metadata.tags.joined(separator: ", "))))
                    }
                    if let empty = metadata.tags.firstIndex(where: \.isEmpty) {
                        throw .error(Message(.tagEmpty, String(empty + 1)), at: document.location(of: value))
                    }
                case "summary": metadata.summary = try nonEmpty(document.string(value, key: key), key, value, document)
                case "draft": metadata.draft = try document.boolean(value, key: key)
                default: break
                }
            } catch {
                diagnostics.append(error)
            }
        }
        let top = SourceLocation(file: file, line: 1, column: 1)
        // A misspelt key already says "did you mean `title`?": do not report the missing key a second time.
        let suggested = Set(unknown.compactMap(\.suggestion))
        if title == nil, !suggested.contains(Message(.didYouMean, "title")) {
            diagnostics.append(.error(Message(.noTitle), at: top, suggestion: Message(.noTitleFix)))
        }
        if section == nil, !suggested.contains(Message(.didYouMean, "section")) {
            diagnostics.append(.error(Message(.noSection), at: top, suggestion: Message(.noSectionFix)))
        }
        // With other errors the metadata is still returned (so the section can be checked too); callers look at the diagnostics.
        guard let section else { return (nil, diagnostics) }
        metadata.title = title ?? ""
        metadata.section = section
        metadata.sectionLocation = sectionLocation
        // Keep tag order as written, drop repeats.
        var seen = Set<String>()
        metadata.tags = metadata.tags.filter { seen.insert($0).inserted }
        return (metadata, diagnostics)
    }

    private static func nonEmpty(_ text: String, _ key: String, _ node: Node, _ document: YAMLDocument) throws(Diagnostic) -> String {
        let trimmed = text.trimmingWhitespace(andNewlines: true)
        guard !trimmed.isEmpty else { throw .error(Message(.valueEmpty, key), at: document.location(of: node)) }
        return trimmed
    }
}
