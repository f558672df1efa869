/// Colours and type for charts. The palette runs through viridis: safe for colour-blind readers and
/// monotonic in lightness, so neighbours stay apart in greyscale and in print. Page CSS may restyle the
/// `cb-*` classes (dark mode); the attributes are the fallback.
public enum ChartStyle {
    public static let width = 640.0
    public static let fontSize = 14.0
    public static let lineHeight = 18.0
    public static let fontFamily = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','SimHei','WenQuanYi Micro Hei',sans-serif"

    /// Viridis from dark to light, with the text colour that reads on each.
    static let palette: [(fill: String, ink: String)] = [
        ("#440154", "#ffffff"), ("#3b528b", "#ffffff"), ("#197570", "#ffffff"),
        ("#3d8840", "#000000"), ("#6f8a17", "#000000"), ("#958811", "#000000"),
    ]
    static let barFill = ("#3b528b", "#ffffff")
    static let hatchBackground = "#e0e0e0"
    /// The 100 % track behind each bar of a `multiple` chart: light, so the bar (and its value) stand out.
    static let track = "#ebebeb"
    static let hatchLine = "#767676"

    /// Palette indices for `count` categories, spread as far apart as the palette allows.
    static func colourIndices(count: Int) -> [Int] {
        // The lightest yellow is kept for six or more categories only: on white it is too faint.
        let last = count >= palette.count ? palette.count - 1 : palette.count - 2
        guard count > 1 else { return [1] }
        if count >= palette.count { return (0..<count).map { $0 % palette.count } }
        return (0..<count).map { Int((Double($0) * Double(last) / Double(count - 1)).rounded()) }
    }
}
