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
    func stage(_ name: String, to end: StageClock) -> BuildReport.Stage {
        BuildReport.Stage(name: name, seconds: end.wall.timeIntervalSince(wall), cpuSeconds: end.cpu - cpu)
    }
}
