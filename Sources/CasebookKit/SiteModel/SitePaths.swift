/// Where each page lives in `output/`. Every address is a file name, relative, and depends only on a slug,
/// so the site works from disk, from any sub-path and on any static server.
public enum SitePaths {
    public static let home = "index.html"
    public static let tags = "tags.html"
    public static let orgs = "orgs.html"
    public static let figures = "figures.html"
    /// Every figure's numbers in one CSV file, linked from `figures.html`.
    public static let figuresCSV = "figures.csv"
    public static let notFound = "404.html"
    public static let printBook = "print.html"
    public static let search = "search.html"
    public static let stylesheet = "assets/casebook.css"
    /// A small file every site holds, so a build can tell a folder it made (and may replace) from any other.
    public static let marker = ".casebook-site"

    public static func casePage(_ slug: String) -> String { "cases/\(slug).html" }
    public static func figureCSV(caseSlug: String, figureID: String) -> String { "cases/\(caseSlug)-fig-\(figureID).csv" }
    public static func part(_ slug: String) -> String { "parts/\(slug).html" }
    /// A part's print page; at the top like `print.html`, so a body's links are rewritten the same way.
    public static func printPart(_ slug: String) -> String { "print-\(slug).html" }
    public static func tag(_ name: String) -> String { "tags/\(key(for: name)).html" }
    public static func orgAnchor(_ name: String) -> String { "org-\(key(for: name))" }
    /// A unit's own page, in a book whose units' cases are too many for `orgs.html`.
    public static func org(_ name: String) -> String { "orgs/\(key(for: name)).html" }
    /// A part's list of figures, in a book whose figures are too many for `figures.html`.
    public static func figureList(_ slug: String) -> String { "figures/\(slug).html" }
    /// One volume of a part's print page, in a part with more cases than one print page holds.
    public static func printVolume(_ slug: String, volume: Int) -> String { "print-\(slug)-\(volume).html" }

    /// Page `number` (from 1) of the list whose first page is `path`: the first keeps the list's address,
    /// later ones add `-number` before `.html` (`parts/part-4.html`, `parts/part-4-2.html`).
    public static func paged(_ path: String, _ number: Int) -> String {
        number <= 1 ? path : String(path.dropLast(".html".count)) + "-\(number).html"
    }

    /// `../` for each folder the page is in, so `root + path` reaches any page from it.
    public static func root(of page: String) -> String {
        String(repeating: "../", count: page.filter { $0 == "/" }.count)
    }

    /// A short stable file name for a free-text name (tags, units): FNV-1a of its UTF-8, in hex.
    /// Whatever the name holds (`/`, `..`, NUL), the file stays inside its folder.
    public static func key(for name: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
