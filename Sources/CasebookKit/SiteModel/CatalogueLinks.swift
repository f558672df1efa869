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
        for report in cases.sorted(by: { $0.slug < $1.slug }) {
            bySlug[report.slug] = report
            let key = normalisedTitle(report.title)
            if !key.isEmpty { byTitle[key, default: []].append(report) }
        }
        var entries = catalogue, diagnostics: [Diagnostic] = []
        var claimed: [String: Int] = [:]
        func claim(_ slug: String, by index: Int) -> Bool {
            guard let first = claimed[slug] else { claimed[slug] = index; return true }
            diagnostics.append(.warning("案例 \(bySlug[slug]?.sourcePath ?? slug + ".md") 被两个目录条目列出，另一条在第 \(entries[first].location.line) 行",
                                        at: entries[index].location,
                                        suggestion: "删去重复的条目，或把这一条的 `case:` 改为它自己的案例"))
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
                diagnostics.append(.warning("目录条目“\(entries[index].title)”与 \(matching.count) 个案例标题相同：\(matching.map(\.sourcePath).joined(separator: "、"))；只链接了第一个",
                                            at: entries[index].location,
                                            suggestion: "删去重复的案例文件，或在目录这一条写 `case: <文件名>` 指明是哪一个"))
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
            found.append(.warning("目录条目“\(entry.title)”属于“\(name)”部分，而 \(path) 写的是 `section: \(report.metadata.section)`",
                                  at: entry.location, suggestion: "把 \(path) 改为 `section: \(name)`，或改正目录中这一条的 `section:`"))
        }
        if let unit = entry.unit, let org = report.metadata.org, normalisedTitle(unit) != normalisedTitle(org) {
            found.append(.warning("目录条目“\(entry.title)”的单位是“\(unit)”，而 \(path) 写的是 `org: \(org)`",
                                  at: entry.location, suggestion: "把两处改成同一个单位名称"))
        }
        if let page = entry.page, let casePage = report.metadata.page, page != casePage {
            found.append(.warning("目录条目“\(entry.title)”在原书第 \(page) 页，而 \(path) 写的是 `page: \(casePage)`",
                                  at: entry.location, suggestion: "核对原书后改正其中一处"))
        }
        return found
    }

    /// A title as it is compared: compatibility forms folded (full-width letters and digits), lower case,
    /// only letters and digits kept (no spaces, no punctuation, no symbols).
    public static func normalisedTitle(_ title: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in title.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                scalars.append(scalar)
            default: continue
            }
        }
        return String(scalars)
    }
}
