/// The postings of every token in a range of blocks, gathered in one pass over the text.
///
/// CJK and digit tokens are keyed by a 64-bit number (a character, or `1 << 42 | a << 21 | b` for a pair)
/// in an open-addressing table with a multiplicative hash; words are few and go through a dictionary. A
/// token's last block is remembered, so a repeat in the same block only raises its count: one probe per
/// token occurrence, no per-block table. When a token moves on to another block, its finished (block,
/// count) goes to the end of one flat log, and `finish()` groups the log by entry with a counting sort —
/// no array per token while the text is read. Entries are split into partitions by hash so that the
/// tables of several parts can be merged in parallel, one partition per task.
struct PostingsTable {
    static let partitionCount = 64

    /// A token's slot: its key, its entry, and the block it was last seen in with its count there so far.
    /// A repeat in the same block touches only the slot; the count goes to the log when the token is next
    /// seen in another block, or at `finish()`.
    private struct Slot {
        var key: UInt64 = 0
        var entry: Int32 = -1
        var block: Int32 = -1
        var count: UInt32 = 0
        var flaggedBlock: Int32 = -1
    }

    /// Finished (entry, block, count) triples and (entry, block) flags, in the order they were finished:
    /// for each entry, blocks ascend.
    private struct Log {
        struct Record { var entry: Int32; var block: Int32; var count: UInt32 }
        var records: [Record] = []
        var flags: [Record] = []
    }

    /// The log grouped by entry: entry `e`'s ids and counts are at `start[e] ..< start[e + 1]`.
    private struct Grouped {
        var start: [Int] = [0]
        var ids: [Int32] = []
        var counts: [UInt16] = []
        var flaggedStart: [Int] = [0]
        var flagged: [Int32] = []
    }

    private var slots: [Slot]
    private var mask: Int
    private var shift: UInt64
    private var log = Log()
    private var grouped = Grouped()
    /// Per entry: its key (0 for a word).
    private(set) var keys: [UInt64] = []
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
        // A text of n UTF-8 bytes has at most 2n tokens: grow first, so the scan can work on the slots
        // through a buffer (no copy-on-write check per token) and never has to grow them.
        while (keys.count + 2 * text.utf8.count) * 2 > slots.count { grow() }
        var slots = self.slots, keys = self.keys, log = self.log
        (self.slots, self.keys, self.log) = ([], [], Log())
        defer { (self.slots, self.keys, self.log) = (slots, keys, log) }
        var words: [String] = []
        let (mask, shift) = (self.mask, self.shift)
        slots.withUnsafeMutableBufferPointer { slots in
            SearchTokenizer.scan(text, key: { key in
                var index = Int(truncatingIfNeeded: Self.mix(key) >> shift)
                while true {
                    let found = slots[index].key
                    if found == key { break }
                    if found == 0 {
                        keys.append(key)
                        slots[index] = Slot(key: key, entry: Int32(keys.count - 1))
                        break
                    }
                    index = (index + 1) & mask
                }
                Self.touch(&slots[index], &log, block: block, flag: flag)
            }, word: { words.append($0) })
        }
        for word in words { addWord(word, block: block, flag: flag, keys: &keys, log: &log) }
    }

    /// Moves every pending count into the log and groups it by entry; call once, after the last `add`.
    mutating func finish() {
        guard !finished else { return }
        finished = true
        for slot in slots where slot.key != 0 { Self.flush(slot, &log) }
        for slot in wordSlots { Self.flush(slot, &log) }
        // The slots are only for gathering: let them go before the tables are merged.
        (slots, wordSlots, wordSlotIndex) = ([], [], [:])
        let start = Self.starts(of: log.records, entryCount: keys.count)
        let flaggedStart = Self.starts(of: log.flags, entryCount: keys.count)
        var ids = [Int32](repeating: 0, count: log.records.count)
        var counts = [UInt16](repeating: 0, count: log.records.count)
        var flagged = [Int32](repeating: 0, count: log.flags.count)
        // Each entry's records in log order, which is ascending block order.
        var next = start
        for record in log.records {
            let position = next[Int(record.entry)]
            ids[position] = record.block
            counts[position] = UInt16(min(record.count, UInt32(UInt16.max)))
            next[Int(record.entry)] = position + 1
        }
        next = flaggedStart
        for record in log.flags {
            flagged[next[Int(record.entry)]] = record.block
            next[Int(record.entry)] += 1
        }
        grouped = Grouped(start: start, ids: ids, counts: counts, flaggedStart: flaggedStart, flagged: flagged)
        log = Log()
    }

    /// Where each entry's run begins in the grouped arrays, and the total at the end.
    private static func starts(of records: [Log.Record], entryCount: Int) -> [Int] {
        var start = [Int](repeating: 0, count: entryCount + 1)
        for record in records { start[Int(record.entry) + 1] += 1 }
        for index in 0..<entryCount { start[index + 1] += start[index] }
        return start
    }

    /// The postings of an entry, after `finish()`.
    func postings(of entry: Int) -> SearchIndex.Postings {
        var postings = SearchIndex.Postings()
        appendPostings(of: entry, to: &postings)
        return postings
    }

    /// Appends an entry's postings to `postings` (whose ids must all be smaller), after `finish()`.
    func appendPostings(of entry: Int, to postings: inout SearchIndex.Postings) {
        precondition(finished, "postings before finish")
        let range = grouped.start[entry]..<grouped.start[entry + 1]
        postings.ids += grouped.ids[range]
        postings.counts += grouped.counts[range]
        postings.flagged += grouped.flagged[grouped.flaggedStart[entry]..<grouped.flaggedStart[entry + 1]]
    }

    @inline(__always)
    private static func mix(_ key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }

    private mutating func addWord(_ word: String, block: Int32, flag: Bool, keys: inout [UInt64], log: inout Log) {
        let index: Int
        if let known = wordSlotIndex[word] {
            index = known
        } else {
            keys.append(0)
            let entry = Int32(keys.count - 1)
            words[entry] = word
            index = wordSlots.count
            wordSlotIndex[word] = index
            wordSlots.append(Slot(key: 0, entry: entry))
        }
        Self.touch(&wordSlots[index], &log, block: block, flag: flag)
    }

    /// Counts one occurrence in `slot`.
    @inline(__always)
    private static func touch(_ slot: inout Slot, _ log: inout Log, block: Int32, flag: Bool) {
        if slot.block == block {
            slot.count &+= 1
        } else {
            flush(slot, &log)
            slot.block = block
            slot.count = 1
        }
        if flag && slot.flaggedBlock != block {
            slot.flaggedBlock = block
            log.flags.append(Log.Record(entry: slot.entry, block: block, count: 1))
        }
    }

    /// Appends a slot's pending block and count to the log.
    @inline(__always)
    private static func flush(_ slot: Slot, _ log: inout Log) {
        guard slot.block >= 0 else { return }
        log.records.append(Log.Record(entry: slot.entry, block: slot.block, count: slot.count))
    }

    private mutating func grow() {
        let old = slots.filter { $0.key != 0 }
        let size = slots.count * 2
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        for slot in old {
            var index = Int(truncatingIfNeeded: Self.mix(slot.key) >> shift)
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
