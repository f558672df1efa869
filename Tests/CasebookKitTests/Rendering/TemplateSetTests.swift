import Foundation
import Mustache
import Testing
@testable import CasebookKit

@Suite struct TemplateSetTests {
    /// Writes `files` (name → text) into a new directory.
    private func directory(_ files: [String: String]) throws -> String {
        let dir = Repo.temporaryDirectory()
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        return dir
    }

    @Test func rendersWhatSwiftMustacheRendersWithItsOwnLoaderAndEscaping() async throws {
        let dir = try directory([
            "page.mustache": "{{#items}}\n<p title=\"{{t}}\">{{t}}</p>\n{{> partials/row}}\n{{/items}}\n{{^items}}无{{/items}}\n{{{raw}}}\n",
            "partials/row.mustache": "  <li>{{t}} {{n}}</li>\n",
        ])
        let context: [String: Any] = [
            "items": [["t": "街道<党建> & \"社区\" 'x'", "n": 3], ["t": "汤桥街道", "n": 0]],
            "raw": "<b>已转义</b>",
        ]
        let ours = try TemplateSet.loadLibrary(directory: dir).render(context, withTemplate: "page")
        let stock = try await MustacheLibrary(directory: dir).render(context, withTemplate: "page")
        #expect(ours != nil)
        #expect(ours == stock)
        #expect(ours?.contains("街道&lt;党建&gt; &amp; &quot;社区&quot; &#39;x&#39;") == true)
        #expect(ours?.hasPrefix("<p title=") == true)
    }

    @Test func syntaxErrorsNameTheFileAndTheLineSwiftMustacheNames() async throws {
        let dir = try directory(["broken.mustache": "<p>\n<p>{{#open}}\n{{/shut}}\n"])
        var stockLine = 0
        do { _ = try await MustacheLibrary(directory: dir) } catch let error as MustacheLibrary.ParserError { stockLine = error.context.lineNumber }
        #expect(stockLine == 3)
        #expect {
            try TemplateSet.loadLibrary(directory: dir)
        } throws: { error in
            guard let failure = error as? BuildFailure, let location = failure.diagnostics.first?.location else { return false }
            return location.file == dir + "/broken.mustache" && location.line == stockLine
        }
    }
}
