import Foundation

/// The long stretches of a build that report their progress.
public enum BuildPhase: Sendable {
    /// Reading, checking and rendering each case (or taking it from the cache).
    case renderingCases
    /// Writing each case's page.
    case writingPages
    /// Gathering the text of each case into the search index, when that is done after the pages (in a fresh
    /// build, or on one thread); an update on more threads indexes what changed while it writes the pages,
    /// and reports no progress of that.
    case indexingCases
}

/// Counts the cases of one phase done across threads and reports each whole percent reached (every case when
/// there are fewer than a hundred), in order.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let phase: BuildPhase
    private let total: Int
    private let report: (@Sendable (BuildPhase, Int, Int) -> Void)?

    init(_ phase: BuildPhase, total: Int, report: (@Sendable (BuildPhase, Int, Int) -> Void)?) {
        self.phase = phase
        self.total = total
        self.report = report
    }

    /// Counts `count` more done; reports under the lock, so a later count is never shown before an earlier one.
    func advance(by count: Int = 1) {
        guard let report, count > 0 else { return }
        lock.lock(); defer { lock.unlock() }
        let before = done
        done += count
        if done * 100 / total != before * 100 / total { report(phase, done, total) }
    }
}
