import Foundation
import Testing
@testable import CasebookKit

/// What a progress callback was told, in the order it was told.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(phase: BuildPhase, done: Int, total: Int)] = []

    func record(_ phase: BuildPhase, _ done: Int, _ total: Int) {
        lock.lock(); entries.append((phase, done, total)); lock.unlock()
    }

    var all: [(phase: BuildPhase, done: Int, total: Int)] { lock.lock(); defer { lock.unlock() }; return entries }
}

@Test func progressIsReportedAtEachPercentInOrderFromManyThreads() {
    let log = ProgressLog()
    let counter = ProgressCounter(.writingPages, total: 1_234, report: { log.record($0, $1, $2) })
    _ = Parallelism.$jobs.withValue(4) { parallelMap(Array(0..<1_234)) { _ in counter.advance() } }
    let reports = log.all
    #expect(reports.count == 100)
    #expect(reports.allSatisfy { $0.phase == .writingPages && $0.total == 1_234 })
    #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.done < $1.done })
    #expect(reports.last?.done == 1_234)
    let few = ProgressLog()
    let small = ProgressCounter(.renderingCases, total: 7, report: { few.record($0, $1, $2) })
    for _ in 0..<7 { small.advance() }
    #expect(few.all.map(\.done) == Array(1...7))
}

@Test func aFreshBuildReportsRenderingThenWritingThenIndexing() async throws {
    let output = Repo.temporaryDirectory() + "/out"
    defer { try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent) }
    let log = ProgressLog()
    var options = BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates, outputDirectory: output)
    options.progress = { log.record($0, $1, $2) }
    let report = try await Builder.build(options)
    let reports = log.all
    let caseFiles = try FileManager.default.contentsOfDirectory(atPath: Repo.content + "/cases").filter { $0.hasSuffix(".md") }.count
    #expect(reports.filter { $0.phase == .renderingCases }.last.map { [$0.done, $0.total] } == [caseFiles, caseFiles])
    #expect(reports.filter { $0.phase == .writingPages }.last.map { [$0.done, $0.total] } == [report.cases, report.cases])
    // A fresh build indexes the cases for search after writing the pages.
    #expect(reports.filter { $0.phase == .indexingCases }.last.map { [$0.done, $0.total] } == [report.cases, report.cases])
    #expect(reports.map(\.phase).removingRepeats() == [.renderingCases, .writingPages, .indexingCases])
}

private extension Array where Element: Equatable {
    /// The elements without any that equals the one before it.
    func removingRepeats() -> [Element] {
        enumerated().filter { $0.offset == 0 || self[$0.offset - 1] != $0.element }.map(\.element)
    }
}

/// `--timings` names every stage of the pipeline, once and in order.
@Test func aBuildIsTimedStageByStageInThePipelinesOrder() async throws {
    let output = Repo.temporaryDirectory() + "/out"
    defer { try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent) }
    let options = BuildOptions(contentDirectory: Repo.content, templatesDirectory: Repo.templates, outputDirectory: output)
    let clean = try await Builder.build(options)
    #expect(clean.stages.map(\.stage) == BuildStage.allCases)
    #expect(clean.stages.allSatisfy { $0.seconds >= 0 && $0.name.hasPrefix($0.stage.rawValue + ": ") })
}
