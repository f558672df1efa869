/// A heading of a case body, for the page's table of contents and for `#heading` links.
public struct Heading: Sendable, Hashable, Codable {
    public var level: Int
    public var text: String
    public var id: String
}

/// A link from one case to another case's file, checked once every case is known.
public struct CaseLink: Sendable, Hashable, Codable {
    public var slug: String
    public var fragment: String?
    public var location: SourceLocation
}

/// A block of body text under the nearest heading, for search and summaries.
public struct TextBlock: Sendable, Hashable, Codable {
    public var headingID: String?
    public var headingText: String?
    public var text: String
}

/// A figure block handed to the figure stage: its YAML and where it starts.
public struct FigureBlockSource: Sendable {
    public var text: String
    /// Position of the first line inside the fences.
    public var location: SourceLocation
}

/// What the figure stage gives back for one block: the figure, if valid, its HTML and its chart alone
/// (the SVG inside that HTML, which the figure index shows too).
public struct RenderedFigure: Sendable {
    public var figure: Figure?
    public var html: String
    public var chart: String
    public var diagnostics: [Diagnostic]
    public init(figure: Figure?, html: String, chart: String = "", diagnostics: [Diagnostic]) {
        self.figure = figure
        self.html = html
        self.chart = chart
        self.diagnostics = diagnostics
    }
}

/// A case body rendered to HTML with everything later stages need to know about it.
public struct RenderedMarkdown: Sendable, Codable {
    public var html: String
    public var headings: [Heading]
    public var caseLinks: [CaseLink]
    public var figures: [Figure]
    /// The chart of each figure of `figures`, in the same order.
    public var charts: [String] = []
    public var firstParagraph: String?
    public var textBlocks: [TextBlock]
    public var diagnostics: [Diagnostic]

    /// What pages and link checks need of the body besides its text.
    public var outline: CaseOutline { CaseOutline(headings: headings, caseLinks: caseLinks, figures: figures) }
    /// The body's HTML, its blocks of text and its charts.
    public var text: CaseText { CaseText(html: html, textBlocks: textBlocks, charts: charts) }
}

/// What pages and link checks need of a case body besides its text: its headings, its links to other
/// cases and its figures. Small enough to keep for every case at once.
public struct CaseOutline: Sendable, Codable {
    public var headings: [Heading]
    public var caseLinks: [CaseLink]
    public var figures: [Figure]
}

/// The bulk of a rendered case body: its HTML, its blocks of text for search and its charts. A build keeps
/// it in the case cache and loads it when a page needs it (`CaseTexts`), so it never holds every case's text
/// at once.
public struct CaseText: Sendable, Codable, Equatable {
    public var html: String
    public var textBlocks: [TextBlock]
    /// The chart of each figure, in the outline's order, for the figure index (drawn once, for the case page).
    public var charts: [String] = []
}
