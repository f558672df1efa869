import CasebookPages
import Foundation

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

    /// The page a server shows for an address the site does not have, in any folder under any sub-path: its
    /// stylesheet is in the page (`frame.inlineStylesheet`), and its links, written from the site's top
    /// folder, are pointed at the site's top by a few lines of script that look for the stylesheet's file
    /// in each folder above the address. Without script the links work from the top folder.
    public static func notFound(_ frame: PageFrame) -> HTML {
        Template.page(titled(frame, Words.notFound), main: """
            <h1>\(Words.notFound)</h1>
            <p>\(Words.notFoundExplanation)</p>
            <p><a href="\(href: frame.homeHref)">\(Words.backToContents)</a></p>
            <script>\(HTML(trusted: findRootScript(marker: frame.stylesheet)))</script>

            """)
    }

    /// The 404 page `page` (as this template made it) with `stylesheet` in place of the one it holds; nil
    /// when the page has no stylesheet of its own.
    public static func restyleNotFound(_ page: String, stylesheet: String) -> String? {
        guard let open = page.range(of: "<style>\n"), let close = page.range(of: "</style>", range: open.upperBound..<page.endIndex) else { return nil }
        return String(page[..<open.upperBound]) + HTML(trusted: stylesheet).text + String(page[close.lowerBound...])
    }

    /// ES5: tries `marker` (a file of the site, relative to its top) in the address's folder and each one
    /// above it; in the first that has it, every relative link and form of the page is made to start there.
    static func findRootScript(marker: String) -> String {
        [
            #"(function(){var d=location.pathname.replace(/[^\/]*$/,""),c=[];while(d){c.push(d);if(d==="/")break;d=d.replace(/[^\/]*\/$/,"");}"#,
            #"function fix(r){var l=document.getElementsByTagName("a"),f=document.getElementsByTagName("form"),i,h;"#,
            #"for(i=0;i<l.length;i++){h=l[i].getAttribute("href");if(h&&!/^([a-z]+:|\/|#)/i.test(h))l[i].setAttribute("href",r+h);}"#,
            #"for(i=0;i<f.length;i++){h=f[i].getAttribute("action");if(h&&!/^([a-z]+:|\/)/i.test(h))f[i].setAttribute("action",r+h);}}"#,
            #"function probe(i){if(i>=c.length||!window.XMLHttpRequest)return;var x=new XMLHttpRequest();x.open("HEAD",c[i]+"MARKER",true);"#,
            #"x.onreadystatechange=function(){if(x.readyState!==4)return;if(x.status===200){if(i>0)fix(c[i]);}else probe(i+1);};x.send();}probe(0);})();"#,
        ].joined().replacingOccurrences(of: "MARKER", with: marker)
    }
}
