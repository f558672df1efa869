/// Links the entries of the printed contents to the cases on disk. An entry's `case:` names its case; an
/// entry without one is linked to the case whose title is the same once spaces and punctuation are
/// left out. Mismatches between an entry and its case are warnings at the entry's line.
public enum CatalogueLinks {
    /// The catalogue with every entry that has a case linked to it, and the warnings found.
    /// - Parameters:
    ///   - cases: every case read without errors, drafts included.
    ///   - files: the slugs of every case file, read or not: an explicit `case:` naming one of them stays.
    public static func resolve(_ catalogue: [CatalogueEntry], cases: [CaseReport], files: Set<String>,
                               site: SiteConfig) -> ([CatalogueEntry], [Diagnostic]) {
        var bySlug: [String: CaseReport] = [:], byTitle: [String: [CaseReport]] = [:]
        // Only a title that begins as an entry's does is normalised whole.
        let beginnings = Set(catalogue.map { normalisedTitle($0.title, limit: 4) })
        for report in cases.sorted(by: { $0.slug < $1.slug }) {
            bySlug[report.slug] = report
            guard beginnings.contains(normalisedTitle(report.title, limit: 4)) else { continue }
            let key = normalisedTitle(report.title)
            if !key.isEmpty { byTitle[key, default: []].append(report) }
        }
        var entries = catalogue, diagnostics: [Diagnostic] = []
        var claimed: [String: Int] = [:]
        func claim(_ slug: String, by index: Int) -> Bool {
            guard let first = claimed[slug] else { claimed[slug] = index; return true }
            diagnostics.append(.warning(Message(.caseListedTwice, bySlug[slug]?.sourcePath ?? slug + ".md", String(entries[first].location.line)),
                                        at: entries[index].location, suggestion: Message(.caseListedTwiceFix)))
            return false
        }
        // An explicit `case:` first, so that it wins over a title that happens to match.
        for index in entries.indices {
            guard let slug = entries[index].caseSlug else { continue }
            if files.contains(slug) { _ = claim(slug, by: index) } else { entries[index].caseSlug = nil }
        }
        for index in entries.indices where entries[index].caseSlug == nil {
            guard let matching = byTitle[normalisedTitle(entries[index].title)], let report = matching.first else { continue }
            if matching.count > 1 {
                diagnostics.append(.warning(Message(.entryTitleMatchesCases, arguments: [.text(entries[index].title), .text(String(matching.count)),
                                                                                         .list(matching.map { Message.verbatim($0.sourcePath) })]),
                                            at: entries[index].location, suggestion: Message(.entryTitleMatchesCasesFix)))
            }
            guard claim(report.slug, by: index) else { continue }
            entries[index].caseSlug = report.slug
            entries[index].linkedByTitle = true
        }
        for entry in entries {
            guard let slug = entry.caseSlug, let report = bySlug[slug] else { continue }
            diagnostics += disagreements(entry, report, site: site)
        }
        return (entries, diagnostics)
    }

    /// Section, unit and page where both the entry and the case give one and they differ.
    static func disagreements(_ entry: CatalogueEntry, _ report: CaseReport, site: SiteConfig) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let path = report.sourcePath
        if let section = entry.sectionSlug, section != report.section.slug {
            let name = site.section(named: section)?.name ?? section
            found.append(.warning(Message(.entryCaseSection, entry.title, name, path, report.metadata.section),
                                  at: entry.location, suggestion: Message(.entryCaseSectionFix, path, name)))
        }
        if let unit = entry.unit, let org = report.metadata.org, normalisedTitle(unit) != normalisedTitle(org) {
            found.append(.warning(Message(.entryCaseUnit, entry.title, unit, path, org), at: entry.location, suggestion: Message(.entryCaseUnitFix)))
        }
        if let page = entry.page, let casePage = report.metadata.page, page != casePage {
            found.append(.warning(Message(.entryCasePage, entry.title, String(page), path, String(casePage)),
                                  at: entry.location, suggestion: Message(.entryCasePageFix)))
        }
        return found
    }

    /// A title as it is compared: compatibility forms folded (full-width letters and digits), lower case,
    /// only letters and digits kept (no spaces, no punctuation, no symbols). With `limit`, only its first
    /// `limit` letters and digits (a cheap first look, as every case's title is compared on every build).
    public static func normalisedTitle(_ title: String, limit: Int = .max) -> String {
        // ASCII, CJK punctuation, full-width ASCII forms and CJK ideographs, of which almost every title is
        // made, are folded here as the compatibility mapping and lower-casing would (a full-width form is
        // its ASCII character); a title with anything else goes through Foundation's mapping.
        var scalars = String.UnicodeScalarView()
        var count = 0
        for scalar in title.unicodeScalars {
            let value = scalar.value
            guard value < 0x80 || (0x3000...0x303F).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xFF01...0xFF5E).contains(value) else {
                return mapped(title, limit: limit)
            }
            let ascii = (0xFF01...0xFF5E).contains(value) ? value - 0xFEE0 : value
            let folded = Unicode.Scalar((65...90).contains(ascii) ? ascii + 32 : ascii)!
            guard isLetterOrDigit(folded) else { continue }
            scalars.append(folded)
            count += 1
            if count == limit { break }
        }
        return String(scalars)
    }

    /// `normalisedTitle` through Foundation's compatibility mapping, for any title.
    private static func mapped(_ title: String, limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in title.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars where isLetterOrDigit(scalar) {
            scalars.append(scalar)
            if scalars.count == limit { break }
        }
        return String(scalars)
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (97...122).contains(scalar.value) || (48...57).contains(scalar.value) || (65...90).contains(scalar.value) }
        if (0x4E00...0x9FFF).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
