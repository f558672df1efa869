import Foundation
import Testing
@testable import CasebookKit

/// Counts the instances that are still alive.
private final class Tracked: @unchecked Sendable {
    static let lock = NSLock()
    nonisolated(unsafe) static var alive = 0
    let value: Int

    init(_ value: Int) {
        self.value = value
        Self.lock.lock(); Self.alive += 1; Self.lock.unlock()
    }

    deinit { Self.lock.lock(); Self.alive -= 1; Self.lock.unlock() }
}

@Test func parallelMapKeepsOrderAndLetsItsResultsGo() {
    do {
        let results = Parallelism.$jobs.withValue(0) { parallelMap(Array(0..<1000)) { Tracked($0 * 2) } }
        #expect(results.map(\.value) == (0..<1000).map { $0 * 2 })
        #expect(Tracked.alive == 1000)
        let laned = Parallelism.$jobs.withValue(3) { parallelMap(Array(0..<100)) { Tracked($0) } }
        #expect(laned.map(\.value) == Array(0..<100))
    }
    // Once the arrays are gone, so is every result: none is held by the map.
    #expect(Tracked.alive == 0)
}
