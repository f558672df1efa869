import CasebookPages

extension Template {
    /// The search page; the search itself is `assets/search.js`.
    public static func search(_ frame: PageFrame) -> HTML {
        Template.page(titled(frame, Words.search), main: """
            <h1 id="search-heading">\(Words.search)</h1>
            <form class="search-page-form" role="search" action="search.html" method="get" aria-labelledby="search-heading">
            <label for="search-q">\(Words.searchWords)</label>
            <input type="search" id="search-q" name="q">
            <button type="submit">\(Words.search)</button>
            </form>
            <noscript><p class="search-noscript">\(Words.searchNeedsScript)<a href="\(href: frame.homeHref)">\(Words.bookContents)</a>\(Words.searchNeedsScriptAfter)</p></noscript>
            <p id="search-status" class="search-status" role="status" aria-live="polite" aria-atomic="true"></p>
            <ol id="search-results" class="search-results"></ol>
            <p><button type="button" id="search-more" class="search-more" style="display:none">\(Words.moreResults)</button></p>
            <p class="search-help">\(Words.searchHelp)</p>
            <script src="\(href: frame.searchScript)"></script>

            """)
    }

    /// The page a server shows for an address the site does not have.
    public static func notFound(_ frame: PageFrame) -> HTML {
        Template.page(titled(frame, Words.notFound), main: """
            <h1>\(Words.notFound)</h1>
            <p>\(Words.notFoundExplanation)</p>
            <p><a href="\(href: frame.homeHref)">\(Words.backToContents)</a></p>

            """)
    }
}
