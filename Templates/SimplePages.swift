import CasebookPages

extension Template {
    /// The search page; the search itself is `assets/search.js`.
    public static func search(_ frame: PageFrame) -> HTML {
        Template.page(frame, main: """
            <h1 id="search-heading">搜索</h1>
            <form class="search-page-form" role="search" action="search.html" method="get" aria-labelledby="search-heading">
            <label for="search-q">查找字词</label>
            <input type="search" id="search-q" name="q">
            <button type="submit">搜索</button>
            </form>
            <noscript><p class="search-noscript">搜索需要浏览器启用 JavaScript。您可以从<a href="\(href: frame.homeHref)">全书目录</a>查找各篇案例。</p></noscript>
            <p id="search-status" class="search-status" role="status" aria-live="polite" aria-atomic="true"></p>
            <ol id="search-results" class="search-results"></ol>
            <p><button type="button" id="search-more" class="search-more" style="display:none">显示更多结果</button></p>
            <p class="search-help">中文按字词查找，标点和换行不影响结果；多个词之间用空格隔开，结果须包含全部的词。</p>
            <script src="\(href: frame.searchScript)"></script>

            """)
    }

    /// The page a server shows for an address the site does not have.
    public static func notFound(_ frame: PageFrame) -> HTML {
        Template.page(frame, main: """
            <h1>找不到此页</h1>
            <p>您要找的页面不存在，可能已经移动或删除。</p>
            <p><a href="\(href: frame.homeHref)">返回全书目录</a></p>

            """)
    }
}
