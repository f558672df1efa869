import Foundation

/// A moment of a build: wall clock and the process's CPU time so far, to time a stage both ways.
struct StageClock: Sendable {
    var wall: Date
    var cpu: Double

    static func now() -> StageClock {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)   // an enum in glibc's headers
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_stime.tv_sec)
            + (Double(usage.ru_utime.tv_usec) + Double(usage.ru_stime.tv_usec)) / 1e6
        return StageClock(wall: Date(), cpu: cpu)
    }

    /// The stage from `self` to `end`.
    func stage(_ stage: BuildStage, to end: StageClock) -> BuildReport.Stage {
        BuildReport.Stage(stage: stage, name: stage.rawValue + ": " + stage.summary,
                          seconds: end.wall.timeIntervalSince(wall), cpuSeconds: end.cpu - cpu)
    }
}

/// The stages of a build, in order, by the names the pipeline gives them; `--timings` prints these names.
public enum BuildStage: String, Sendable, CaseIterable {
    /// `ContentLoader.load` and the last build's record (`BuildManifest`), until the build knows it has work.
    case load
    /// `Builder.renderCases`: each case through `CaseStage`, or its head from the cache.
    case cases
    /// The rest of `Builder.renderCases`: the book put in order (`SiteModel`), the catalogue linked, the links
    /// between cases checked, the tables the pages look cases up in.
    case book
    /// `SiteWriter`: every page from the templates, written (or kept) by the `OutputWriter`.
    case pages
    /// `SearchIndex`: the search index, gathered and written (or kept).
    case search
    /// `OutputWriter.commit` and `BuildManifest.save`: the output put in place, the cache saved.
    case commit

    /// What the stage does, in a few words.
    public var summary: String {
        switch self {
        case .load: "read the content folder and the last build's record"
        case .cases: "read, check and render cases"
        case .book: "put the book in order and check the links between cases"
        case .pages: "render and write pages"
        case .search: "build and write the search index"
        case .commit: "commit output and save the cache"
        }
    }
}
