import CasebookPages

/// Makes the values of each page (the types of `CasebookPages`) from the site model, for the templates of
/// `Templates/`. Every address is made relative to the page it is on.
public struct PageValues: Sendable {
    public let model: SiteModel
    public let strings: SiteStrings
    /// Slugs of the published cases, for linking catalogue entries.
    let published: Set<String>
    let site: SiteInfo
    /// True when the units' cases are too many for `orgs.html` to list: it then lists the units, each with
    /// a page of its own (`SitePaths.org`).
    public let splitsUnits: Bool
    /// True when the book has more figures than one page of a list: `figures.html` then links each part's
    /// figure lists (`SitePaths.figureList`) instead of drawing every chart.
    public let splitsFigures: Bool

    /// Parts with more cases than this show only their link in the sidebar.
    public static let sidebarCaseLimit = 60

    public init(model: SiteModel, strings: SiteStrings) {
        self.model = model
        self.strings = strings
        published = Set(model.cases.map(\.slug))
        splitsUnits = model.orgs.count > Self.listPageSize || model.orgs.reduce(0) { $0 + $1.cases.count } > Self.listPageSize
        splitsFigures = model.cases.reduce(0) { $0 + $1.figures.count } > Self.listPageSize
        let config = model.config
        site = SiteInfo(title: config.title, language: config.language, subtitle: config.subtitle, editor: config.editor,
                        publisher: config.publisher, description: config.description)
    }

    /// The frame of the page at `path`: its title, the site's links from its folder and the sidebar, which
    /// lists the cases of `currentSection` while they are few (every page listing every case grows as n²),
    /// `currentCase` marked among them.
    public func frame(path: String, title: String?, currentSection: String? = nil, currentCase: String? = nil) -> PageFrame {
        let root = SitePaths.root(of: path)
        let navParts = model.parts.map { part in
            let isCurrent = part.section.slug == currentSection
            let listsCases = isCurrent && part.cases.count <= Self.sidebarCaseLimit
            return NavPart(name: part.section.name, href: root + SitePaths.part(part.section.slug), isCurrent: isCurrent,
                           cases: listsCases ? part.cases.map { Link(title: $0.title, href: root + SitePaths.casePage($0.slug)) } : [],
                           currentCase: listsCases ? part.cases.firstIndex { $0.slug == currentCase } : nil)
        }
        return PageFrame(site: site, title: title, root: root, stylesheet: root + SitePaths.stylesheet, homeHref: root + SitePaths.home,
                         figuresHref: root + SitePaths.figures, tagsHref: root + SitePaths.tags, orgsHref: root + SitePaths.orgs,
                         printHref: root + SitePaths.printBook, searchHref: root + SitePaths.search, searchScript: root + "assets/search.js",
                         navParts: navParts)
    }

    func caseSummary(_ report: CaseReport, root: String) -> CaseSummary {
        let date = report.metadata.date
        return CaseSummary(title: report.title, href: root + SitePaths.casePage(report.slug), summary: report.summary,
                           section: report.section.name, sectionHref: root + SitePaths.part(report.section.slug),
                           figureCount: report.figures.count, org: report.metadata.org, date: date.map(strings.format), dateISO: date?.iso,
                           page: report.metadata.page)
    }

    func catalogueItem(_ entry: CatalogueEntry, root: String) -> CatalogueItem {
        let href = entry.caseSlug.flatMap { published.contains($0) ? root + SitePaths.casePage($0) : nil }
        return CatalogueItem(title: entry.title, unit: entry.unit, page: entry.page, caseHref: href)
    }

    /// The home page. When the parts' entries and cases are more than a list page holds, each part shows
    /// its share of one page (at least 10) and leads to its own pages for the rest.
    public func home() -> HomePage {
        let catalogued = Set(model.catalogue.compactMap(\.caseSlug))
        let listed = model.parts.map { part in
            (part, model.catalogue.filter { $0.sectionSlug == part.section.slug }, part.cases.filter { !catalogued.contains($0.slug) })
        }.filter { !$0.1.isEmpty || !$0.2.isEmpty }
        let total = listed.reduce(0) { $0 + $1.1.count + $1.2.count }
        let share = total <= Self.listPageSize ? Int.max : max(10, Self.listPageSize / max(1, listed.count))
        let groups = listed.map { part, entries, extra -> HomePage.Group in
            let shownEntries = entries.prefix(share), shownExtra = extra.prefix(share - shownEntries.count)
            return HomePage.Group(name: part.section.name, href: SitePaths.part(part.section.slug),
                                  entries: shownEntries.map { catalogueItem($0, root: "") }, extra: shownExtra.map { caseSummary($0, root: "") },
                                  more: entries.count + extra.count - shownEntries.count - shownExtra.count)
        }
        return HomePage(frame: frame(path: SitePaths.home, title: nil), groups: groups,
                        loose: model.catalogue.filter { $0.sectionSlug == nil }.map { catalogueItem($0, root: "") },
                        entryCount: model.catalogue.count,
                        pendingCount: model.catalogue.filter { $0.caseSlug.map { !published.contains($0) } ?? true }.count,
                        caseCount: model.cases.count, figureCount: model.cases.reduce(0) { $0 + $1.figures.count })
    }

    /// A case's page; `body` is its rendered body.
    public func casePage(_ report: CaseReport, body: String) -> CasePage {
        let path = SitePaths.casePage(report.slug), root = SitePaths.root(of: path)
        let (previous, next) = model.neighbours(of: report.slug)
        func link(_ other: CaseReport?) -> Link? { other.map { Link(title: $0.title, href: root + SitePaths.casePage($0.slug)) } }
        return CasePage(
            frame: frame(path: path, title: report.title, currentSection: report.section.slug, currentCase: report.slug), summary: caseSummary(report, root: root),
            body: HTML(trusted: body), orgHref: report.metadata.org.map { unitHref($0, root: root) },
            tags: report.metadata.tags.map { Link(title: $0, href: root + SitePaths.tag($0)) },
            toc: report.outline.headings.filter { $0.level <= 3 }.map { CasePage.TocEntry(text: $0.text, href: "#" + $0.id, level: $0.level) },
            breadcrumbs: [Link(title: model.config.title, href: root + SitePaths.home),
                          Link(title: report.section.name, href: root + SitePaths.part(report.section.slug))],
            previous: link(previous), next: link(next), nextPart: nextPart(after: report, root: root))
    }

    /// The next part with cases, when `report` is the last case of its part.
    func nextPart(after report: CaseReport, root: String) -> Link? {
        guard let index = model.parts.firstIndex(where: { $0.section.slug == report.section.slug }),
              model.parts[index].cases.last?.slug == report.slug,
              let next = model.parts[(index + 1)...].first(where: { !$0.cases.isEmpty }) else { return nil }
        return Link(title: next.section.name, href: root + SitePaths.part(next.section.slug))
    }

    /// `orgs.html` of a book that does not `splitsUnits`: every unit with its cases.
    public func orgIndex() -> OrgIndexPage {
        OrgIndexPage(frame: frame(path: SitePaths.orgs, title: nil), orgs: model.orgs.map { group in
            OrgIndexPage.Org(name: group.name, anchor: SitePaths.orgAnchor(group.name), cases: group.cases.map { caseSummary($0, root: "") })
        })
    }

    /// The figure index: every case's figures, part by part; `chart` gives the chart of a case's figure by
    /// its place among the case's figures. A book that `splitsFigures` gets each part's figure lists instead.
    public func figureIndex(chart: (_ report: CaseReport, _ figure: Int) -> String) -> FigureIndexPage {
        let parts = splitsFigures ? figureIndexLists() : model.parts.compactMap { part -> FigureIndexPage.Part? in
            let cases = part.cases.filter { !$0.figures.isEmpty }
            guard !cases.isEmpty else { return nil }
            return FigureIndexPage.Part(name: part.section.name, href: SitePaths.part(part.section.slug), cases: cases.map { report in
                FigureIndexPage.Case(title: report.title, href: SitePaths.casePage(report.slug), figures: report.figures.enumerated().map { index, figure in
                    FigureIndexPage.Figure(id: figure.id, title: figure.title, href: SitePaths.casePage(report.slug) + "#" + figure.anchor,
                                           chart: HTML(trusted: chart(report, index)), rows: FigureHTML.rows(for: figure, words: strings.chart),
                                           series: figure.kind == .compare ? figure.series : nil)
                })
            })
        }
        return FigureIndexPage(frame: frame(path: SitePaths.figures, title: nil), parts: parts,
                               figureCount: model.cases.reduce(0) { $0 + $1.figures.count }, csvHref: SitePaths.figuresCSV)
    }

    /// The book's print page: every case in reading order, or, for a long book, the parts' print pages.
    public func printBook(_ plan: PrintPlan) -> PrintPage {
        printPage(path: SitePaths.printBook, parts: model.parts.filter { !$0.cases.isEmpty }, printed: plan.wholeBook, partName: nil)
    }

    /// One part's print page: its cases in reading order, or, for a part printed in volumes, its volumes.
    public func printPart(_ part: SiteModel.Part, _ plan: PrintPlan) -> PrintPage {
        let path = SitePaths.printPart(part.section.slug)
        guard let volumes = plan.volumes[part.section.slug], volumes.count > 1 else {
            return printPage(path: path, parts: [part], printed: true, partName: part.section.name)
        }
        var first = 1
        let listed = volumes.enumerated().map { index, volume in
            defer { first += volume.count }
            return PrintPage.Part(name: part.section.name, slug: part.section.slug, printedHere: false,
                                  printHref: SitePaths.printVolume(part.section.slug, volume: index + 1), count: volume.count, chapters: [],
                                  volume: index + 1, firstCase: first, lastCase: first + volume.count - 1)
        }
        return PrintPage(frame: frame(path: path, title: nil), partName: part.section.name, parts: listed, caseCount: part.cases.count,
                         figureCount: part.cases.reduce(0) { $0 + $1.figures.count })
    }

    /// Volume `number` (from 1) of a part printed in volumes: `volume`'s cases in reading order.
    public func printVolume(_ volume: SiteModel.Part, number: Int) -> PrintPage {
        var page = printPage(path: SitePaths.printVolume(volume.section.slug, volume: number), parts: [volume], printed: true, partName: volume.section.name)
        page.volume = number
        return page
    }

    private func printPage(path: String, parts: [SiteModel.Part], printed: Bool, partName: String?) -> PrintPage {
        let cases = parts.flatMap(\.cases)
        return PrintPage(frame: frame(path: path, title: nil), partName: partName, parts: parts.map { part in
            PrintPage.Part(name: part.section.name, slug: part.section.slug, printedHere: printed, printHref: SitePaths.printPart(part.section.slug),
                           count: part.cases.count,
                           chapters: printed ? part.cases.map { Link(title: $0.title, href: PrintBody.chapterID($0.slug)) } : [])
        }, caseCount: cases.count, figureCount: cases.reduce(0) { $0 + $1.figures.count })
    }

    /// One case on a print page: `body` is the case's body already moved onto the page (see `PrintBody`).
    public func printCase(_ report: CaseReport, body: String) -> PrintCase {
        let date = report.metadata.date
        return PrintCase(chapter: PrintBody.chapterID(report.slug), part: report.section.name, title: report.title, org: report.metadata.org,
                         date: date.map(strings.format), dateISO: date?.iso, page: report.metadata.page, body: HTML(trusted: body))
    }
}
