import ArgumentParser
import CasebookKit
import Foundation

@main
struct Casebook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: "Builds a static casebook site from Content/ and Templates/.",
        subcommands: [Build.self, Check.self],
        defaultSubcommand: Build.self
    )
}

/// Where content, templates and output live.
struct Locations: ParsableArguments {
    @Option(help: "The content folder (site.yaml, catalogue.yaml, cases/).")
    var content = "Content"
    @Option(help: "The templates folder.")
    var templates = "Templates"
    @Flag(help: "Include cases marked draft: true.")
    var drafts = false
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render Content/ into a static site.")

    @OptionGroup var locations: Locations
    @Option(help: "The output folder; replaced only when the build succeeds.")
    var output = "output"

    func run() async throws {
        let options = BuildOptions(contentDirectory: locations.content, templatesDirectory: locations.templates,
                                   outputDirectory: output, includeDrafts: locations.drafts)
        do {
            let report = try await Builder.build(options)
            if !report.diagnostics.isEmpty { printToStandardError(DiagnosticReport.text(report.diagnostics)) }
            print("built \(report.cases) cases, \(report.pages) pages, \(report.figures) figures (\(report.files) files) into \(output)/ in \(String(format: "%.2f", report.seconds)) s")
        } catch {
            let failure: BuildFailure = error
            printToStandardError(DiagnosticReport.text(failure.diagnostics))
            printToStandardError("build failed: \(failure.errorCount) error\(failure.errorCount == 1 ? "" : "s"); \(output)/ was left as it was")
            throw ExitCode.failure
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate Content/ without writing anything.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var locations: Locations
    @Option(help: "text (compiler style) or json.")
    var format: Format = .text

    func run() async throws {
        let options = BuildOptions(contentDirectory: locations.content, templatesDirectory: locations.templates, includeDrafts: true)
        let diagnostics: [Diagnostic]
        let files: Int
        do {
            let checked = try await Builder.check(options)
            diagnostics = checked.diagnostics
            files = checked.filesChecked
        } catch {
            diagnostics = error.diagnostics
            files = Set(error.diagnostics.compactMap { $0.location?.file }).count
        }
        switch format {
        case .json:
            print(DiagnosticReport.json(diagnostics, files: files))
        case .text:
            if !diagnostics.isEmpty { print(DiagnosticReport.text(diagnostics)) }
            print(DiagnosticReport.summary(diagnostics, files: files))
        }
        if diagnostics.hasErrors { throw ExitCode.failure }
    }
}
