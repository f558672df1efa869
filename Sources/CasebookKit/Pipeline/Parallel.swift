import Foundation

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

/// `parallelMap` with a transform that throws: every item is tried, then the error of the first item that
/// failed is rethrown.
func parallelTryMap<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @Sendable (Item) throws -> Output) throws -> [Output] {
    try parallelMap(items) { item in Result { try transform(item) } }.map { try $0.get() }
}

/// Runs `body` for each item on all cores; if any call throws, rethrows the error of the first such item.
func parallelForEach<Item: Sendable>(_ items: [Item], _ body: @Sendable (Item) throws -> Void) throws {
    _ = try parallelTryMap(items, body)
}

/// Lets `value` go on a background thread, a moment later. Freeing a build's model of ten thousand cases and
/// its records of tens of thousands of files takes longer than the caller need wait: a one-shot
/// `casebook build` reports and exits meanwhile. The caller gives up its own reference (`consume`); the
/// delay makes sure the caller has dropped every other one by then, so the last is released there.
func releaseInBackground<Value: Sendable>(_ value: consuming Value) {
    let held = value
    DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(200)) { withExtendedLifetime(held) {} }
}

/// Work started now on a thread of its own, to overlap what the caller does next; `value` waits for it.
/// A thread of its own, not a queue's: the build's own threads may all be busy, or waiting for this.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchGroup()
    private var result: Value?

    init(_ body: @escaping @Sendable () -> Value) {
        finished.enter()
        let thread = Thread { [self] in
            result = body()
            finished.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The work's result, once it is done.
    var value: Value {
        finished.wait()
        return result!
    }
}
