import Foundation
import Yams

/// Reads a ```` ```figure ```` block with Yams, keeping the order of `data`, and checks it.
/// Every mistake is reported at its line inside the block.
public enum FigureParser {
    public static let knownKeys = ["id", "title", "chart", "base", "population", "source", "series", "data"]
    /// Values may sum to 100 plus this rounding slack.
    public static let sumSlack = 1.0
    /// More labels than this cannot be drawn readably.
    public static let maximumRows = 200

    /// - Parameters:
    ///   - text: the block's content (without the fences)
    ///   - location: the file position of the block's first content line
    public static func parse(_ text: String, at location: SourceLocation) -> (Figure?, [Diagnostic]) {
        let document: YAMLDocument
        do {
            document = try YAMLDocument(yaml: text, file: location.file, firstLine: location.line, columnOffset: location.column - 1)
        } catch {
            return (nil, [error])
        }
        let (pairs, unknown) = document.checkedPairs(document.root, known: knownKeys, context: "a figure")
        var diagnostics = document.warnings + unknown
        var id: String?, title: String?, kind = ChartKind.bar, kindValid = true
        var base: Int?, population: String?, source: String?, series: [String] = []
        var seriesNode: Node?
        var dataNode: Node?
        for (key, value, _) in pairs {
            do throws(Diagnostic) {
                switch key {
                case "id":
                    let text = try document.string(value, key: key).trimmingWhitespace()
                    guard isValidID(text) else {
                        throw .error("figure id `\(text)` must look like `1-1` (numbers joined by `-`)", at: document.location(of: value))
                    }
                    id = text
                case "title":
                    let text = try document.string(value, key: key).trimmingWhitespace(andNewlines: true)
                    if text.isEmpty { throw .error("figure `title` is empty", at: document.location(of: value)) }
                    title = text
                case "chart":
                    let text = try document.string(value, key: key)
                    guard let parsed = ChartKind(rawValue: text) else {
                        kindValid = false
                        throw .error("unknown chart kind `\(text)`", at: document.location(of: value),
                                     suggestion: (Suggestion.closest(to: text, in: ChartKind.allCases.map(\.rawValue)).map { "did you mean `\($0)`? " } ?? "")
                                        + "use one of: " + ChartKind.explained)
                    }
                    kind = parsed
                case "base": base = try document.integer(value, key: key, range: 1...100_000_000)
                case "population": population = try document.string(value, key: key)
                case "source": source = try document.string(value, key: key)
                case "series":
                    series = try document.stringList(value, key: key)
                    seriesNode = value
                case "data": dataNode = value
                default: break
                }
            } catch { diagnostics.append(error) }
        }
        let top = location.offset(lines: -1, column: location.column)
        if id == nil, !pairs.contains(where: { $0.key == "id" }) {
            diagnostics.append(.error("figure has no `id`", at: top, suggestion: "add a line such as `id: 1-1`; prose that says 图 1-1 then links to it"))
        }
        if title == nil, !pairs.contains(where: { $0.key == "title" }) {
            diagnostics.append(.error("figure has no `title`", at: top, suggestion: "add the caption as `title:`; when the source has none, say so, e.g. `title: 原书缺图题`"))
        }
        if kind == .compare, kindValid, series.count < 2 {
            diagnostics.append(.error("a `compare` figure needs `series` with at least two entries",
                                      at: seriesNode.map(document.location(of:)) ?? top, suggestion: "for example `series: [1997 年, 1998 年]`"))
        }
        // `series` belongs to `compare` alone; data shaped for it is then not read again for errors.
        if kindValid, kind != .compare, let seriesNode {
            diagnostics.append(.error("`series` 只用于 `chart: compare`，这个图是 `chart: \(kind.rawValue)`", at: document.location(of: seriesNode),
                                      suggestion: "同一组选项在几个时间点的对比写 `chart: compare`；否则删去 `series`，每个选项只写一个数"))
        }
        var rows: [Figure.Row] = []
        if let dataNode {
            // One mistake, one error: with no kind, or a kind whose shape is already wrong, the data is not judged.
            let shapeKnown = kindValid && (kind == .compare ? series.count >= 2 : seriesNode == nil)
            if shapeKnown {
                rows = readRows(dataNode, kind: kind, series: series, document: document, diagnostics: &diagnostics)
            }
        } else {
            diagnostics.append(.error("figure has no `data`", at: top, suggestion: "add `data:` with one `label: value` line per answer"))
        }
        guard !diagnostics.hasErrors, let id, let title else { return (nil, diagnostics) }
        return (Figure(id: id, title: title, kind: kind, base: base, population: population, source: source,
                       series: kind == .compare ? series : [], rows: rows, location: top), diagnostics)
    }

    static func isValidID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return (1...3).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }
    }

    private static func readRows(_ node: Node, kind: ChartKind, series: [String], document: YAMLDocument, diagnostics: inout [Diagnostic]) -> [Figure.Row] {
        let seriesCount = kind == .compare ? series.count : 1
        guard case let .mapping(mapping) = node else {
            diagnostics.append(.error("`data` must be `label: value` lines", at: document.location(of: node)))
            return []
        }
        if mapping.count == 0 {
            diagnostics.append(.error("`data` is empty", at: document.location(of: node)))
            return []
        }
        if mapping.count > maximumRows {
            diagnostics.append(.error("a figure may have at most \(maximumRows) labels; this one has \(mapping.count)", at: document.location(of: node),
                                      suggestion: "split it into several figures"))
            return []
        }
        var rows: [Figure.Row] = []
        var labels = Set<String>()
        // A value of the wrong shape (a list where one number goes, or the other way) is said once for the block.
        var wrongShape = false
        for (keyNode, valueNode) in mapping {
            let label: String
            do { label = try document.string(keyNode, key: "data").trimmingWhitespace() } catch { diagnostics.append(error); continue }
            if label.isEmpty { diagnostics.append(.error("a data label is empty", at: document.location(of: keyNode))); continue }
            if !labels.insert(label).inserted { diagnostics.append(.error("label `\(label)` appears twice", at: document.location(of: keyNode))); continue }
            var values: [Double] = []
            if kind == .compare {
                guard case let .sequence(items) = valueNode else {
                    if !wrongShape {
                        diagnostics.append(.error("in a `compare` figure each value is a list, one per series, e.g. `[80, 89]`", at: document.location(of: valueNode)))
                    }
                    wrongShape = true
                    continue
                }
                if items.count != seriesCount {
                    diagnostics.append(.error("`\(label)` has \(items.count) value\(items.count == 1 ? "" : "s") but `series` has \(seriesCount)", at: document.location(of: valueNode)))
                    continue
                }
                for item in items {
                    guard let value = percentage(item, label: label, document: document, diagnostics: &diagnostics) else { continue }
                    values.append(value)
                }
                if values.count != items.count { continue }
            } else {
                if case .sequence = valueNode {
                    if !wrongShape {
                        diagnostics.append(.error("`\(label)` 的值是一个列表，而 `chart: \(kind.rawValue)` 每个选项只有一个数", at: document.location(of: valueNode),
                                                  suggestion: "同一组选项在几个时间点的对比写 `chart: compare` 和 `series: [1997 年, 1998 年]`；否则每个选项只写一个数"))
                    }
                    wrongShape = true
                    continue
                }
                guard let value = percentage(valueNode, label: label, document: document, diagnostics: &diagnostics) else { continue }
                values = [value]
            }
            rows.append(Figure.Row(label: label, values: values))
        }
        // The answers of a multiple-choice question are not parts of one whole: only there may they pass 100.
        let columns = kind == .compare ? seriesCount : kind == .multiple ? 0 : 1
        for column in 0..<columns where !diagnostics.hasErrors {
            let total = rows.reduce(0) { $0 + $1.values[column] }
            if total > 100 + sumSlack {
                let which = kind == .compare ? " for `\(series[column])`" : ""
                diagnostics.append(.error("values\(which) add up to \(format(total))%, more than 100", at: document.location(of: node),
                                          suggestion: "check the numbers against the text; a share the text does not give is left out and shown as not reported"
                                            + "; 可多选的问题（各选项合计可超过 100%）写 `chart: multiple`"))
            }
        }
        return rows
    }

    private static func percentage(_ node: Node, label: String, document: YAMLDocument, diagnostics: inout [Diagnostic]) -> Double? {
        guard case let .scalar(scalar) = node else {
            diagnostics.append(.error("the value of `\(label)` must be a number", at: document.location(of: node)))
            return nil
        }
        var text = scalar.string.trimmingWhitespace()
        if text.hasSuffix("%") { text.removeLast() }
        guard let value = Double(text), value.isFinite, text.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "-" }) else {
            diagnostics.append(.error("the value of `\(label)` must be a percentage, not `\(scalar.string)`", at: document.location(of: node)))
            return nil
        }
        guard (0...100).contains(value) else {
            diagnostics.append(.error("the value of `\(label)` is \(format(value)), outside 0–100", at: document.location(of: node)))
            return nil
        }
        return value
    }

    /// A percentage as written: `81`, `2.5`. Any number an editor can write is formatted without trapping
    /// (`1e+19` for one too large to be a whole `Int`).
    public static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if let whole = Int(exactly: rounded) { return String(whole) }
        return String(rounded)
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
