/// The chart kinds a figure block may ask for: `bar` (one bar per answer on a 0–100 % scale), `stacked`
/// (one 100 % bar divided among the answers), `pie` (a ring divided the same way), `compare` (the same
/// answers at several moments, one bar per series) and `multiple` (a question with several answers
/// allowed: each answer's own bar against 100 %, shares that may add up to more than 100).
public enum ChartKind: String, Sendable, CaseIterable, Codable {
    case bar, stacked, pie, compare, multiple
}

/// One survey figure as the editor wrote it: only the numbers the text states.
public struct Figure: Sendable, Hashable, Codable {
    /// The editor's id, `1-1`; the anchor on the page is `fig-1-1`.
    public var id: String
    public var title: String
    public var kind: ChartKind
    public var base: Int?
    public var population: String?
    public var source: String?
    /// For `compare`: the moments compared (`1997 年`, `1998 年`); empty otherwise.
    public var series: [String]
    /// The answers in the order written; one value per series (one for the other kinds).
    public var rows: [Row]
    /// Where the block starts in its file.
    public var location: SourceLocation

    public struct Row: Sendable, Hashable, Codable {
        public var label: String
        public var values: [Double]
        public init(label: String, values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    public init(id: String, title: String, kind: ChartKind, base: Int? = nil, population: String? = nil, source: String? = nil,
                series: [String] = [], rows: [Row], location: SourceLocation) {
        self.id = id
        self.title = title
        self.kind = kind
        self.base = base
        self.population = population
        self.source = source
        self.series = series
        self.rows = rows
        self.location = location
    }

    public var anchor: String { FigureReference.anchor(for: id) }

    /// How many values each row holds (the number of series for `compare`).
    public var seriesCount: Int { kind == .compare ? series.count : 1 }

    /// The unreported share for series `index`: 100 less the stated values, or 0 when they reach 100.
    /// It is never spread over the answers. A `multiple` figure has none: its answers are not parts of a whole.
    public func remainder(series index: Int = 0) -> Double {
        if kind == .multiple { return 0 }
        let total = rows.reduce(0) { $0 + ($1.values.indices.contains(index) ? $1.values[index] : 0) }
        let rest = 100 - total
        return rest > 0.05 ? rest : 0
    }
}
