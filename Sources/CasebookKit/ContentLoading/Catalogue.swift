import Yams

/// One line of the printed table of contents; `caseSlug` is set when the case has been digitised.
public struct CatalogueEntry: Sendable, Hashable {
    public var title: String
    public var unit: String?
    public var sectionSlug: String?
    public var page: Int?
    public var date: PartialDate?
    public var caseSlug: String?
    public var location: SourceLocation
    /// True when `caseSlug` was found by the entry's title, not written as `case:` (`CatalogueLinks`).
    public var linkedByTitle = false
}

/// `catalogue.yaml`: the whole printed table of contents, in printed order.
public enum Catalogue {
    public static let knownKeys = ["title", "unit", "section", "page", "date", "case"]

    public static func read(yaml: String, file: String, site: SiteConfig) -> ([CatalogueEntry], [Diagnostic]) {
        let document: YAMLDocument
        do { document = try YAMLDocument(yaml: yaml, file: file, firstLine: 1) } catch { return ([], [error]) }
        var diagnostics = document.warnings
        let (top, unknownTop) = document.checkedPairs(document.root, known: ["entries"], context: .inCatalogueFile)
        diagnostics += unknownTop
        guard let entriesNode = top.first?.value, case let .sequence(items) = entriesNode else {
            diagnostics.append(.error(Message(.catalogueNeedsEntries), at: SourceLocation(file: file)))
            return ([], diagnostics)
        }
        var entries: [CatalogueEntry] = []
        for item in items {
            guard case let .mapping(mapping) = item else {
                diagnostics.append(.error(Message(.catalogueEntryNeedsTitle), at: document.location(of: item))); continue
            }
            let (pairs, unknown) = document.checkedPairs(mapping, known: knownKeys, context: .inCatalogueEntry)
            diagnostics += unknown
            var entry = CatalogueEntry(title: "", location: document.location(of: item))
            for (key, value, _) in pairs {
                do throws(Diagnostic) {
                    switch key {
                    case "title": entry.title = try document.string(value, key: key)
                    case "unit": entry.unit = try document.string(value, key: key)
                    case "page": entry.page = try document.integer(value, key: key, range: 1...100_000)
                    case "date":
                        let text = try document.string(value, key: key)
                        guard let date = PartialDate(text) else {
                            throw .error(Message(.dateFormat, text), at: document.location(of: value), suggestion: Message(.dateExample))
                        }
                        entry.date = date
                    case "case": entry.caseSlug = try document.string(value, key: key)
                    case "section":
                        let text = try document.string(value, key: key)
                        guard let section = site.section(named: text) else {
                            throw .error(Message(.unknownSection, text), at: document.location(of: value),
                                         suggestion: Suggestion.didYouMean(text, in: site.sections.flatMap { [$0.name, $0.slug] }))
                        }
                        entry.sectionSlug = section.slug
                    default: break
                    }
                } catch { diagnostics.append(error) }
            }
            if entry.title.isEmpty {
                diagnostics.append(.error(Message(.catalogueEntryNeedsTitle), at: entry.location)); continue
            }
            entries.append(entry)
        }
        return (entries, diagnostics)
    }
}
extension CatalogueEntry {
    init(title: String, location: SourceLocation) {
        self.init(title: title, unit: nil, sectionSlug: nil, page: nil, date: nil, caseSlug: nil, location: location)
    }
}
