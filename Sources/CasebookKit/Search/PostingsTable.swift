/// The postings of every token in a range of blocks, gathered in one pass over the text.
///
/// CJK and digit tokens are keyed by a 64-bit number (a character, or `1 << 42 | a << 21 | b` for a pair)
/// in an open-addressing table with a multiplicative hash; words are few and go through a dictionary. A
/// token's last block is remembered, so a repeat in the same block only raises its count: one probe per
/// token occurrence, no per-block table. Entries are split into partitions by hash so that the tables of
/// several parts can be merged in parallel, one partition per task.
struct PostingsTable {
    static let partitionCount = 64

    private var slots: [UInt64]
    private var slotEntries: [Int32]
    private var mask: Int
    private var shift: UInt64
    /// Per entry: its key (0 for a word), its postings, the last block it was counted and flagged in.
    private(set) var keys: [UInt64] = []
    private(set) var postings: [SearchIndex.Postings] = []
    private var lastBlock: [Int32] = []
    private var lastFlagged: [Int32] = []
    private var wordEntries: [String: Int32] = [:]
    private(set) var words: [Int32: String] = [:]

    init(capacity: Int = 1 << 16) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        slotEntries = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Counts the tokens of `text` (normalised as `SearchTokenizer` says) in `block`; `flag` marks a title or
    /// heading.
    mutating func add(_ text: String, block: Int32, flag: Bool) {
        SearchTokenizer.scan(text, key: { addKey($0, block: block, flag: flag) }, word: { addWord($0, block: block, flag: flag) })
    }

    /// The home slot of a key, from the high bits of a multiplicative hash.
    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: Self.mix(key) >> shift) }

    @inline(__always)
    private static func mix(_ key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }

    @inline(__always)
    private mutating func addKey(_ key: UInt64, block: Int32, flag: Bool) {
        var slot = home(key)
        var entry: Int32
        while true {
            let found = slots[slot]
            if found == key { entry = slotEntries[slot]; break }
            if found == 0 {
                entry = newEntry(key)
                slots[slot] = key
                slotEntries[slot] = entry
                if keys.count * 2 > slots.count { grow() }
                break
            }
            slot = (slot + 1) & mask
        }
        count(Int(entry), block: block, flag: flag)
    }

    private mutating func addWord(_ word: String, block: Int32, flag: Bool) {
        let entry: Int32
        if let known = wordEntries[word] {
            entry = known
        } else {
            entry = newEntry(0)
            wordEntries[word] = entry
            words[entry] = word
        }
        count(Int(entry), block: block, flag: flag)
    }

    private mutating func newEntry(_ key: UInt64) -> Int32 {
        keys.append(key)
        postings.append(SearchIndex.Postings())
        lastBlock.append(-1)
        lastFlagged.append(-1)
        return Int32(keys.count - 1)
    }

    @inline(__always)
    private mutating func count(_ entry: Int, block: Int32, flag: Bool) {
        if lastBlock[entry] == block {
            postings[entry].counts.withUnsafeMutableBufferPointer { counts in
                let last = counts.count - 1
                if counts[last] < UInt16.max { counts[last] += 1 }
            }
        } else {
            lastBlock[entry] = block
            postings[entry].ids.append(block)
            postings[entry].counts.append(1)
        }
        if flag && lastFlagged[entry] != block {
            lastFlagged[entry] = block
            postings[entry].flagged.append(block)
        }
    }

    private mutating func grow() {
        let old = zip(slots, slotEntries).filter { $0.0 != 0 }
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        slotEntries = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (key, entry) in old {
            var slot = home(key)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = key
            slotEntries[slot] = entry
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
