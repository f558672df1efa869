import CasebookKit

/// The words a chart needs; fixed here so the fuzzer exercises layout, not file reading.
let strings = ChartStrings(remainder: "未说明", value: "{value}%", item: "{label} {value}", separator: "，",
                           description: "{title}：{items}。", compareItem: "{label}：{values}",
                           seriesValue: "{series} {value}", compareSeparator: "；")

/// One input: decoded as an editor's file, read as front matter, and read as a figure block that,
/// when valid, is laid out as an SVG chart of every kind.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = try? SourceText.decode(bytes, file: "fuzz.md") else { return 0 }
    if let split = try? FrontMatterSplit.split(text, file: "fuzz.md") {
        _ = CaseMetadata.read(split, file: "fuzz.md")
    }
    // The body as Markdown, with `图 1-1` references and figure blocks, when it is within the limits.
    if ContentLimits.markdownProblem(text, file: "fuzz.md", line: 1) == nil {
        _ = MarkdownRenderer().render(text, file: "fuzz.md", firstLine: 1) { block in
            let (figure, diagnostics) = FigureParser.parse(block.text, at: block.location)
            return RenderedFigure(figure: figure, html: "", diagnostics: diagnostics)
        }
    }
    let (figure, _) = FigureParser.parse(text, at: SourceLocation(file: "fuzz.md", line: 2))
    if var figure {
        let renderer = ChartRenderer(strings: strings)
        for kind in [ChartKind.bar, .stacked, .pie] where figure.kind != .compare {
            figure.kind = kind
            _ = renderer.svg(for: figure, uid: "f")
        }
        if figure.kind == .compare { _ = renderer.svg(for: figure, uid: "f") }
        _ = FigureCSV.csv(for: figure, strings: strings, labelHeader: "选项", valueHeader: "比例")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("CasebookFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
