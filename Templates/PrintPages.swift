import CasebookPages

extension Template {
    /// A print page: the cover, the contents, then each printed part's articles (see `PrintLayout`).
    public static func printPage(_ page: PrintPage) -> PrintLayout {
        let site = page.frame.site
        let partName: HTML = page.partName.map { "<span class=\"print-cover-part\">\($0)</span>" } ?? .empty
        let parts = HTML(page.parts) { part -> HTML in
            let inner: HTML = part.printedHere
                ? "\(part.name)\n<ol>\n\(HTML(part.chapters) { "<li><a href=\"#\($0.href)\">\($0.title)</a></li>\n" })</ol>"
                : "<a href=\"\(href: part.printHref)\">\(part.name)</a>\(Words.printedApart(part.count))"
            return "<li>\(inner)</li>\n"
        }
        let head: HTML = """
            <header class="book-cover">
            <h1>\(site.title)\(partName)</h1>
            <p class="book-credits">\(credits(site))</p>
            <p class="print-note">\(page.partName == nil ? Words.wholeBook : Words.thisPart)\(Words.printStatistics(cases: page.caseCount, figures: page.figureCount))</p>
            </header>
            <nav class="toc print-toc" aria-labelledby="print-toc-title">
            <h2 id="print-toc-title">\(Words.contents)</h2>
            <ol>
            \(parts)</ol>
            </nav>

            """
        let (before, after) = frame(titled(page.frame, page.partName.map(Words.printPartTitle) ?? Words.printBook))
        let slots = page.parts.filter(\.printedHere).map(\.slug)
        var pieces = [HTML(joining: [before, head])]
        pieces += slots.dropFirst().map { _ in HTML.empty }
        let end = HTML(joining: ["\n", after])
        if slots.isEmpty { pieces[0].append(end) } else { pieces.append(end) }
        return PrintLayout(pieces: pieces, slots: slots)
    }

    /// One case on a print page: its part, title, details and body.
    public static func printCase(_ item: PrintCase) -> HTML {
        let org: HTML = item.org.map { "<span>\($0)</span> " } ?? .empty
        let date: HTML = item.date.map { "<time datetime=\"\(item.dateISO ?? "")\">\($0)</time> " } ?? .empty
        let page: HTML = item.page.map { "<span>\(Words.bookPage($0))</span>" } ?? .empty
        return """
        <article class="print-case" id="\(item.chapter)">
        <p class="print-part">\(item.part)</p>
        <h2 class="print-case-title">\(item.title)</h2>
        <p class="case-list-meta">\(org)\(date)\(page)</p>
        <div class="case-body print-body">
        \(item.body)
        </div>
        </article>

        """
    }
}
