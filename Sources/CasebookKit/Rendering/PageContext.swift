/// Builds the values each page template sees. Every page gets `root` (the way back to the site's top,
/// `""` or `"../"`), the site's data and its rendered frame (see `PageChrome`); content values are escaped by the templates.
/// Text values are `TemplateText`, numbers `Int` and flags `Bool`.
public struct PageContext: Sendable {
    public let model: SiteModel
    public let strings: SiteStrings
    private let chrome: PageChrome

    /// Parts with more cases than this show only their link in the sidebar.
    public static let sidebarCaseLimit = 60

    /// Slugs of the published cases, for linking catalogue entries.
    let published: Set<String>

    public init(model: SiteModel, templates: TemplateSet) {
        self.model = model
        self.strings = templates.strings
        self.chrome = PageChrome(templates: templates)
        self.published = Set(model.cases.map(\.slug))
    }

    /// Values shared by every page at `path`.
    public func common(path: String, title: String?, currentSection: String? = nil) -> [String: Any] {
        let root = SitePaths.root(of: path)
        var context = siteValues(root: root)
        // The frame is shared by many pages, so it is given the site's values only, never this page's.
        let pieces = chrome.pieces(root: root, currentSection: currentSection) {
            var values = context
            values["nav_parts"] = navigation(root: root, currentSection: currentSection)
            return values
        }
        for (name, piece) in pieces { context[name] = TemplateText(piece) }
        context["page_title"] = TemplateText(title ?? "")
        context["has_page_title"] = title != nil
        return context
    }

    /// The values that are the same on every page at `root`.
    private func siteValues(root: String) -> [String: Any] {
        let config = model.config
        var site: [String: Any] = ["title": TemplateText(config.title), "language": TemplateText(config.language)]
        if let subtitle = config.subtitle { site["subtitle"] = TemplateText(subtitle) }
        if let editor = config.editor { site["editor"] = TemplateText(editor) }
        if let publisher = config.publisher { site["publisher"] = TemplateText(publisher) }
        if let description = config.description { site["description"] = TemplateText(description) }
        return [
            "root": TemplateText(root),
            "site": site,
            "stylesheet": TemplateText(root + SitePaths.stylesheet),
            "home_href": TemplateText(root + SitePaths.home),
            "tags_href": TemplateText(root + SitePaths.tags),
            "orgs_href": TemplateText(root + SitePaths.orgs),
            "figures_href": TemplateText(root + SitePaths.figures),
            "print_href": TemplateText(root + SitePaths.printBook),
        ]
    }

    /// The book's parts for the sidebar, `currentSection`'s marked.
    private func navigation(root: String, currentSection: String?) -> [[String: Any]] {
        model.parts.map { part in
            // The sidebar lists the cases of the current part only, and only while that list stays short;
            // a long part is reached through its own page. Every page listing every case grows as n².
            let listsCases = part.section.slug == currentSection && part.cases.count <= Self.sidebarCaseLimit
            return [
                "name": TemplateText(part.section.name), "href": TemplateText(root + SitePaths.part(part.section.slug)),
                "current": part.section.slug == currentSection, "count": part.cases.count,
                "cases": listsCases ? part.cases.map { ["title": TemplateText($0.title), "href": TemplateText(root + SitePaths.casePage($0.slug))] } : [],
                "has_cases": listsCases && !part.cases.isEmpty,
            ] as [String: Any]
        }
    }

    func caseSummary(_ report: CaseReport, root: String) -> [String: Any] {
        var item: [String: Any] = [
            "title": TemplateText(report.title), "href": TemplateText(root + SitePaths.casePage(report.slug)),
            "summary": TemplateText(report.summary), "section": TemplateText(report.section.name),
            "section_href": TemplateText(root + SitePaths.part(report.section.slug)),
            "figure_count": report.figures.count, "has_figures": !report.figures.isEmpty,
        ]
        if let org = report.metadata.org { item["org"] = TemplateText(org) }
        if let date = report.metadata.date { item["date"] = TemplateText(strings.format(date)); item["date_iso"] = TemplateText(date.iso) }
        if let page = report.metadata.page { item["page"] = page }
        return item
    }

    func catalogueItem(_ entry: CatalogueEntry, root: String) -> [String: Any] {
        // Every key is always set: Mustache would otherwise look a missing one up in the enclosing part.
        var item: [String: Any] = ["title": TemplateText(entry.title), "unit": TemplateText(entry.unit ?? ""),
                                   "page": TemplateText(entry.page.map(String.init) ?? ""), "case_href": TemplateText(""), "digitised": false,
                                   "has_unit": entry.unit != nil, "has_page": entry.page != nil]
        if let slug = entry.caseSlug, published.contains(slug) {
            item["case_href"] = TemplateText(root + SitePaths.casePage(slug))
            item["digitised"] = true
        }
        return item
    }

    public func home() -> [String: Any] {
        let path = SitePaths.home
        var context = common(path: path, title: nil)
        let catalogued = Set(model.catalogue.compactMap(\.caseSlug))
        var groups: [[String: Any]] = []
        for part in model.parts {
            let entries = model.catalogue.filter { $0.sectionSlug == part.section.slug }
            let extra = part.cases.filter { !catalogued.contains($0.slug) }
            guard !entries.isEmpty || !extra.isEmpty else { continue }
            groups.append([
                "name": TemplateText(part.section.name), "href": TemplateText(SitePaths.part(part.section.slug)),
                "entries": entries.map { catalogueItem($0, root: "") },
                "extra": extra.map { caseSummary($0, root: "") }, "has_extra": !extra.isEmpty,
            ])
        }
        let loose = model.catalogue.filter { $0.sectionSlug == nil }
        context["toc"] = groups
        context["toc_loose"] = loose.map { catalogueItem($0, root: "") }
        context["has_toc_loose"] = !loose.isEmpty
        context["has_catalogue"] = !model.catalogue.isEmpty
        context["case_count"] = model.cases.count
        context["entry_count"] = model.catalogue.count
        context["figure_count"] = model.cases.reduce(0) { $0 + $1.figures.count }
        return context
    }

    public func part(_ part: SiteModel.Part) -> [String: Any] {
        let path = SitePaths.part(part.section.slug)
        var context = common(path: path, title: part.section.name, currentSection: part.section.slug)
        let root = SitePaths.root(of: path)
        let pending = model.catalogue.filter { $0.sectionSlug == part.section.slug && ($0.caseSlug.map { !published.contains($0) } ?? true) }
        context["part"] = ["name": TemplateText(part.section.name), "slug": TemplateText(part.section.slug)]
        context["cases"] = part.cases.map { caseSummary($0, root: root) }
        context["has_cases"] = !part.cases.isEmpty
        context["part_print_href"] = TemplateText(root + SitePaths.printPart(part.section.slug))
        context["pending"] = pending.map { catalogueItem($0, root: root) }
        context["has_pending"] = !pending.isEmpty
        return context
    }

    public func casePage(_ report: CaseReport, body: String) -> [String: Any] {
        let path = SitePaths.casePage(report.slug)
        var context = common(path: path, title: report.title, currentSection: report.section.slug)
        let root = SitePaths.root(of: path)
        var item = caseSummary(report, root: root)
        item["body"] = TemplateText(body)
        item["tags"] = report.metadata.tags.map { ["name": TemplateText($0), "href": TemplateText(root + SitePaths.tag($0))] }
        item["has_tags"] = !report.metadata.tags.isEmpty
        if let org = report.metadata.org { item["org_href"] = TemplateText(root + SitePaths.orgs + "#" + SitePaths.orgAnchor(org)) }
        let toc = report.outline.headings.filter { $0.level <= 3 }
        item["toc"] = toc.map { ["text": TemplateText($0.text), "href": TemplateText("#" + $0.id), "level": $0.level, "sub": $0.level == 3] as [String: Any] }
        item["has_toc"] = toc.count > 1
        context["case"] = item
        let (previous, next) = model.neighbours(of: report.slug)
        if let previous { context["previous"] = ["title": TemplateText(previous.title), "href": TemplateText(root + SitePaths.casePage(previous.slug))] }
        if let next { context["next"] = ["title": TemplateText(next.title), "href": TemplateText(root + SitePaths.casePage(next.slug))] }
        context["breadcrumbs"] = [
            ["name": TemplateText(model.config.title), "href": TemplateText(root + SitePaths.home)],
            ["name": TemplateText(report.section.name), "href": TemplateText(root + SitePaths.part(report.section.slug))],
        ]
        return context
    }

    public func tag(_ group: SiteModel.Group) -> [String: Any] {
        let path = SitePaths.tag(group.name)
        var context = common(path: path, title: group.name)
        let root = SitePaths.root(of: path)
        context["tag"] = ["name": TemplateText(group.name), "count": group.cases.count]
        context["cases"] = group.cases.map { caseSummary($0, root: root) }
        return context
    }

    public func tagIndex() -> [String: Any] {
        var context = common(path: SitePaths.tags, title: nil)
        context["tags"] = model.tags.map { ["name": TemplateText($0.name), "href": TemplateText(SitePaths.tag($0.name)), "count": $0.cases.count] as [String: Any] }
        context["has_tags"] = !model.tags.isEmpty
        return context
    }

    public func orgIndex() -> [String: Any] {
        var context = common(path: SitePaths.orgs, title: nil)
        context["orgs"] = model.orgs.map { group in
            ["name": TemplateText(group.name), "anchor": TemplateText(SitePaths.orgAnchor(group.name)), "cases": group.cases.map { caseSummary($0, root: "") }] as [String: Any]
        }
        context["has_orgs"] = !model.orgs.isEmpty
        return context
    }

    /// The figure index: every case's figures, part by part; `chart` gives the chart of a case's figure
    /// by its place among the case's figures.
    public func figureIndex(chart: (_ report: CaseReport, _ figure: Int) -> String) -> [String: Any] {
        var context = common(path: SitePaths.figures, title: nil)
        context["parts"] = model.parts.compactMap { part -> [String: Any]? in
            let cases = part.cases.filter { !$0.figures.isEmpty }
            guard !cases.isEmpty else { return nil }
            return [
                "name": TemplateText(part.section.name), "href": TemplateText(SitePaths.part(part.section.slug)),
                "cases": cases.map { report in
                    [
                        "title": TemplateText(report.title), "href": TemplateText(SitePaths.casePage(report.slug)),
                        "figures": report.figures.enumerated().map { index, figure in
                            ["id": TemplateText(figure.id), "title": TemplateText(figure.title),
                             "href": TemplateText(SitePaths.casePage(report.slug) + "#" + figure.anchor), "svg": TemplateText(chart(report, index))] as [String: Any]
                        },
                    ] as [String: Any]
                },
            ]
        }
        context["figure_count"] = model.cases.reduce(0) { $0 + $1.figures.count }
        return context
    }

    /// Books with more cases than this print one part per page: `print.html` then lists the parts.
    public static let printBookCaseLimit = 200

    /// True when `print.html` holds every case; otherwise it links to one print page per part.
    public var printsWholeBook: Bool { model.cases.count <= Self.printBookCaseLimit }

    /// The book's print page: every case in reading order with its charts, or, for a long book, the parts'
    /// print pages. `articles` gives each part's cases already rendered (see `printCase`).
    public func printBook(articles: (SiteModel.Part) -> String) -> [String: Any] {
        printPage(path: SitePaths.printBook, parts: model.parts.filter { !$0.cases.isEmpty }, printed: printsWholeBook, articles: articles)
    }

    /// One part's print page: its cases in reading order with their charts.
    public func printPart(_ part: SiteModel.Part, articles: (SiteModel.Part) -> String) -> [String: Any] {
        var context = printPage(path: SitePaths.printPart(part.section.slug), parts: [part], printed: true, articles: articles)
        context["is_part"] = true
        context["part_name"] = TemplateText(part.section.name)
        return context
    }

    /// One case on a print page, for `partials/print-case`, which is rendered on its own for each case:
    /// `body` is the case's body already moved onto the page (see `PrintBody`).
    public func printCase(_ report: CaseReport, body: String) -> [String: Any] {
        var item = caseSummary(report, root: "")
        item["chapter"] = TemplateText(PrintBody.chapterID(report.slug))
        item["part"] = TemplateText(report.section.name)
        item["body"] = TemplateText(body)
        return item
    }

    private func printPage(path: String, parts: [SiteModel.Part], printed: Bool, articles: (SiteModel.Part) -> String) -> [String: Any] {
        var context = common(path: path, title: nil)
        context["is_part"] = false
        context["parts"] = parts.map { part in
            [
                "name": TemplateText(part.section.name), "printed_here": printed,
                "print_href": TemplateText(SitePaths.printPart(part.section.slug)),
                "count": part.cases.count,
                "cases": !printed ? [] : part.cases.map { report in
                    var item = caseSummary(report, root: "")
                    item["chapter"] = TemplateText(PrintBody.chapterID(report.slug))
                    return item
                },
                "articles": TemplateText(printed ? articles(part) : ""),
            ] as [String: Any]
        }
        let cases = parts.flatMap(\.cases)
        context["case_count"] = cases.count
        context["figure_count"] = cases.reduce(0) { $0 + $1.figures.count }
        return context
    }

    public func notFound() -> [String: Any] { common(path: SitePaths.notFound, title: nil) }
}
