/// The values of pages that hold one page of a long list, and of the pages a big book has in place of a
/// list too long for one page (units, figures, print volumes).

/// Where a list page is among the pages of its list; shown only when the list has more than one page.
public struct Pager: Sendable {
    /// The page's number, from 1.
    public var current: Int
    /// Every page of the list in order, each address relative to this page.
    public var hrefs: [String]
    public init(current: Int, hrefs: [String]) { (self.current, self.hrefs) = (current, hrefs) }

    public var previous: String? { current > 1 ? hrefs[current - 2] : nil }
    public var next: String? { current < hrefs.count ? hrefs[current] : nil }
}

/// One reporting unit's page, in a book whose units' cases are too many for `orgs.html`.
public struct UnitPage: Sendable {
    public var frame: PageFrame
    public var name: String
    /// The unit's cases on this page, and how many it has in all.
    public var cases: [CaseSummary]
    public var caseCount: Int
    public var pager: Pager?
    public init(frame: PageFrame, name: String, cases: [CaseSummary], caseCount: Int, pager: Pager?) {
        (self.frame, self.name, self.cases, self.caseCount, self.pager) = (frame, name, cases, caseCount, pager)
    }
}

/// The units and how many cases each reported, in a book whose units' cases are too many for one page.
public struct UnitIndexPage: Sendable {
    public var frame: PageFrame
    public var units: [TagIndexPage.Tag]
    public var unitCount: Int
    public var pager: Pager?
    public init(frame: PageFrame, units: [TagIndexPage.Tag], unitCount: Int, pager: Pager?) {
        (self.frame, self.units, self.unitCount, self.pager) = (frame, units, unitCount, pager)
    }
}

/// One page of a part's figures, by case, with their numbers and titles, in a book with too many figures
/// for `figures.html` to hold them; each figure links to its chart on its case's page.
public struct FigureListPage: Sendable {
    public var frame: PageFrame
    public var partName: String
    public var partHref: String
    public var indexHref: String
    public var cases: [FigureIndexPage.Case]
    /// The part's figures in all.
    public var figureCount: Int
    public var pager: Pager?
    public init(frame: PageFrame, partName: String, partHref: String, indexHref: String, cases: [FigureIndexPage.Case], figureCount: Int, pager: Pager?) {
        (self.frame, self.partName, self.partHref, self.indexHref, self.cases) = (frame, partName, partHref, indexHref, cases)
        (self.figureCount, self.pager) = (figureCount, pager)
    }
}

/// A page of a part's figure list as `figures.html` links it: its address, and the numbers (in the part's
/// reading order, from 1) of its first and last case.
public struct FigureListLink: Sendable {
    public var href: String
    public var firstCase: Int
    public var lastCase: Int
    public init(href: String, firstCase: Int, lastCase: Int) { (self.href, self.firstCase, self.lastCase) = (href, firstCase, lastCase) }
}
