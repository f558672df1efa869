import CasebookPages

/// A tiny writer for SVG markup: numbers printed the same way every time, every text escaped.
struct SVGWriter {
    private(set) var markup = ""

    mutating func raw(_ text: String) { markup += text }

    /// `<tag a="1" b="x">` with attributes in the order given; nil values are left out.
    mutating func open(_ tag: String, _ attributes: [(String, String?)] = [], selfClosing: Bool = false) {
        markup += "<"
        markup += tag
        for (name, value) in attributes {
            guard let value else { continue }
            // Appended piece by piece: an interpolation would build each attribute as a string of its own first.
            markup += " "
            markup += name
            markup += "=\""
            markup += HTML.escape(value)
            markup += "\""
        }
        markup += selfClosing ? "/>" : ">"
    }

    mutating func close(_ tag: String) {
        markup += "</"
        markup += tag
        markup += ">"
    }

    mutating func element(_ tag: String, _ attributes: [(String, String?)] = [], text: String) {
        open(tag, attributes)
        markup += HTML.escape(text)
        close(tag)
    }

    mutating func empty(_ tag: String, _ attributes: [(String, String?)]) { open(tag, attributes, selfClosing: true) }

    /// A text element on a line of its own (so that a text browser, which prints SVG text as text, keeps
    /// labels apart); lines after the first become `<tspan>`s; `fullText` (when shortened) goes into a `<title>`.
    mutating func text(_ lines: [String], x: Double, y: Double, lineHeight: Double, fontSize: Double,
                       anchor: String = "start", cssClass: String, fill: String? = nil, fullText: String? = nil) {
        markup += "\n"
        open("text", [("x", num(x)), ("y", num(y)), ("font-size", num(fontSize)), ("text-anchor", anchor == "start" ? nil : anchor),
                      ("class", cssClass), ("fill", fill)])
        if let fullText { element("title", text: fullText) }
        for (index, line) in lines.enumerated() {
            if index == 0 { markup += HTML.escape(line) } else {
                element("tspan", [("x", num(x)), ("dy", num(lineHeight))], text: line)
            }
        }
        close("text")
    }
}

/// A number for SVG: at most two decimals, no trailing zeros, never `-0`. A value too large for that (no
/// chart draws one; only a mistake could) is written as Swift writes a `Double`, never trapping.
func num(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == 0 { return "0" }
    if let whole = Int(exactly: rounded) { return String(whole) }
    guard let scaled = Int(exactly: (abs(rounded) * 100).rounded()) else { return String(rounded) }
    var text = (rounded < 0 ? "-" : "") + String(scaled / 100) + "." + zeroPadded(scaled % 100, width: 2)
    while text.hasSuffix("0") { text.removeLast() }
    return text
}

