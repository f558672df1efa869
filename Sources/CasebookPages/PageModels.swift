/// The values the page templates are given: one plain value type per page kind, made by the rendering
/// stage from the site model. Every address here is ready to use from the page it is on (relative to it).
/// Optional fields are left out of the page when nil.

/// The book as every page names it (`site.yaml`).
public struct SiteInfo: Sendable {
    public var title: String
    public var language: String
    public var subtitle: String?
    public var editor: String?
    public var publisher: String?
    public var description: String?

    public init(title: String, language: String, subtitle: String? = nil, editor: String? = nil, publisher: String? = nil, description: String? = nil) {
        (self.title, self.language, self.subtitle, self.editor, self.publisher, self.description) = (title, language, subtitle, editor, publisher, description)
    }
}

/// A titled link.
public struct Link: Sendable {
    public var title: String
    public var href: String
    public init(title: String, href: String) { (self.title, self.href) = (title, href) }
}

/// One part of the book in the sidebar; `cases` lists its cases when it is the current part and short,
/// `currentCase` is the place among them of the case the page is.
public struct NavPart: Sendable {
    public var name: String
    public var href: String
    public var isCurrent: Bool
    public var cases: [Link]
    public var currentCase: Int?
    public init(name: String, href: String, isCurrent: Bool, cases: [Link], currentCase: Int? = nil) {
        (self.name, self.href, self.isCurrent, self.cases, self.currentCase) = (name, href, isCurrent, cases, currentCase)
    }
}

/// What every page's frame shows: the page title, the site's links from this page's folder, and the sidebar.
public struct PageFrame: Sendable {
    public var site: SiteInfo
    /// The page's own title, before the site's in `<title>`; nil for pages that are the site's.
    public var title: String?
    /// The way back to the site's top from this page: `""` or `"../"`.
    public var root: String
    public var stylesheet: String
    public var homeHref: String
    public var figuresHref: String
    public var tagsHref: String
    public var orgsHref: String
    public var printHref: String
    public var searchHref: String
    public var searchScript: String
    public var navParts: [NavPart]
    /// The stylesheet itself, for a page that must keep its look wherever a server shows it (the 404 page);
    /// nil links `stylesheet`.
    public var inlineStylesheet: String? = nil

    public init(site: SiteInfo, title: String?, root: String, stylesheet: String, homeHref: String, figuresHref: String, tagsHref: String,
                orgsHref: String, printHref: String, searchHref: String, searchScript: String, navParts: [NavPart]) {
        self.site = site
        self.title = title
        self.root = root
        self.stylesheet = stylesheet
        self.homeHref = homeHref
        self.figuresHref = figuresHref
        self.tagsHref = tagsHref
        self.orgsHref = orgsHref
        self.printHref = printHref
        self.searchHref = searchHref
        self.searchScript = searchScript
        self.navParts = navParts
    }
}

/// A case as lists show it.
public struct CaseSummary: Sendable {
    public var title: String
    public var href: String
    public var summary: String
    public var section: String
    public var sectionHref: String
    public var figureCount: Int
    public var org: String?
    /// The date as the book writes it, and as `<time datetime>` wants it.
    public var date: String?
    public var dateISO: String?
    public var page: Int?

    public init(title: String, href: String, summary: String, section: String, sectionHref: String, figureCount: Int,
                org: String?, date: String?, dateISO: String?, page: Int?) {
        (self.title, self.href, self.summary, self.section, self.sectionHref) = (title, href, summary, section, sectionHref)
        (self.figureCount, self.org, self.date, self.dateISO, self.page) = (figureCount, org, date, dateISO, page)
    }
}

/// An entry of the printed contents; `caseHref` is set when its case is on the site.
public struct CatalogueItem: Sendable {
    public var title: String
    public var unit: String?
    public var page: Int?
    public var caseHref: String?
    public init(title: String, unit: String?, page: Int?, caseHref: String?) {
        (self.title, self.unit, self.page, self.caseHref) = (title, unit, page, caseHref)
    }
}

/// The home page: the cover and the book's contents, part by part.
public struct HomePage: Sendable {
    public struct Group: Sendable {
        public var name: String
        public var href: String
        public var entries: [CatalogueItem]
        /// Cases of the part that are not in the printed contents.
        public var extra: [CaseSummary]
        /// How many more entries and cases the part has than the page shows (a long part's are on its own pages).
        public var more: Int
        public init(name: String, href: String, entries: [CatalogueItem], extra: [CaseSummary], more: Int = 0) {
            (self.name, self.href, self.entries, self.extra, self.more) = (name, href, entries, extra, more)
        }
    }

    public var frame: PageFrame
    public var groups: [Group]
    /// Entries of the printed contents outside every part.
    public var loose: [CatalogueItem]
    public var entryCount: Int
    /// Entries of the printed contents whose case is not on the site.
    public var pendingCount: Int
    public var caseCount: Int
    public var figureCount: Int

    public init(frame: PageFrame, groups: [Group], loose: [CatalogueItem], entryCount: Int, pendingCount: Int, caseCount: Int, figureCount: Int) {
        (self.frame, self.groups, self.loose, self.entryCount, self.caseCount, self.figureCount) = (frame, groups, loose, entryCount, caseCount, figureCount)
        self.pendingCount = pendingCount
    }
}

/// A part's page: its cases and the entries of the printed contents not yet on the site.
public struct PartPage: Sendable {
    public var frame: PageFrame
    public var name: String
    public var cases: [CaseSummary]
    public var printHref: String
    public var pending: [CatalogueItem]
    /// Set when the part's cases and pending entries take more than one page; `cases` and `pending` are then this page's.
    public var pager: Pager?
    public init(frame: PageFrame, name: String, cases: [CaseSummary], printHref: String, pending: [CatalogueItem], pager: Pager? = nil) {
        (self.frame, self.name, self.cases, self.printHref, self.pending, self.pager) = (frame, name, cases, printHref, pending, pager)
    }
}

/// A case's own page.
public struct CasePage: Sendable {
    public struct TocEntry: Sendable {
        public var text: String
        public var href: String
        public var level: Int
        public init(text: String, href: String, level: Int) { (self.text, self.href, self.level) = (text, href, level) }
    }

    public var frame: PageFrame
    public var summary: CaseSummary
    /// The rendered body (cmark's HTML with the figures).
    public var body: HTML
    public var orgHref: String?
    public var tags: [Link]
    /// The headings of levels 1 to 3; shown when there are two or more.
    public var toc: [TocEntry]
    public var breadcrumbs: [Link]
    public var previous: Link?
    public var next: Link?
    /// The next part (with cases), when this is the last case of its part.
    public var nextPart: Link?

    public init(frame: PageFrame, summary: CaseSummary, body: HTML, orgHref: String?, tags: [Link], toc: [TocEntry],
                breadcrumbs: [Link], previous: Link?, next: Link?, nextPart: Link? = nil) {
        (self.frame, self.summary, self.body, self.orgHref, self.tags) = (frame, summary, body, orgHref, tags)
        (self.toc, self.breadcrumbs, self.previous, self.next, self.nextPart) = (toc, breadcrumbs, previous, next, nextPart)
    }
}

/// A tag's page: the cases that carry it.
public struct TagPage: Sendable {
    public var frame: PageFrame
    public var name: String
    /// The cases on this page, and how many carry the tag in all.
    public var cases: [CaseSummary]
    public var caseCount: Int
    public var pager: Pager?
    public init(frame: PageFrame, name: String, cases: [CaseSummary], caseCount: Int? = nil, pager: Pager? = nil) {
        (self.frame, self.name, self.cases, self.caseCount, self.pager) = (frame, name, cases, caseCount ?? cases.count, pager)
    }
}

/// Every tag with its number of cases.
public struct TagIndexPage: Sendable {
    public struct Tag: Sendable {
        public var name: String
        public var href: String
        public var count: Int
        public init(name: String, href: String, count: Int) { (self.name, self.href, self.count) = (name, href, count) }
    }

    public var frame: PageFrame
    /// The tags on this page.
    public var tags: [Tag]
    public var pager: Pager?
    public init(frame: PageFrame, tags: [Tag], pager: Pager? = nil) { (self.frame, self.tags, self.pager) = (frame, tags, pager) }
}

/// Every reporting unit with its cases.
public struct OrgIndexPage: Sendable {
    public struct Org: Sendable {
        public var name: String
        public var anchor: String
        public var cases: [CaseSummary]
        public init(name: String, anchor: String, cases: [CaseSummary]) { (self.name, self.anchor, self.cases) = (name, anchor, cases) }
    }

    public var frame: PageFrame
    public var orgs: [Org]
    public init(frame: PageFrame, orgs: [Org]) { (self.frame, self.orgs) = (frame, orgs) }
}

/// Every figure, part by part and case by case, with its chart.
public struct FigureIndexPage: Sendable {
    public struct Figure: Sendable {
        public var id: String
        public var title: String
        public var href: String
        /// Nil on a page that lists figures without drawing them.
        public var chart: HTML?
        /// Its numbers, as the table under it on the case page shows them; `series` for a `compare` figure.
        public var rows: [FigureBlock.Row]
        public var series: [String]?
        public init(id: String, title: String, href: String, chart: HTML? = nil, rows: [FigureBlock.Row] = [], series: [String]? = nil) {
            (self.id, self.title, self.href, self.chart, self.rows, self.series) = (id, title, href, chart, rows, series)
        }
    }

    public struct Case: Sendable {
        public var title: String
        public var href: String
        public var figures: [Figure]
        public init(title: String, href: String, figures: [Figure]) { (self.title, self.href, self.figures) = (title, href, figures) }
    }

    public struct Part: Sendable {
        public var name: String
        public var href: String
        /// The part's cases with their figures; empty when they are on the part's figure lists (`lists`).
        public var cases: [Case]
        public var figureCount: Int
        public var lists: [FigureListLink]
        public init(name: String, href: String, cases: [Case], figureCount: Int = 0, lists: [FigureListLink] = []) {
            (self.name, self.href, self.cases, self.figureCount, self.lists) = (name, href, cases, figureCount, lists)
        }
    }

    public var frame: PageFrame
    public var parts: [Part]
    public var figureCount: Int
    /// Every figure's numbers in one CSV file.
    public var csvHref: String
    public init(frame: PageFrame, parts: [Part], figureCount: Int, csvHref: String) {
        (self.frame, self.parts, self.figureCount, self.csvHref) = (frame, parts, figureCount, csvHref)
    }
}

/// A print page: the book's or one part's cases in reading order, or, for a long book, its parts' print pages.
public struct PrintPage: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var slug: String
        /// True when the part's cases are on this page; otherwise the page links to the part's own.
        public var printedHere: Bool
        public var printHref: String
        public var count: Int
        /// The cases' chapters on this page (`#chapter`) and titles, for the contents.
        public var chapters: [Link]
        /// On a part's page that lists its volumes: the volume's number, and the places in the part (from 1)
        /// of its first and last case.
        public var volume: Int?
        public var firstCase: Int
        public var lastCase: Int
        public init(name: String, slug: String, printedHere: Bool, printHref: String, count: Int, chapters: [Link],
                    volume: Int? = nil, firstCase: Int = 0, lastCase: Int = 0) {
            (self.name, self.slug, self.printedHere, self.printHref, self.count, self.chapters) = (name, slug, printedHere, printHref, count, chapters)
            (self.volume, self.firstCase, self.lastCase) = (volume, firstCase, lastCase)
        }
    }

    public var frame: PageFrame
    /// The part's name on a part's print page; nil on the book's.
    public var partName: String?
    public var parts: [Part]
    public var caseCount: Int
    public var figureCount: Int
    /// The volume's number on a volume of a part's print page.
    public var volume: Int?
    public init(frame: PageFrame, partName: String?, parts: [Part], caseCount: Int, figureCount: Int, volume: Int? = nil) {
        (self.frame, self.partName, self.parts, self.caseCount, self.figureCount, self.volume) = (frame, partName, parts, caseCount, figureCount, volume)
    }
}

/// One case on a print page, rendered on its own so a rebuild can keep the cases that did not change.
public struct PrintCase: Sendable {
    public var chapter: String
    public var part: String
    public var title: String
    public var org: String?
    public var date: String?
    public var dateISO: String?
    public var page: Int?
    /// The body moved onto the print page (its links and ids rewritten).
    public var body: HTML
    public init(chapter: String, part: String, title: String, org: String?, date: String?, dateISO: String?, page: Int?, body: HTML) {
        (self.chapter, self.part, self.title, self.org, self.date, self.dateISO, self.page, self.body) = (chapter, part, title, org, date, dateISO, page, body)
    }
}

/// A figure block as a case page shows it: the chart, a table of its numbers and its CSV file.
public struct FigureBlock: Sendable {
    public struct Row: Sendable {
        public var label: String
        /// The values as written (`81%` style is the chart's; here `81`), one per series.
        public var values: [String]
        /// True for the share the text does not report.
        public var isRemainder: Bool
        public init(label: String, values: [String], isRemainder: Bool) { (self.label, self.values, self.isRemainder) = (label, values, isRemainder) }
    }

    public var id: String
    public var anchor: String
    public var title: String
    /// The chart kind's name (`bar`, `stacked`, `pie`, `compare`), for the class.
    public var kind: String
    public var chart: HTML
    public var rows: [Row]
    /// The series' names of a `compare` figure; nil for the other kinds.
    public var series: [String]?
    public var base: Int?
    public var population: String?
    public var source: String?
    public var csvHref: String

    public init(id: String, anchor: String, title: String, kind: String, chart: HTML, rows: [Row], series: [String]?,
                base: Int?, population: String?, source: String?, csvHref: String) {
        (self.id, self.anchor, self.title, self.kind, self.chart, self.rows) = (id, anchor, title, kind, chart, rows)
        (self.series, self.base, self.population, self.source, self.csvHref) = (series, base, population, source, csvHref)
    }
}

/// A print page as pieces of markup around the places of its parts' articles: `pieces[0]`, the articles of
/// `slots[0]`, `pieces[1]`, … `pieces.last`. The articles are put in by the build, which keeps each case's
/// article between builds, so a page of a thousand cases is never rendered or joined whole.
public struct PrintLayout: Sendable {
    public var pieces: [HTML]
    /// The slug of the part whose articles go after each piece but the last.
    public var slots: [String]
    public init(pieces: [HTML], slots: [String]) { (self.pieces, self.slots) = (pieces, slots) }
}

/// The Atom feed of the newest cases; every address is absolute (the site's public address before it).
public struct AtomFeed: Sendable {
    public struct Entry: Sendable {
        public var title: String
        public var url: String
        /// RFC 3339.
        public var updated: String
        public var author: String?
        public var category: String
        public var summary: String
        public init(title: String, url: String, updated: String, author: String?, category: String, summary: String) {
            (self.title, self.url, self.updated, self.author, self.category, self.summary) = (title, url, updated, author, category, summary)
        }
    }

    public var language: String
    public var title: String
    public var subtitle: String?
    /// The site's public address, the feed's id.
    public var id: String
    public var home: String
    public var selfURL: String
    public var updated: String
    public var author: String?
    public var entries: [Entry]

    public init(language: String, title: String, subtitle: String?, id: String, home: String, selfURL: String, updated: String,
                author: String?, entries: [Entry]) {
        (self.language, self.title, self.subtitle, self.id, self.home, self.selfURL) = (language, title, subtitle, id, home, selfURL)
        (self.updated, self.author, self.entries) = (updated, author, entries)
    }
}
