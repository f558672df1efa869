/// Every word the site shows, in one place: change one here, then run `make site` (the templates are
/// compiled into `casebook`). Numbers and names are put in by the functions; punctuation stays with the
/// words it belongs to. The stylesheet and the search script's words are in `assets/`.
public enum Words {
    // MARK: The frame of every page
    public static let skipToContent = "跳到正文"
    public static let siteNavigation = "网站导航"
    public static let contents = "目录"
    public static let figures = "图表"
    public static let tags = "标签"
    public static let units = "单位"
    public static let printBook = "全书打印"
    public static let searchBook = "搜索全书"
    public static let searchExample = "例如：流动党员"
    public static let search = "搜索"
    public static let bookContents = "全书目录"
    public static let whereYouAre = "位置"
    public static let chartNote = "图表依据原文所述百分比重绘；原文未说明的部分以灰色斜纹标为“未说明”。"
    /// Between a page's title and the site's in `<title>`, and between the credits in the footer.
    public static let titleSeparator = " · "

    /// Between the fields of an entry (title, unit, page), for text browsers and screen readers; graphic
    /// browsers lay the fields out apart and hide it.
    public static let fieldSeparator = "，"

    // MARK: Lists of cases and the printed contents
    public static func bookPage(_ page: Int) -> String { "原书第 \(page) 页" }
    public static func figureCount(_ count: Int) -> String { "图表 \(count) 幅" }
    public static func page(_ page: Int) -> String { "第 \(page) 页" }
    public static let notDigitised = "尚未数字化"

    // MARK: Lists on more than one page
    public static let pages = "分页"
    public static let previousPage = "上一页"
    public static let nextPage = "下一页"
    public static func pageNumber(_ page: Int) -> String { "第 \(page) 页" }
    /// The `<title>` of a list's second and later pages.
    public static func pagedTitle(_ title: String, _ page: Int) -> String { "\(title)（第 \(page) 页）" }

    // MARK: The home page
    public static let casesOutsideContents = "原书目录以外的案例："
    public static func moreInPart(_ count: Int) -> String { "本部分另有 \(count) 条，见本部分页面" }
    public static let others = "其他"
    public static func contentsStatistics(entries: Int, pending: Int, cases: Int, figures: Int) -> String {
        "原书目录共 \(entries) 条，其中 \(pending) 条未数字化；已数字化 \(cases) 篇，重绘调查图表 \(figures) 幅。未数字化的条目保留原书页码。"
    }

    // MARK: A part's page
    public static let printPart = "打印本部分"
    public static let casesOfPart = "本部分案例"
    public static let noCasesInPart = "本部分尚无已数字化的案例。"

    // MARK: A case's page
    public static let unit = "单位"
    public static let date = "日期"
    public static let bookPageNumber = "原书页码"
    public static let part = "所属部分"
    public static let caseContents = "本文目录"
    public static let previousAndNext = "上一篇和下一篇"
    public static let previous = "上一篇"
    public static let next = "下一篇"
    public static let afterCase = "本篇之后"
    public static func backToPart(_ part: String) -> String { "返回本部分：\(part)" }
    public static let backToTop = "回到页首"
    public static func nextPart(_ part: String) -> String { "下一部分：\(part)" }

    // MARK: Tags and units
    public static func tagTitle(_ name: String) -> String { "标签：\(name)" }
    public static func caseCount(_ count: Int) -> String { "共 \(count) 篇案例" }
    public static func count(_ count: Int) -> String { "（\(count)）" }
    public static let noTags = "尚无标签。"
    public static let unitIndex = "单位索引"
    public static let noUnits = "尚无署名单位的案例。"
    public static func unitCount(_ count: Int) -> String { "共 \(count) 个单位，按拼音排列。" }

    // MARK: The figure index and figures
    public static let figureIndex = "图表索引"
    public static func figureIndexIntroduction(_ count: Int) -> String { "全书共 \(count) 幅调查图表，按部分和案例排列。点击图题可在原文中查看。" }
    public static func figureIndexByPart(_ count: Int) -> String { "全书共 \(count) 幅调查图表，按部分分列；每个部分的图表按案例分页列出，点击图题即可在原文中查看图表。" }
    public static func figuresOfPart(_ count: Int) -> String { "本部分图表 \(count) 幅，按案例分页：" }
    public static func figureListIntroduction(_ count: Int) -> String { "本部分共 \(count) 幅图表，按原书顺序排列。点击图题可在原文中查看图表。" }
    public static func caseRange(_ first: Int, _ last: Int) -> String { first == last ? "第 \(first) 篇" : "第 \(first)–\(last) 篇" }
    public static func figuresOfPartTitle(_ part: String) -> String { "图表：\(part)" }
    public static func figure(_ id: String) -> String { "图 \(id)" }
    public static func sample(_ base: Int) -> String { "样本 \(base)" }
    /// Between the sample size and who answered.
    public static let sampleSeparator = "，"
    public static func source(_ source: String) -> String { "资料来源：\(source)。" }
    public static func downloadData(_ id: String) -> String { "下载图 \(id) 数据（CSV）" }
    public static func dataCaption(_ id: String) -> String { "图 \(id) 的数据（单位：%）" }
    public static let option = "选项"
    public static func downloadAllData(_ count: Int) -> String { "下载全部 \(count) 幅图表的数据（一个 CSV 文件，供校对）" }
    /// The columns of that file: figure, case, figure title, answer, series, share, the unreported share.
    public static let allFiguresCSVHeaders = ["图号", "案例", "图题", "选项", "系列", "比例（%）", "未说明（%）"]
    public static let share = "比例"

    // MARK: Print pages
    public static func printPartTitle(_ part: String) -> String { "打印：\(part)" }
    public static let thisPart = "本部分"
    public static let wholeBook = "全书"
    public static func printStatistics(cases: Int, figures: Int) -> String { " \(cases) 篇已数字化案例，按原书顺序排列，含调查图表 \(figures) 幅。" }
    public static func printedApart(_ count: Int) -> String { "（\(count) 篇，单独打印）" }
    public static let thisVolume = "本册"
    public static func volumeName(_ part: String, _ volume: Int) -> String { "\(part) 第 \(volume) 册" }
    public static func volumeCases(_ first: Int, _ last: Int) -> String { "（本部分第 \(first)–\(last) 篇）" }
    public static func printedInVolumes(_ count: Int) -> String { "本部分篇幅较长，分 \(count) 册打印。" }

    // MARK: The search page
    public static let searchWords = "查找字词"
    public static let searchNeedsScript = "搜索需要浏览器启用 JavaScript。您可以从"
    public static let searchNeedsScriptAfter = "查找各篇案例。"
    public static let moreResults = "继续查找"
    public static let searchHelp = "中文按字词查找，标点和换行不影响结果；多个词之间用空格隔开，结果须包含全部的词。"

    // MARK: The page for a missing address
    public static let notFound = "找不到此页"
    public static let notFoundExplanation = "您要找的页面不存在，可能已经移动或删除。"
    public static let backToContents = "返回全书目录"

    // MARK: Dates, as precise as the source: {year}, {month}, {day} are put in
    public static let yearFormat = "{year}年"
    public static let monthFormat = "{year}年{month}月"
    public static let dayFormat = "{year}年{month}月{day}日"

    // MARK: Charts (their text alternative and labels) and their CSV files
    /// The share of a figure the text does not report.
    public static let remainder = "未说明"
    public static let chartValue = "{value}%"
    public static let chartItem = "{label} {value}"
    public static let chartSeparator = "，"
    public static let chartDescription = "{title}：{items}。"
    public static let compareItem = "{label}：{values}"
    public static let seriesValue = "{series} {value}"
    public static let compareSeparator = "；"
    /// Under a multiple-choice chart (`chart: multiple`), in its description and beside its table.
    public static let multipleNote = "可多选，合计可超过 100%"
    public static let multipleDescription = "{title}（{note}）：{items}。"
    public static let multipleNoteSentence = "可多选，各选项的比例合计可超过 100%。"
    public static let csvLabel = "选项"
    public static let csvValue = "比例（%）"
}
