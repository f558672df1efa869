import Dispatch

/// Maps `items` on all cores; results keep the input order. The transform must not share mutable state.
func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
    let buffer = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
    buffer.initialize(repeating: nil)
    defer { buffer.deallocate() }
    nonisolated(unsafe) let slots = buffer
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        slots[index] = transform(items[index])
    }
    return buffer.map { $0! }
}
