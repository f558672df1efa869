import CasebookPages

/// The page templates: each is a function from a page's values to its HTML. Text given to them is
/// escaped as it goes in (see `HTML`); a misspelt field does not compile.
public enum Template {}

extension Template {
    /// The frame around every page: head, header, sidebar, `main`, footer.
    static func page(_ frame: PageFrame, main: HTML) -> HTML {
        let (before, after) = Template.frame(frame)
        return HTML(joining: [before, main, after])
    }

    /// The frame's markup before and after the page's `main` content.
    static func frame(_ frame: PageFrame) -> (before: HTML, after: HTML) {
        let title: HTML = frame.title.map { "\($0)\(Words.titleSeparator)" } ?? .empty
        let description: HTML = frame.site.description.map { "<meta name=\"description\" content=\"\($0)\">\n" } ?? .empty
        let before: HTML = """
            <!DOCTYPE html>
            <html lang="\(frame.site.language)">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="X-UA-Compatible" content="IE=edge">
            <meta name="renderer" content="webkit">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)\(frame.site.title)</title>
            \(description)\(stylesheet(frame))
            </head>
            <body>
            <a class="skip-link" href="#main">\(Words.skipToContent)</a>
            \(header(frame))
            <div class="layout">
            \(sidebar(frame))
            <main id="main" class="content" tabindex="-1">

            """
        let after: HTML = """

            </main>
            </div>
            \(footer(frame))
            </body>
            </html>

            """
        return (before, after)
    }

    /// The stylesheet: linked, or, for a page shown at any address, in the page itself (the publisher's own
    /// file, put in as it is).
    static func stylesheet(_ frame: PageFrame) -> HTML {
        guard let css = frame.inlineStylesheet else { return "<link rel=\"stylesheet\" href=\"\(href: frame.stylesheet)\">" }
        return "<style>\n\(HTML(trusted: css))</style>"
    }

    /// `frame` with the page's own title (every page has a `<title>` of its own).
    static func titled(_ frame: PageFrame, _ title: String) -> PageFrame {
        var frame = frame
        frame.title = title
        return frame
    }

    /// The site's title, its navigation and the search box.
    static func header(_ frame: PageFrame) -> HTML {
        """
        <header class="site-header">
        <p class="site-title"><a href="\(href: frame.homeHref)">\(frame.site.title)</a></p>
        <nav class="site-nav" aria-label="\(Words.siteNavigation)">
        <ul>
        <li><a href="\(href: frame.homeHref)">\(Words.contents)</a></li>
        <li><a href="\(href: frame.figuresHref)">\(Words.figures)</a></li>
        <li><a href="\(href: frame.tagsHref)">\(Words.tags)</a></li>
        <li><a href="\(href: frame.orgsHref)">\(Words.units)</a></li>
        <li><a href="\(href: frame.printHref)">\(Words.printBook)</a></li>
        </ul>
        </nav>
        <form class="search-box" role="search" action="\(href: frame.searchHref)" method="get">
        <label for="site-search-q">\(Words.searchBook)</label>
        <input type="search" id="site-search-q" name="q" placeholder="\(Words.searchExample)">
        <button type="submit">\(Words.search)</button>
        </form>
        </header>
        """
    }

    /// The book's parts; the current part's cases under it when it has few, the page's own case marked.
    static func sidebar(_ frame: PageFrame) -> HTML {
        let parts = HTML(frame.navParts) { part -> HTML in
            let current: HTML = part.isCurrent ? " current" : .empty
            let ariaCurrent: HTML = part.isCurrent ? " aria-current=\"true\"" : .empty
            let cases: HTML = part.cases.isEmpty ? .empty : """

                <ol class="book-cases">
                \(HTML(part.cases.indices) { index -> HTML in
                    let current: HTML = index == part.currentCase ? " aria-current=\"page\"" : .empty
                    return "<li><a href=\"\(href: part.cases[index].href)\"\(current)>\(part.cases[index].title)</a></li>\n"
                })</ol>
                """
            return "<li class=\"book-part\(current)\"><a href=\"\(href: part.href)\"\(ariaCurrent)>\(part.name)</a>\(cases)</li>\n"
        }
        return """
        <nav class="sidebar" aria-label="\(Words.bookContents)">
        <details class="book-nav">
        <summary>\(Words.bookContents)</summary>
        <ol class="book-parts">
        \(parts)</ol>
        </details>
        </nav>
        """
    }

    /// The book's credits and the note on the redrawn charts.
    static func footer(_ frame: PageFrame) -> HTML {
        let editor: HTML = frame.site.editor.map { "\(Words.titleSeparator)\($0)" } ?? .empty
        let publisher: HTML = frame.site.publisher.map { "\(Words.titleSeparator)\($0)" } ?? .empty
        return """
        <footer class="site-footer">
        <p>\(frame.site.title)\(editor)\(publisher)</p>
        <p class="footer-note">\(Words.chartNote)</p>
        </footer>
        """
    }

    /// Where the page is: links up to the book's top, then the page's own name.
    static func breadcrumbs(_ trail: [Link], current: String) -> HTML {
        "<nav class=\"breadcrumbs\" aria-label=\"\(Words.whereYouAre)\"><ol>\(HTML(trail) { "<li><a href=\"\(href: $0.href)\">\($0.title)</a></li>" })<li aria-current=\"page\">\(current)</li></ol></nav>\n"
    }
}
