import CasebookPages
import CasebookKit

/// The state live pages follow: a build generation that changes on every successful rebuild,
/// and the diagnostics of the last failed one (nil once a build succeeds again).
public actor LiveReload {
    public private(set) var generation = 0
    public private(set) var failure: String?
    /// Set when the server is asked to stop: event streams end.
    public private(set) var stopping = false

    /// The language of the failure text.
    public let language: Language

    public func stop() { stopping = true }

    public init(language: Language = .chinese) { self.language = language }

    public func succeeded() {
        generation += 1
        failure = nil
    }

    public func failed(_ diagnostics: [Diagnostic]) {
        generation += 1
        failure = Message(.serveOverlayTitle).text(language) + "\n\n" + DiagnosticReport.text(diagnostics, language)
    }

    public func snapshot() -> (generation: Int, failure: String?) { (generation, failure) }

    /// The script that only pages served by `casebook serve` get: it listens on the same port and reloads
    /// the page after a good build, or shows the build's errors over the page (as text, never as markup).
    public static let script = """
    <script>(function(){if(!window.EventSource)return;var es=new EventSource("/__casebook/events");var seen=null;
    function overlay(text){var box=document.getElementById("casebook-build-error");if(!box){box=document.createElement("div");box.id="casebook-build-error";box.setAttribute("role","alert");
    box.style.cssText="position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,0,0,.92);color:#fff;padding:2em;font:14px/1.6 monospace;white-space:pre-wrap";document.body.appendChild(box);}
    box.textContent=text;}
    es.addEventListener("state",function(e){var s=JSON.parse(e.data);if(seen===null){seen=s.generation;if(s.failure)overlay(s.failure);return;}
    if(s.generation!==seen){seen=s.generation;if(s.failure){overlay(s.failure);}else{location.reload();}}});})();</script>
    """

    /// The overlay written into a page when the last build failed (`failure` begins with its title), escaped like any content.
    public static func overlayMarkup(_ failure: String) -> String {
        "<div id=\"casebook-build-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,0,0,.92);color:#fff;padding:2em;font:14px/1.6 monospace;white-space:pre-wrap\">"
            + HTML.escape(failure) + "</div>"
    }
}
