/// The postings of every token in a range of blocks, gathered in one pass over the text.
///
/// CJK and digit tokens are keyed by a 64-bit number (a character, or `1 << 42 | a << 21 | b` for a pair)
/// in an open-addressing table with a multiplicative hash; words are few and go through a dictionary. A
/// token's last block is remembered, so a repeat in the same block only raises its count: one probe per
/// token occurrence, no per-block table. Entries are split into partitions by hash so that the tables of
/// several parts can be merged in parallel, one partition per task.
struct PostingsTable {
    static let partitionCount = 64

    /// A token's slot: its key, its entry, and the block it was last seen in with its count there so far.
    /// A repeat in the same block touches only the slot; the count goes to the postings when the token is
    /// next seen in another block, or at `finish()`.
    private struct Slot {
        var key: UInt64 = 0
        var entry: Int32 = -1
        var block: Int32 = -1
        var count: UInt32 = 0
        var flaggedBlock: Int32 = -1
    }

    private var slots: [Slot]
    private var mask: Int
    private var shift: UInt64
    /// Per entry: its key (0 for a word) and its postings, complete once `finish()` has run.
    private(set) var keys: [UInt64] = []
    private(set) var postings: [SearchIndex.Postings] = []
    /// Words are few: their slots are found through a dictionary.
    private var wordSlotIndex: [String: Int] = [:]
    private var wordSlots: [Slot] = []
    private(set) var words: [Int32: String] = [:]
    private var finished = false

    init(capacity: Int = 1 << 16) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Counts the tokens of `text` (normalised as `SearchTokenizer` says) in `block`; `flag` marks a title or
    /// heading. Blocks must come in ascending order.
    mutating func add(_ text: String, block: Int32, flag: Bool) {
        precondition(!finished, "add after finish")
        SearchTokenizer.scan(text, key: { addKey($0, block: block, flag: flag) }, word: { addWord($0, block: block, flag: flag) })
    }

    /// Moves every pending count into the postings; call once, after the last `add`.
    mutating func finish() {
        guard !finished else { return }
        finished = true
        for slot in slots where slot.key != 0 { Self.flush(slot, &postings) }
        for slot in wordSlots { Self.flush(slot, &postings) }
    }

    /// The home slot of a key, from the high bits of a multiplicative hash.
    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: Self.mix(key) >> shift) }

    @inline(__always)
    private static func mix(_ key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }

    @inline(__always)
    private mutating func addKey(_ key: UInt64, block: Int32, flag: Bool) {
        var index = home(key)
        while true {
            let found = slots[index].key
            if found == key { break }
            if found == 0 {
                slots[index] = Slot(key: key, entry: newEntry(key))
                break
            }
            index = (index + 1) & mask
        }
        Self.touch(&slots[index], &postings, block: block, flag: flag)
        if keys.count * 2 > slots.count { grow() }
    }

    private mutating func addWord(_ word: String, block: Int32, flag: Bool) {
        let index: Int
        if let known = wordSlotIndex[word] {
            index = known
        } else {
            let entry = newEntry(0)
            words[entry] = word
            index = wordSlots.count
            wordSlotIndex[word] = index
            wordSlots.append(Slot(key: 0, entry: entry))
        }
        Self.touch(&wordSlots[index], &postings, block: block, flag: flag)
    }

    private mutating func newEntry(_ key: UInt64) -> Int32 {
        keys.append(key)
        postings.append(SearchIndex.Postings())
        return Int32(keys.count - 1)
    }

    /// Counts one occurrence in `slot`.
    @inline(__always)
    private static func touch(_ slot: inout Slot, _ postings: inout [SearchIndex.Postings], block: Int32, flag: Bool) {
        if slot.block == block {
            slot.count &+= 1
        } else {
            flush(slot, &postings)
            slot.block = block
            slot.count = 1
        }
        if flag && slot.flaggedBlock != block {
            slot.flaggedBlock = block
            postings[Int(slot.entry)].flagged.append(block)
        }
    }

    /// Appends a slot's pending block and count to its postings.
    @inline(__always)
    private static func flush(_ slot: Slot, _ postings: inout [SearchIndex.Postings]) {
        guard slot.block >= 0 else { return }
        postings[Int(slot.entry)].ids.append(slot.block)
        postings[Int(slot.entry)].counts.append(UInt16(min(slot.count, UInt32(UInt16.max))))
    }

    private mutating func grow() {
        let old = slots.filter { $0.key != 0 }
        let size = slots.count * 2
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        for slot in old {
            var index = home(slot.key)
            while slots[index].key != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    /// The partition of an entry: by its key's hash, or by the word's hash.
    func partition(of entry: Int) -> Int {
        let key = keys[entry]
        if key != 0 { return Int(truncatingIfNeeded: Self.mix(key) >> 58) % Self.partitionCount }
        return Int(SearchIndex.hash(words[Int32(entry)]!) % UInt32(Self.partitionCount))
    }

    /// Entry numbers of each partition.
    func entriesByPartition() -> [[Int32]] {
        precondition(finished, "entriesByPartition before finish")
        var result = [[Int32]](repeating: [], count: Self.partitionCount)
        for entry in keys.indices { result[partition(of: entry)].append(Int32(entry)) }
        return result
    }

    /// The token an entry stands for.
    func token(of entry: Int) -> String {
        let key = keys[entry]
        return key == 0 ? words[Int32(entry)]! : SearchTokenizer.token(forKey: key).string
    }
}
