import CasebookPages

extension Template {
    /// A print page: the cover, the contents, then each printed part's articles (see `PrintLayout`).
    public static func printPage(_ page: PrintPage) -> PrintLayout {
        let site = page.frame.site
        // A volume is named by its part and number.
        let coverName = page.partName.map { name in page.volume.map { Words.volumeName(name, $0) } ?? name }
        let partName: HTML = coverName.map { "<span class=\"print-cover-part\">\($0)</span>" } ?? .empty
        let parts = HTML(page.parts) { part -> HTML in
            let inner: HTML = if part.printedHere {
                "\(part.name)\n<ol>\n\(HTML(part.chapters) { "<li><a href=\"#\($0.href)\">\($0.title)</a></li>\n" })</ol>"
            } else if let volume = part.volume {
                "<a href=\"\(href: part.printHref)\">\(Words.volumeName(part.name, volume))</a>\(Words.volumeCases(part.firstCase, part.lastCase))"
            } else {
                "<a href=\"\(href: part.printHref)\">\(part.name)</a>\(Words.printedApart(part.count))"
            }
            return "<li>\(inner)</li>\n"
        }
        let scope = page.partName == nil ? Words.wholeBook : page.volume == nil ? Words.thisPart : Words.thisVolume
        let volumes: HTML = page.parts.contains { $0.volume != nil } ? "\(Words.printedInVolumes(page.parts.count))" : .empty
        let head: HTML = """
            <header class="book-cover">
            <h1>\(site.title)\(partName)</h1>
            <p class="book-credits">\(credits(site))</p>
            <p class="print-note">\(scope)\(Words.printStatistics(cases: page.caseCount, figures: page.figureCount))\(volumes)</p>
            </header>
            <nav class="toc print-toc" aria-labelledby="print-toc-title">
            <h2 id="print-toc-title">\(Words.contents)</h2>
            <ol>
            \(parts)</ol>
            </nav>

            """
        let (before, after) = frame(titled(page.frame, coverName.map(Words.printPartTitle) ?? Words.printBook))
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
