import Dispatch

/// How many threads the pipeline's stages use; 0 means one per core. A build sets it from `BuildOptions.jobs`.
public enum Parallelism {
    @TaskLocal public static var jobs: Int = 0
}

/// Maps `items` on all cores (or on `Parallelism.jobs` threads); results keep the input order, so the
/// output never depends on scheduling. The transform must not share mutable state.
func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
    if Parallelism.jobs == 1 || items.count < 2 { return items.map(transform) }
    let buffer = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
    buffer.initialize(repeating: nil)
    defer { buffer.deallocate() }
    nonisolated(unsafe) let slots = buffer
    if Parallelism.jobs > 1 {
        let width = Parallelism.jobs
        DispatchQueue.concurrentPerform(iterations: width) { lane in
            for index in stride(from: lane, to: items.count, by: width) { slots[index] = transform(items[index]) }
        }
    } else {
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots[index] = transform(items[index])
        }
    }
    // Moved out, not copied: the buffer is freed without deinitializing, so a copy would leave every
    // result with one reference too many (and never freed).
    return (0..<items.count).map { (slots.baseAddress! + $0).move()! }
}

/// Runs `body` for each item on all cores; if any call throws, rethrows the error of the first such item.
func parallelForEach<Item: Sendable>(_ items: [Item], _ body: @Sendable (Item) throws -> Void) throws {
    let errors = parallelMap(items) { item -> (any Error)? in
        do { try body(item); return nil } catch { return error }
    }
    if let error = errors.compactMap({ $0 }).first { throw error }
}

/// Work started on a thread of its own, to overlap with what the caller does next; `wait()` blocks until it
/// is done and rethrows its error. With `Parallelism.jobs == 1` it runs at once, on the caller's thread.
final class Background: @unchecked Sendable {
    private let group = DispatchGroup()
    private var error: (any Error)?

    init(_ work: @escaping @Sendable () throws -> Void) {
        if Parallelism.jobs == 1 {
            do { try work() } catch { self.error = error }
            return
        }
        group.enter()
        DispatchQueue.global().async { [self] in
            defer { group.leave() }
            do { try work() } catch { self.error = error }
        }
    }

    /// Waits for the work; the group's wait orders the read of `error` after the write.
    func wait() throws {
        group.wait()
        if let error { throw error }
    }
}
