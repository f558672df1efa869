import CasebookKit
import Foundation
import Hummingbird

/// `casebook serve`: builds, serves `output/` with Hummingbird, rebuilds when Content/ or Templates/ change,
/// and tells open pages to reload. Answers only GET and HEAD, only for its own Host, only inside the site.
public struct PreviewServer: Sendable {
    public var options: BuildOptions
    public var host: String
    public var port: Int
    /// Seconds between looks at the source folders.
    public var pollInterval: Double = 0.25
    /// Header size and timeouts of each connection.
    public var limits = ConnectionLimits()
    /// The language of what the terminal and the page overlay say.
    public var language = Language.chinese

    public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 8000) {
        self.options = options
        self.host = host
        self.port = port
    }

    /// Runs until the task is cancelled or the process gets SIGINT/SIGTERM.
    public func run(log: @escaping @Sendable (String) -> Void) async throws {
        let language = self.language
        let state = LiveReload(language: language)
        let signals = Self.watchStopSignals(state: state)
        defer { signals.forEach { $0.cancel() } }
        await rebuild(state: state, log: log)
        let watcher = SourceWatcher(folders: [options.contentDirectory, options.templatesDirectory])
        let root = URL(fileURLWithPath: options.outputDirectory).standardizedFileURL.path
        let allowedHosts = HostNames.allowed(host: host, port: port)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await Self.respond(to: request, root: root, allowedHosts: allowedHosts, state: state)
        }
        let app = Application(responder: responder, server: .http1(configuration: limits.http1),
                              configuration: .init(address: .hostname(host, port: port), serverName: nil),
                              onServerRunning: { _ in
                                  let local = HostNames.isWildcard(host) ? "127.0.0.1" : host
                                  log(Message(.serving, root, HostNames.authorities(local, port: port)[0]).text(language))
                                  if let notice = HostNames.networkNotice(host: host, port: port) { log(notice.text(language)) }
                              })
        let options = self.options, interval = pollInterval
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            group.addTask {
                var last = watcher.fingerprint()
                // Template files edited since serve started: they take effect only in a recompiled casebook.
                var editedTemplates: Set<String> = []
                while !Task.isCancelled {
                    try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                    let now = watcher.fingerprint()
                    if now != last {
                        let edited = Self.editedTemplateSources(from: last, to: now, templates: options.templatesDirectory)
                        last = now
                        if !edited.isEmpty {
                            editedTemplates.formUnion(edited)
                            log(Self.recompileNotice(edited).map { $0.formatted(language) }.joined(separator: "\n"))
                        }
                        var server = PreviewServer(options: options)
                        server.language = language
                        await server.rebuild(state: state, log: log)
                        if !editedTemplates.isEmpty { await state.failed(Self.recompileNotice(editedTemplates)) }
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The Swift template files (`Templates/*.swift`) that differ between two fingerprints.
    static func editedTemplateSources(from old: [String: String], to new: [String: String], templates: String) -> Set<String> {
        let prefix = templates.hasSuffix("/") ? templates : templates + "/"
        return Set(Set(old.keys).union(new.keys).filter { $0.hasPrefix(prefix) && $0.hasSuffix(".swift") && old[$0] != new[$0] })
    }

    /// What the terminal and the page say when a Swift template was edited: it is compiled into casebook,
    /// so the preview keeps the old look until casebook is built again and serve restarted.
    static func recompileNotice(_ files: Set<String>) -> [Diagnostic] {
        files.sorted().map { file in
            .warning(Message(.templatesRecompile), at: SourceLocation(file: file), suggestion: Message(.templatesRecompileFix))
        }
    }

    /// On Ctrl-C (or SIGTERM) open event streams end, so the server's graceful shutdown does not wait on them.
    static func watchStopSignals(state: LiveReload) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await state.stop() } }
            source.resume()
            return source
        }
    }

    func rebuild(state: LiveReload, log: @Sendable (String) -> Void) async {
        do {
            let report = try await Builder.build(options)
            await state.succeeded(changedSite: report.changedSite)
            log((report.upToDate ? Message(.serveNothingChanged)
                : Message(.serveBuilt, String(report.cases), String(report.pages), String(format: "%.2f", report.seconds),
                          String(report.casesRendered), String(report.filesWritten))).text(language))
        } catch {
            await state.failed(error.diagnostics)
            let lastGood = FileManager.default.fileExists(atPath: options.outputDirectory + "/" + SitePaths.home)
            log(DiagnosticReport.text(error.diagnostics, language) + "\n" + Message(lastGood ? .serveFailed : .serveFailedNoSite).text(language))
        }
    }

    static func respond(to request: Request, root: String, allowedHosts: Set<String>, state: LiveReload) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "only GET and HEAD", extra: [.allow: "GET, HEAD"])
        }
        guard let authority = request.head.authority, allowedHosts.contains(authority.lowercased()) else {
            return plain(.forbidden, "unexpected Host header")
        }
        let raw = request.uri.path
        if raw == "/__casebook/events" { return events(state: state) }
        guard case let .file(relative) = RequestPath.resolve(raw) else { return plain(.badRequest, "refused path") }
        guard let path = RequestPath.locate(relative, in: root), var data = FileManager.default.contents(atPath: path) else {
            return await notFound(root: root, state: state, head: request.method == .head)
        }
        let type = RequestPath.contentType(for: relative)
        if type.hasPrefix("text/html") { data = await inject(into: data, state: state) }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                        body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Adds the live-reload script to a page, and the last build's errors over it when it failed;
    /// `heading` says what the page under them is.
    static func inject(into page: Data, state: LiveReload, heading: String? = nil) async -> Data {
        let heading = heading ?? LiveReload.overLastGoodPage(state.language)
        var html = String(decoding: page, as: UTF8.self)
        var addition = LiveReload.script(heading: heading)
        if let failure = await state.snapshot().failure { addition = LiveReload.overlayMarkup(failure, heading: heading) + addition }
        if let end = html.range(of: "</body>", options: .backwards) { html.insert(contentsOf: addition, at: end.lowerBound) } else { html += addition }
        return Data(html.utf8)
    }

    /// The 404 page, with the live-reload script: an address that is missing because its case has an error
    /// (or because no build has succeeded yet) shows the errors and reloads once they are fixed.
    static func notFound(root: String, state: LiveReload, head: Bool = false) async -> Response {
        let stored = RequestPath.locate(SitePaths.notFound, in: root).flatMap { FileManager.default.contents(atPath: $0) }
        let page = await inject(into: stored ?? Data(firstRunPage.utf8), state: state, heading: LiveReload.noPageYet(state.language))
        return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: page)))
    }

    /// What is served before any build has succeeded: an empty page for the errors and the script.
    static let firstRunPage = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>casebook serve</title></head><body>\n</body></html>\n"


    static func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// Server-sent events: the build state now, then again whenever it changes.
    static func events(state: LiveReload) -> Response {
        Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: ResponseBody { writer in
            var sent = -1
            while !Task.isCancelled, await !state.stopping {
                let (generation, failure) = await state.snapshot()
                if generation != sent {
                    sent = generation
                    let payload = try JSONSerialization.data(withJSONObject: ["generation": generation, "failure": failure as Any], options: [.sortedKeys])
                    try await writer.write(ByteBuffer(string: "event: state\ndata: " + String(decoding: payload, as: UTF8.self) + "\n\n"))
                }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            try await writer.finish(nil)
        })
    }
}
