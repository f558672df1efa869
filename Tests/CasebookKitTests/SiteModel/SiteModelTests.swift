import Testing
@testable import CasebookKit

@Suite struct SiteModelTests {
    private func report(_ slug: String, date: String?, page: Int? = nil, org: String? = nil, tags: [String] = [],
                        section: SectionConfig) -> CaseReport {
        let metadata = CaseMetadata(title: slug, org: org, section: section.name, sectionLocation: SourceLocation(file: slug),
                                    date: date.flatMap(PartialDate.init), page: page, tags: tags, summary: nil, draft: false)
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

    /// Tags and units group their cases in book order, names in pinyin order. A name written in composed
    /// and in decomposed form is one group, named as the first case in book order writes it.
    @Test func groupsGatherCasesByNameInBookOrder() throws {
        let site = try #require(ContentLoader.load(Repo.content).0).site
        let section = try #require(site.sections.first)
        let composed = "党建\u{00E9}", decomposed = "党建e\u{0301}"
        let cases = [
            report("c", date: nil, page: 3, org: "街道", tags: [decomposed, "社区"], section: section),
            report("a", date: nil, page: 1, org: "街道", tags: ["社区"], section: section),
            report("b", date: nil, page: 2, tags: [composed], section: section),
        ]
        let model = SiteModel(config: site, catalogue: [], cases: cases)
        #expect(model.tags.map(\.name) == [composed, "社区"].sorted(by: SiteModel.pinyinOrder))
        let merged = try #require(model.tags.first { $0.name == composed })
        #expect(merged.name.utf8.elementsEqual(composed.utf8))
        #expect(merged.cases.map(\.slug) == ["b", "c"])
        #expect(model.tags.first { $0.name == "社区" }?.cases.map(\.slug) == ["a", "c"])
        #expect(model.orgs.map(\.name) == ["街道"] && model.orgs[0].cases.map(\.slug) == ["a", "c"])
    }

    /// The real book's tags come in pinyin order (jīng, jū, liǎng, shè huì, shè qū dǎng, shè qū fú, zài), not
    /// in code point order (which put 两 before 再 and 居 after 精 by accident of their numbers).
    @Test func theRealTagsAreInPinyinOrder() async throws {
        let checked = try await Builder.check(BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates))
        #expect(checked.model.tags.map(\.name) == ["精神文明", "居民区党支部", "两级政府、三级管理", "社会稳定", "社区党建", "社区服务", "再就业"])
    }

    /// Units of the real book's catalogue, shuffled, sort by the pinyin of the character after 中共: 北 (běi),
    /// 湖 (hú), 吉 (jí), 江 (jiāng), 上 (shàng), 四 (sì), 天 (tiān); equal names stay together.
    @Test func unitNamesSortInPinyinOrder() {
        let units = ["中共天津市南开区委员会", "中共四川省成都市锦江区委员会", "中共北京市朝阳区委员会", "中共上海市委委员会",
                     "中共吉林省长春市委员会", "中共江苏省南京市委组织部", "中共湖北省宜昌市西陵区学院街委员会", "中共北京市朝阳区委员会"]
        #expect(units.sorted(by: SiteModel.pinyinOrder) == [
            "中共北京市朝阳区委员会", "中共北京市朝阳区委员会", "中共湖北省宜昌市西陵区学院街委员会", "中共吉林省长春市委员会",
            "中共江苏省南京市委组织部", "中共上海市委委员会", "中共四川省成都市锦江区委员会", "中共天津市南开区委员会"])
        #expect(!SiteModel.pinyinOrder("再就业", "两级政府") && SiteModel.pinyinOrder("两级政府", "再就业"))
    }
}
