import Testing
@testable import CasebookKit

@Suite struct SiteModelTests {
    private func report(_ slug: String, date: String?, page: Int? = nil, section: SectionConfig) -> CaseReport {
        let metadata = CaseMetadata(title: slug, org: nil, section: section.name, sectionLocation: SourceLocation(file: slug),
                                    date: date.flatMap(PartialDate.init), page: page, tags: [], summary: nil, draft: false)
        return CaseReport(slug: slug, sourcePath: slug, metadata: metadata, section: section,
                          outline: CaseOutline(headings: [], caseLinks: [], figures: []), summary: "")
    }

    /// Within a part: by page, then by date as its ISO form orders (a year before its months, a month
    /// before its days), a case without a date last, then by slug.
    @Test func casesAreOrderedByPageThenDateThenSlug() throws {
        let site = try #require(ContentLoader.load(Repo.content).0).site
        let section = try #require(site.sections.first)
        let cases = [
            report("z-undated", date: nil, section: section),
            report("a-undated", date: nil, section: section),
            report("day", date: "1999-10-27", section: section),
            report("year", date: "1999", section: section),
            report("month", date: "1999-10", section: section),
            report("later", date: "2000-01-01", section: section),
            report("paged", date: "2005", page: 3, section: section),
            report("first-page", date: nil, page: 1, section: section),
        ]
        let model = SiteModel(config: site, catalogue: [], cases: cases)
        #expect(model.cases.map(\.slug) == ["first-page", "paged", "year", "month", "day", "later", "a-undated", "z-undated"])
    }
}
