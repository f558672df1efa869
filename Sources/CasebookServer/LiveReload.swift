import CasebookPages
import CasebookKit

/// The state live pages follow: a build generation that changes on every rebuild that changed the site
/// or failed, and the diagnostics of the last failed one (nil once a build succeeds again).
public actor LiveReload {
    public private(set) var generation = 0
    public private(set) var failure: String?
    /// Set when the server is asked to stop: event streams end.
    public private(set) var stopping = false

    /// The language of the failure text and the overlay's heading.
    public nonisolated let language: Language

    public func stop() { stopping = true }

    public init(language: Language = .chinese) { self.language = language }

    /// A build succeeded. Open pages reload only when it changed the site (`BuildReport.changedSite`) or
    /// when they show a failure to clear; a rebuild to the same bytes leaves them as they are.
    public func succeeded(changedSite: Bool = true) {
        guard changedSite || failure != nil else { return }
        generation += 1
        failure = nil
    }

    public func failed(_ diagnostics: [Diagnostic]) {
        generation += 1
        failure = DiagnosticReport.text(diagnostics, language)
    }

    public func snapshot() -> (generation: Int, failure: String?) { (generation, failure) }

    /// The first line of the overlay over a page of the last good build.
    public static func overLastGoodPage(_ language: Language) -> String { Message(.serveOverlayTitle).text(language) }
    /// The first line of the overlay where there is no page: the address was not built (its case has an
    /// error, or no build has succeeded yet).
    public static func noPageYet(_ language: Language) -> String { Message(.serveOverlayNoPage).text(language) }

    /// The script that only pages served by `casebook serve` get: it listens on the same port and reloads
    /// the page after a good build, or shows the build's errors over the page (as text, never as markup).
    /// The script, its overlay headed by `heading`.
    public static func script(heading: String) -> String {
        """
        <script>(function(){if(!window.EventSource)return;var es=new EventSource("/__casebook/events");var seen=null;
        function overlay(text){var box=document.getElementById("casebook-build-error");if(!box){box=document.createElement("div");box.id="casebook-build-error";box.setAttribute("role","alert");
        box.style.cssText="position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,0,0,.92);color:#fff;padding:2em;font:14px/1.6 monospace;white-space:pre-wrap";document.body.appendChild(box);}
        box.textContent=\(javaScriptString(heading))+"\\n\\n"+text;}
        es.addEventListener("state",function(e){var s=JSON.parse(e.data);if(seen===null){seen=s.generation;if(s.failure)overlay(s.failure);return;}
        if(s.generation!==seen){seen=s.generation;if(s.failure){overlay(s.failure);}else{location.reload();}}});})();</script>
        """
    }

    /// The overlay written into a page when the last build failed, escaped like any content.
    public static func overlayMarkup(_ failure: String, heading: String) -> String {
        "<div id=\"casebook-build-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,0,0,.92);color:#fff;padding:2em;font:14px/1.6 monospace;white-space:pre-wrap\">"
            + HTML.escape(heading + "\n\n" + failure) + "</div>"
    }

    /// A JavaScript string literal of `text` that is safe inside a `<script>` element.
    static func javaScriptString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&", "\n", "\r", "\u{2028}", "\u{2029}": out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
