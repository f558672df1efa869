import CasebookPages
import CasebookTemplates
import Testing
@testable import CasebookKit

/// Long lists are cut into pages with stable addresses, and print pages into volumes within their limits.
@Suite struct ListPagesTests {
    static func model(cases count: Int, org: (Int) -> String? = { _ in nil }, pending: Int = 0) throws -> SiteModel {
        var site = try #require(ContentLoader.load(Repo.content).0).site
        let section = SectionConfig(name: "长部分", slug: "long", location: SourceLocation(file: "site.yaml"))
        site.sections = [section]
        let cases = (1...count).map { index in
            let slug = "case-\(100_000 + index)"
            let metadata = CaseMetadata(title: "第\(index)号", org: org(index), section: section.name, sectionLocation: SourceLocation(file: slug),
                                        date: nil, page: index, tags: ["标签"], summary: nil, draft: false)
            return CaseReport(slug: slug, sourcePath: slug, metadata: metadata, section: section,
                              outline: CaseOutline(headings: [], caseLinks: [], figures: []), summary: "")
        }
        let catalogue = (1...max(1, pending)).prefix(pending).map { index in
            CatalogueEntry(title: "未收录\(index)", unit: nil, sectionSlug: "long", page: nil, date: nil, caseSlug: nil, location: SourceLocation(file: "catalogue.yaml"))
        }
        return SiteModel(config: site, catalogue: catalogue, cases: cases)
    }

    @Test func aLongPartIsCutIntoPagesThatKeepTheFirstAddress() throws {
        let values = PageValues(model: try Self.model(cases: 250, pending: 30), strings: try Repo.strings())
        let part = try #require(values.model.parts.first)
        let pages = values.partPages(part)
        #expect(pages.map { $0.cases.count } == [100, 100, 50])
        #expect(pages.map { $0.pending.count } == [0, 0, 30])
        #expect(pages[1].cases.first?.title == "第101号")
        #expect(pages[0].pager?.hrefs == ["long.html", "long-2.html", "long-3.html"])
        #expect(pages[0].pager?.previous == nil && pages[0].pager?.next == "long-2.html")
        #expect(pages[2].pager?.current == 3 && pages[2].pager?.previous == "long-2.html" && pages[2].pager?.next == nil)
        #expect(SitePaths.paged(SitePaths.part("long"), 1) == "parts/long.html" && SitePaths.paged(SitePaths.part("long"), 4) == "parts/long-4.html")
        let html = Template.part(pages[1]).text
        #expect(html.contains("<a href=\"long.html\" rel=\"prev\">") && html.contains("<a href=\"long-3.html\" rel=\"next\">"))
        #expect(html.contains("<a href=\"long-2.html\" aria-current=\"page\""))
        #expect(html.contains("<title>长部分（第 2 页）"))
        // The tag all 250 cases carry: three pages, the count of them all on each.
        let tagPages = values.tagPages(try #require(values.model.tags.first))
        #expect(tagPages.map { $0.cases.count } == [100, 100, 50] && tagPages.allSatisfy { $0.caseCount == 250 })
        // The home page shows the part's first 100 entries and says how many more there are.
        let group = try #require(values.home().groups.first)
        #expect(group.entries.count + group.extra.count == 100 && group.more == 180)
    }

    @Test func aShortListHasOnePageAndNoPager() throws {
        let values = PageValues(model: try Self.model(cases: 100), strings: try Repo.strings())
        let pages = values.partPages(try #require(values.model.parts.first))
        #expect(pages.count == 1 && pages[0].pager == nil)
        #expect(!Template.part(pages[0]).text.contains("pagination"))
        #expect(!values.splitsUnits && !values.splitsFigures)
    }

    @Test func manyUnitCasesGiveAUnitIndexAndAPagePerUnit() throws {
        let values = PageValues(model: try Self.model(cases: 150, org: { $0 % 3 == 0 ? "乙单位" : "甲单位" }), strings: try Repo.strings())
        #expect(values.splitsUnits)
        let index = values.unitIndexPages()
        #expect(index.count == 1 && index[0].units.map(\.name) == ["甲单位", "乙单位"] && index[0].units.map(\.count) == [100, 50])
        #expect(index[0].units[0].href == SitePaths.org("甲单位"))
        let report = try #require(values.model.cases.first)
        #expect(values.casePage(report, body: "").orgHref == "../" + SitePaths.org("甲单位"))
        #expect(values.unitPages(values.model.orgs[0]).map { $0.cases.count } == [100])
    }

    @Test func printPagesHoldAtMost200CasesAndAbout5MB() throws {
        let long = try Self.model(cases: 450)
        let plan = PrintPlan(model: long, size: [:])
        #expect(!plan.wholeBook)
        #expect(plan.volumes["long"]?.map(\.count) == [200, 200, 50])
        #expect(plan.pageOf["case-100201"] == "print-long-2.html")
        // Big bodies: volumes are cut by bytes before they reach 200 cases.
        let big = try Self.model(cases: 30)
        let sizes = Dictionary(uniqueKeysWithValues: big.cases.map { ($0.slug, 1_000_000) })
        let heavy = PrintPlan(model: big, size: sizes)
        #expect(!heavy.wholeBook)
        let volumes = try #require(heavy.volumes["long"])
        #expect(volumes.count > 1 && volumes.allSatisfy { $0.count * 1_001_000 <= PrintPlan.byteLimit })
        #expect(volumes.reduce(0) { $0 + $1.count } == 30)
        let small = PrintPlan(model: try Self.model(cases: 200), size: [:])
        #expect(small.wholeBook && small.volumes["long"]?.count == 1 && small.pageOf["case-100001"] == "print-long.html")
        // The part's page lists its volumes with the places of their cases.
        let values = PageValues(model: long, strings: try Repo.strings())
        let page = values.printPart(try #require(long.parts.first), plan)
        #expect(page.parts.map(\.printHref) == ["print-long-1.html", "print-long-2.html", "print-long-3.html"])
        #expect(page.parts.map(\.firstCase) == [1, 201, 401] && page.parts.map(\.lastCase) == [200, 400, 450])
        #expect(Template.printPage(page).slots.isEmpty)
    }

    /// A section slug that is another's with `-N` would be that part's page N: site.yaml is refused there.
    @Test func aSlugThatIsAnotherPartsPageAddressIsAnError() {
        let yaml = "title: 书\nsections:\n  - name: 甲\n    slug: a\n  - name: 乙\n    slug: a-2\n  - name: 丙\n    slug: a-b\n"
        let (config, diagnostics) = SiteConfig.read(yaml: yaml, file: "site.yaml")
        #expect(config == nil)
        #expect(diagnostics.count == 1 && diagnostics[0].message.contains("`a-2`") && diagnostics[0].location?.line == 5)
    }
}
