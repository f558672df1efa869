import Foundation

/// The whole book in reading order, with the indexes built from it (tags, units, figures).
public struct SiteModel: Sendable {
    public var config: SiteConfig
    public var catalogue: [CatalogueEntry]
    /// Sections in site.yaml order, each with its cases in book order.
    public var parts: [Part]
    public var tags: [Group]
    public var orgs: [Group]

    public struct Part: Sendable {
        public var section: SectionConfig
        public var cases: [CaseReport]
    }

    /// Cases that share a tag or a unit, in book order.
    public struct Group: Sendable {
        public var name: String
        public var cases: [CaseReport]
    }

    /// Every case in book order.
    public private(set) var cases: [CaseReport]
    /// Each case's place in `cases`, by slug.
    private var position: [String: Int]

    /// Orders cases: by section as site.yaml lists them; within one, as the printed contents list them,
    /// then by page, date and slug.
    public init(config: SiteConfig, catalogue: [CatalogueEntry], cases: [CaseReport]) {
        self.config = config
        self.catalogue = catalogue
        var cataloguePosition: [String: Int] = [:]
        for (index, entry) in catalogue.enumerated() { if let slug = entry.caseSlug { cataloguePosition[slug] = index } }
        // A date orders as its ISO form would (`1999` before `1999-10`), a case without one as `9999`.
        func key(_ c: CaseReport) -> (Int, Int, Int, String) {
            let date = c.metadata.date
            let dateRank = (date?.year ?? 9999) * 10_000 + (date?.month ?? 0) * 100 + (date?.day ?? 0)
            return (cataloguePosition[c.slug] ?? Int.max, c.metadata.page ?? Int.max, dateRank, c.slug)
        }
        // Each case's sort key is made once (a sort compares each many times), and cases are grouped by
        // section in one pass.
        var bySection: [String: [(key: (Int, Int, Int, String), report: CaseReport)]] = [:]
        for report in cases { bySection[report.section.slug, default: []].append((key(report), report)) }
        parts = config.sections.map { section in
            Part(section: section, cases: (bySection[section.slug] ?? []).sorted { $0.key < $1.key }.map(\.report))
        }
        let ordered = parts.flatMap(\.cases)
        self.cases = ordered
        position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.slug, $0) })
        // The two indexes are made at once.
        let groups = parallelMap([false, true]) { byOrg in
            byOrg ? Self.group(ordered) { $0.metadata.org.map { [$0] } ?? [] } : Self.group(ordered, by: \.metadata.tags)
        }
        (tags, orgs) = (groups[0], groups[1])
    }

    /// Groups by name in pinyin order (`pinyinOrder`), cases in book order.
    static func group(_ cases: [CaseReport], by names: (CaseReport) -> [String]) -> [Group] {
        var byName: [String: [CaseReport]] = [:]
        for report in cases { for name in names(report) { byName[name, default: []].append(report) } }
        return byName.keys.sorted(by: pinyinOrder).map { Group(name: $0, cases: byName[$0]!) }
    }

    /// The collation Chinese readers look names up in: ICU's pinyin order for `zh`, through Foundation.
    static let pinyin = Locale(identifier: "zh@collation=pinyin")

    /// True when name `a` comes before `b` in pinyin order; names the collation holds equal are ordered by
    /// their Unicode scalars, so the order never depends on the order names were met in.
    public static func pinyinOrder(_ a: String, _ b: String) -> Bool {
        switch a.compare(b, locale: pinyin) {
        case .orderedAscending: true
        case .orderedDescending: false
        case .orderedSame: a < b
        }
    }

    /// The case before and after `slug` in book order.
    public func neighbours(of slug: String) -> (previous: CaseReport?, next: CaseReport?) {
        guard let index = position[slug] else { return (nil, nil) }
        return (index > 0 ? cases[index - 1] : nil, index + 1 < cases.count ? cases[index + 1] : nil)
    }
}
