/// Which cases each print page holds, so that no print page is too big to open. `print.html` holds the
/// whole book while it is within one page's limits; otherwise it lists the parts' print pages. A part within
/// the limits is printed on its own page (`SitePaths.printPart`); a longer one in volumes
/// (`SitePaths.printVolume`) of at most `caseLimit` cases and about `byteLimit` bytes, which its page lists.
public struct PrintPlan: Sendable {
    /// The most cases a print page holds.
    public static let caseLimit = 200
    /// The most bytes a print page should hold.
    public static let byteLimit = 5_000_000
    /// What a page's articles may take; the rest of `byteLimit` is left to its frame (a contents of up to
    /// `caseLimit` entries, the sidebar) and to what an article adds to its body.
    static let articleBudget = byteLimit - 600_000
    /// About what a case's article adds to its body: its part, title and details.
    static let articleOverhead = 1_000

    /// True when `print.html` holds every case.
    public let wholeBook: Bool
    /// Each part's volumes, by part slug, in reading order: a part with one volume has one print page.
    public let volumes: [String: [[CaseReport]]]
    /// The print page (from the site's top) that holds each case, by slug.
    public let pageOf: [String: String]
    /// A hash of where every case is printed: a print page's links to cases on other pages depend on it.
    public let key: ContentHash

    /// The plan for `model`, whose cases' bodies are `size` bytes long, by slug.
    public init(model: SiteModel, size: [String: Int]) {
        func bytes(_ report: CaseReport) -> Int { (size[report.slug] ?? 0) + Self.articleOverhead }
        wholeBook = model.cases.count <= Self.caseLimit && model.cases.reduce(0) { $0 + bytes($1) } <= Self.articleBudget
        var volumes: [String: [[CaseReport]]] = [:], pageOf: [String: String] = [:]
        var hasher = Hasher64()
        hasher.mix(wholeBook ? 1 : 0)
        for part in model.parts where !part.cases.isEmpty {
            var parts: [[CaseReport]] = [], volume: [CaseReport] = [], volumeBytes = 0
            for report in part.cases {
                if !volume.isEmpty && (volume.count == Self.caseLimit || volumeBytes + bytes(report) > Self.articleBudget) {
                    parts.append(volume)
                    (volume, volumeBytes) = ([], 0)
                }
                volume.append(report)
                volumeBytes += bytes(report)
            }
            parts.append(volume)
            volumes[part.section.slug] = parts
            hasher.combine(part: part.section.slug)
            for (index, volume) in parts.enumerated() {
                let page = Self.page(part: part.section.slug, volume: index + 1, of: parts.count)
                for report in volume { pageOf[report.slug] = page }
                hasher.mix(UInt64(volume.count))
            }
        }
        (self.volumes, self.pageOf, key) = (volumes, pageOf, ContentHash(value: hasher.finish()))
    }

    /// The address of volume `volume` (from 1) of `count` of part `part`: the part's print page when it has one.
    public static func page(part: String, volume: Int, of count: Int) -> String {
        count == 1 ? SitePaths.printPart(part) : SitePaths.printVolume(part, volume: volume)
    }
}
