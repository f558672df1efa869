import CasebookPages

/// The values of list pages, a page at a time: a list longer than `listPageSize` entries is cut into pages
/// (`SitePaths.paged`), and a book whose units or figures would make one page too long gets pages of its
/// own for them. A book as small as the real one gets the same pages as before lists were cut.
extension PageValues {
    /// The most entries (cases, tags, units, figures) a list page holds.
    public static let listPageSize = 100

    /// The ranges of a list of `total` entries that make its pages; an empty list is one empty page.
    static func pageRanges(_ total: Int) -> [Range<Int>] {
        guard total > 0 else { return [0..<0] }
        return stride(from: 0, to: total, by: listPageSize).map { $0..<min(total, $0 + listPageSize) }
    }

    /// The pager of page `number` (from 1) of `count` pages of the list whose first page is `path`; nil for
    /// a list of one page. The pages share a folder, so each address is a file name.
    func pager(_ path: String, number: Int, count: Int) -> Pager? {
        guard count > 1 else { return nil }
        return Pager(current: number, hrefs: (1...count).map { SitePaths.paged(path, $0).split(separator: "/").last.map(String.init) ?? "" })
    }

    /// One value per page of the list of `count` entries whose first page is `path`, made from the page's
    /// entries, its address, the way from it to the site's root and its pager.
    func paged<Page>(_ path: String, count: Int, _ make: (_ entries: Range<Int>, _ page: String, _ root: String, _ pager: Pager?) -> Page) -> [Page] {
        let ranges = Self.pageRanges(count)
        return ranges.enumerated().map { index, range in
            let page = SitePaths.paged(path, index + 1)
            return make(range, page, SitePaths.root(of: page), pager(path, number: index + 1, count: ranges.count))
        }
    }

    /// A part's pages: its cases, then the entries of the printed contents not yet on the site.
    public func partPages(_ part: SiteModel.Part) -> [PartPage] {
        let path = SitePaths.part(part.section.slug)
        let pending = model.catalogue.filter { $0.sectionSlug == part.section.slug && ($0.caseSlug.map { !published.contains($0) } ?? true) }
        return paged(path, count: part.cases.count + pending.count) { range, page, root, pager in
            let cases = range.clamped(to: 0..<part.cases.count)
            let entries = (range.lowerBound - part.cases.count..<range.upperBound - part.cases.count).clamped(to: 0..<pending.count)
            return PartPage(frame: frame(path: page, title: part.section.name, currentSection: part.section.slug), name: part.section.name,
                            cases: part.cases[cases].map { caseSummary($0, root: root) }, printHref: root + SitePaths.printPart(part.section.slug),
                            pending: pending[entries].map { catalogueItem($0, root: root) }, pager: pager)
        }
    }

    /// A tag's pages: the cases that carry it.
    public func tagPages(_ group: SiteModel.Group) -> [TagPage] {
        paged(SitePaths.tag(group.name), count: group.cases.count) { range, page, root, pager in
            TagPage(frame: frame(path: page, title: group.name), name: group.name, cases: group.cases[range].map { caseSummary($0, root: root) },
                    caseCount: group.cases.count, pager: pager)
        }
    }

    /// The pages of the tag index: every tag with its number of cases.
    public func tagIndexPages() -> [TagIndexPage] {
        paged(SitePaths.tags, count: model.tags.count) { range, page, root, pager in
            TagIndexPage(frame: frame(path: page, title: nil),
                         tags: model.tags[range].map { TagIndexPage.Tag(name: $0.name, href: root + SitePaths.tag($0.name), count: $0.cases.count) },
                         pager: pager)
        }
    }

    /// Where a case page links its unit: its place in `orgs.html`, or its own page.
    func unitHref(_ name: String, root: String) -> String {
        splitsUnits ? root + SitePaths.org(name) : root + SitePaths.orgs + "#" + SitePaths.orgAnchor(name)
    }

    /// The pages of the unit index in a book that `splitsUnits`: every unit with its number of cases.
    public func unitIndexPages() -> [UnitIndexPage] {
        paged(SitePaths.orgs, count: model.orgs.count) { range, page, root, pager in
            UnitIndexPage(frame: frame(path: page, title: nil),
                          units: model.orgs[range].map { TagIndexPage.Tag(name: $0.name, href: root + SitePaths.org($0.name), count: $0.cases.count) },
                          unitCount: model.orgs.count, pager: pager)
        }
    }

    /// A unit's pages in a book that `splitsUnits`: the cases it reported.
    public func unitPages(_ group: SiteModel.Group) -> [UnitPage] {
        paged(SitePaths.org(group.name), count: group.cases.count) { range, page, root, pager in
            UnitPage(frame: frame(path: page, title: group.name), name: group.name, cases: group.cases[range].map { caseSummary($0, root: root) },
                     caseCount: group.cases.count, pager: pager)
        }
    }


    /// A part's cases with figures, cut into pages of at most `listPageSize` figures between cases (a case
    /// with more figures than that has a page of its own).
    static func figurePages(_ part: SiteModel.Part) -> [[CaseReport]] {
        var pages: [[CaseReport]] = [], page: [CaseReport] = [], figures = 0
        for report in part.cases where !report.figures.isEmpty {
            if !page.isEmpty && figures + report.figures.count > listPageSize {
                pages.append(page)
                (page, figures) = ([], 0)
            }
            page.append(report)
            figures += report.figures.count
        }
        if !page.isEmpty { pages.append(page) }
        return pages
    }

    /// The parts of a split figure index: each part's figure count and its lists' pages.
    func figureIndexLists() -> [FigureIndexPage.Part] {
        model.parts.compactMap { part -> FigureIndexPage.Part? in
            let pages = Self.figurePages(part)
            guard !pages.isEmpty else { return nil }
            // Each list is named by the places in the part (from 1) of its first and last case.
            var place: [String: Int] = [:]
            for (index, report) in part.cases.enumerated() { place[report.slug] = index + 1 }
            let lists = pages.enumerated().map { index, cases in
                FigureListLink(href: SitePaths.paged(SitePaths.figureList(part.section.slug), index + 1),
                               firstCase: place[cases[0].slug] ?? 0, lastCase: place[cases[cases.count - 1].slug] ?? 0)
            }
            return FigureIndexPage.Part(name: part.section.name, href: SitePaths.part(part.section.slug), cases: [],
                                        figureCount: part.cases.reduce(0) { $0 + $1.figures.count }, lists: lists)
        }
    }

    /// A part's figure lists in a book that `splitsFigures`: its cases with their figures' numbers and titles,
    /// each linked to its chart on the case's page.
    public func figureListPages(_ part: SiteModel.Part) -> [FigureListPage] {
        let path = SitePaths.figureList(part.section.slug), pages = Self.figurePages(part)
        let figureCount = part.cases.reduce(0) { $0 + $1.figures.count }
        return pages.enumerated().map { index, reports in
            let page = SitePaths.paged(path, index + 1), root = SitePaths.root(of: page)
            let cases = reports.map { report in
                FigureIndexPage.Case(title: report.title, href: root + SitePaths.casePage(report.slug), figures: report.figures.map { figure in
                    FigureIndexPage.Figure(id: figure.id, title: figure.title, href: root + SitePaths.casePage(report.slug) + "#" + figure.anchor)
                })
            }
            return FigureListPage(frame: frame(path: page, title: part.section.name), partName: part.section.name,
                                  partHref: root + SitePaths.part(part.section.slug), indexHref: root + SitePaths.figures, cases: cases,
                                  figureCount: figureCount, pager: pager(path, number: index + 1, count: pages.count))
        }
    }
}
