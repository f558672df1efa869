/// The postings of every token in a range of blocks, gathered in one pass over the text.
///
/// CJK and digit tokens are keyed by a 64-bit number (a character, or `1 << 42 | a << 21 | b` for a pair)
/// in an open-addressing table with a multiplicative hash; words are few and go through a dictionary. A
/// token's last block is remembered, so a repeat in the same block only raises its count: one probe per
/// token occurrence, no per-block table. When a token moves on to another block, its finished (block,
/// count) goes to the end of one log, and `finish()` groups the log by entry with a counting sort —
/// no array per token while the text is read. Entries are split into partitions by hash so that the
/// tables of several parts can be merged in parallel, one partition per task.
///
/// Memory is what bounds the index on a large site, so the log is 8 bytes a posting, grown in fixed chunks
/// (never copied or doubled), and the grouped postings are kept as variable-length gaps, about 2 bytes each.
struct PostingsTable {
    static let partitionCount = 64
    /// Blocks are numbered from the table's first block in 24 bits of a log record.
    static let maxBlocks = 1 << 24
    /// Counts above this are kept as this: the index shows at most 64 levels.
    static let maxCount = 255

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

    /// Finished postings and flags, in the order they were finished: for each entry, blocks ascend.
    private struct Log {
        /// An entry, and its block (counted from the table's first) with the count in the low 8 bits.
        struct Record {
            var entry: Int32
            var blockAndCount: UInt32
            var block: Int32 { Int32(blockAndCount >> 8) }
            var count: Int { Int(blockAndCount & 0xFF) }
        }
        var records = ChunkedLog()
        var flags = ChunkedLog()

        /// Records in chunks of a fixed size: appending never moves what is already there.
        struct ChunkedLog {
            static let chunkSize = 1 << 15
            private(set) var full: [[Record]] = []
            private(set) var last: [Record] = []
            var count: Int { full.count * Self.chunkSize + last.count }

            @inline(__always)
            mutating func append(_ record: Record) {
                if last.count == Self.chunkSize {
                    full.append(last)
                    last = []
                }
                if last.isEmpty { last.reserveCapacity(Self.chunkSize) }
                last.append(record)
            }

            func forEach(_ body: (Record) -> Void) {
                for chunk in full { for record in chunk { body(record) } }
                for record in last { body(record) }
            }
        }
    }

    /// The log grouped by entry: entry `e`'s postings are the bytes `start[e] ..< start[e + 1]`, each a
    /// varint of `gap << 1 | (count > 1)`, then the count in one byte when it is over 1; its flagged blocks
    /// are varint gaps at `flaggedStart[e] ..< flaggedStart[e + 1]`. Gaps are `block - previous - 1`, the
    /// first one's previous being the table's first block minus one.
    /// The bytes are those of the cache file when the table was read back from one (see `FileBytes`).
    private struct Grouped {
        var start: [Int] = [0]
        var bytes = FileBytes.empty
        var flaggedStart: [Int] = [0]
        var flagged = FileBytes.empty
    }

    private var slots: [Slot]
    private var mask: Int
    private var shift: UInt64
    private var log = Log()
    private var grouped = Grouped()
    /// The first block this table may be given; blocks are kept relative to it.
    let firstBlock: Int32
    /// Per entry: its key (0 for a word).
    private(set) var keys: [UInt64] = []
    /// Words are few: their slots are found through a dictionary.
    private var wordSlotIndex: [String: Int] = [:]
    private var wordSlots: [Slot] = []
    private(set) var words: [Int32: String] = [:]
    private var finished = false

    /// A table for blocks `firstBlock ..< firstBlock + maxBlocks`.
    init(capacity: Int = 1 << 16, firstBlock: Int32 = 0) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        self.firstBlock = firstBlock
    }

    /// Counts the tokens of `text` (normalised as `SearchTokenizer` says) in `block`; `flag` marks a title or
    /// heading. Blocks must come in ascending order.
    mutating func add(_ text: String, block: Int32, flag: Bool) {
        precondition(!finished, "add after finish")
        let block = block - firstBlock
        precondition(block >= 0 && Int(block) < Self.maxBlocks, "block out of the table's range")
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
        let (start, bytes) = Self.grouped(log.records, entryCount: keys.count, withCounts: true)
        log.records = Log.ChunkedLog()
        let (flaggedStart, flagged) = Self.grouped(log.flags, entryCount: keys.count, withCounts: false)
        log = Log()
        grouped = Grouped(start: start, bytes: FileBytes(bytes), flaggedStart: flaggedStart, flagged: FileBytes(flagged))
    }

    /// The records grouped by entry with a counting sort, each entry's in log order (ascending blocks) and
    /// encoded as `Grouped` says: where each entry's bytes begin (and the total at the end), and the bytes.
    private static func grouped(_ records: Log.ChunkedLog, entryCount: Int, withCounts: Bool) -> (start: [Int], bytes: [UInt8]) {
        var previous = [Int32](repeating: -1, count: entryCount)
        /// A record's varint, and its count byte when it has one; `previous` moves on to its block.
        func encoded(_ record: Log.Record) -> (varint: Int, count: UInt8?) {
            let entry = Int(record.entry)
            let gap = Int(record.block - previous[entry] - 1)
            previous[entry] = record.block
            guard withCounts else { return (gap, nil) }
            return record.count > 1 ? (gap << 1 | 1, UInt8(record.count)) : (gap << 1, nil)
        }
        // First pass: each entry's encoded size; the second writes it.
        var start = [Int](repeating: 0, count: entryCount + 1)
        records.forEach { record in
            let (varint, count) = encoded(record)
            start[Int(record.entry) + 1] += varintSize(varint) + (count == nil ? 0 : 1)
        }
        for index in 0..<entryCount { start[index + 1] += start[index] }
        var bytes = [UInt8](repeating: 0, count: start[entryCount])
        var next = start
        for index in previous.indices { previous[index] = -1 }
        bytes.withUnsafeMutableBufferPointer { bytes in
            records.forEach { record in
                let (varint, count) = encoded(record)
                let entry = Int(record.entry)
                writeVarint(varint, to: bytes, at: &next[entry])
                if let count {
                    bytes[next[entry]] = count
                    next[entry] += 1
                }
            }
        }
        return (start, bytes)
    }

    @inline(__always)
    private static func varintSize(_ value: Int) -> Int {
        var (v, size) = (value >> 7, 1)
        while v > 0 { v >>= 7; size += 1 }
        return size
    }

    /// Seven bits a byte, least significant first; the high bit says more follow.
    @inline(__always)
    private static func writeVarint(_ value: Int, to bytes: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int) {
        var v = value
        while v >= 0x80 {
            bytes[offset] = UInt8(v & 0x7F) | 0x80
            offset += 1
            v >>= 7
        }
        bytes[offset] = UInt8(v)
        offset += 1
    }

    @inline(__always)
    private static func readVarint(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) -> Int {
        var (value, shift) = (0, 0)
        while true {
            precondition(offset < bytes.count, "postings run past their bytes")
            let byte = bytes[offset]
            offset += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    // MARK: - Keeping a finished table between builds

    /// A finished table's entries and postings, as bytes (see `RawBytes`); the first block is not in them.
    func serialized() -> [UInt8] {
        precondition(finished, "serialized before finish")
        var out = RawBytes.Writer()
        out.append(keys)
        let wordEntries = words.keys.sorted()
        out.append(wordEntries)
        for entry in wordEntries { out.append(Array(words[entry]!.utf8)) }
        out.append(grouped.start)
        out.append(bytes: grouped.bytes)
        out.append(grouped.flaggedStart)
        out.append(bytes: grouped.flagged)
        return out.bytes
    }

    /// A finished table from `serialized()`'s bytes, for blocks from `firstBlock`; nil when they do not
    /// make one (every run of postings must lie inside the bytes).
    init?(serialized bytes: FileBytes, firstBlock: Int32) {
        var reader = RawBytes.Reader(bytes)
        guard let keys = reader.read(UInt64.self), let wordEntries = reader.read(Int32.self) else { return nil }
        var words: [Int32: String] = [:]
        for entry in wordEntries {
            guard let utf8 = reader.read(UInt8.self), keys.indices.contains(Int(entry)), keys[Int(entry)] == 0 else { return nil }
            words[entry] = String(decoding: utf8, as: UTF8.self)
        }
        guard let start = reader.read(Int.self), let postings = reader.readBytes(),
              let flaggedStart = reader.read(Int.self), let flagged = reader.readBytes(), reader.isAtEnd,
              words.count == keys.filter({ $0 == 0 }).count,
              Self.areRuns(start, of: postings, entries: keys.count), Self.areRuns(flaggedStart, of: flagged, entries: keys.count)
        else { return nil }
        (slots, mask, shift) = ([], 0, 0)
        self.firstBlock = firstBlock
        self.keys = keys
        self.words = words
        grouped = Grouped(start: start, bytes: postings, flaggedStart: flaggedStart, flagged: flagged)
        finished = true
    }

    /// A finished table made of its parts, in `Grouped`'s form (see `patched(replacing:with:)`).
    init(firstBlock: Int32, keys: [UInt64], words: [Int32: String], start: [Int], postings: [UInt8], flaggedStart: [Int], flagged: [UInt8]) {
        (slots, mask, shift) = ([], 0, 0)
        self.firstBlock = firstBlock
        self.keys = keys
        self.words = words
        grouped = Grouped(start: start, bytes: FileBytes(postings), flaggedStart: flaggedStart, flagged: FileBytes(flagged))
        finished = true
    }

    /// True when `start` cuts `bytes` into one run per entry, in order. (That each run holds whole postings
    /// is vouched for by the hash of the cache file, checked before.)
    private static func areRuns(_ start: [Int], of bytes: FileBytes, entries: Int) -> Bool {
        guard start.count == entries + 1, start.first == 0, start.last == bytes.count else { return false }
        return zip(start, start.dropFirst()).allSatisfy { $0 <= $1 }
    }

    /// The postings of an entry, after `finish()`.
    func postings(of entry: Int) -> SearchIndex.Postings {
        var postings = SearchIndex.Postings()
        appendPostings(of: entry, to: &postings)
        return postings
    }

    /// True when an entry has a posting or a flag in one of `blocks` (all within `lowest ..< highest`): its
    /// bytes are scanned up to `highest`, not decoded. After `finish()`.
    func hasPosting(of entry: Int, in blocks: [Range<Int32>], lowest: Int32, highest: Int32) -> Bool {
        precondition(finished, "postings before finish")
        func hits(_ id: Int) -> Bool { id >= Int(lowest) && blocks.contains { $0.contains(Int32(id)) } }
        var (offset, end, previous) = (grouped.start[entry], grouped.start[entry + 1], Int(firstBlock) - 1)
        let found = grouped.bytes.withUnsafeBytes { bytes in
            while offset < end, previous < Int(highest) {
                let value = Self.readVarint(bytes, at: &offset)
                previous += (value >> 1) + 1
                if value & 1 == 1 { offset += 1 }
                if hits(previous) { return true }
            }
            return false
        }
        if found { return true }
        (offset, end, previous) = (grouped.flaggedStart[entry], grouped.flaggedStart[entry + 1], Int(firstBlock) - 1)
        return grouped.flagged.withUnsafeBytes { flagged in
            while offset < end, previous < Int(highest) {
                previous += Self.readVarint(flagged, at: &offset) + 1
                if hits(previous) { return true }
            }
            return false
        }
    }

    /// An entry's stored postings and flags, in the form `PatchedTable` writes: handed to `body` as they lie.
    func withStoredBytes(of entry: Int, _ body: (_ postings: UnsafeRawBufferPointer, _ flagged: UnsafeRawBufferPointer) -> Void) {
        precondition(finished, "postings before finish")
        let (start, end) = (grouped.start[entry], grouped.start[entry + 1])
        let (flaggedStart, flaggedEnd) = (grouped.flaggedStart[entry], grouped.flaggedStart[entry + 1])
        grouped.bytes.withUnsafeBytes { bytes in
            grouped.flagged.withUnsafeBytes { flagged in
                body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), UnsafeRawBufferPointer(rebasing: flagged[flaggedStart..<flaggedEnd]))
            }
        }
    }

    /// Appends an entry's postings to `postings` (whose ids must all be smaller), after `finish()`.
    func appendPostings(of entry: Int, to postings: inout SearchIndex.Postings) {
        precondition(finished, "postings before finish")
        var (offset, end, previous) = (grouped.start[entry], grouped.start[entry + 1], Int(firstBlock) - 1)
        // Each posting takes at least one byte: room for them all at once, not at every append.
        postings.ids.reserveCapacity(postings.ids.count + end - offset)
        postings.counts.reserveCapacity(postings.counts.count + end - offset)
        grouped.bytes.withUnsafeBytes { bytes in
            while offset < end {
                let value = Self.readVarint(bytes, at: &offset)
                previous += (value >> 1) + 1
                postings.ids.append(Int32(previous))
                if value & 1 == 1 {
                    precondition(offset < bytes.count, "postings run past their bytes")
                    postings.counts.append(UInt16(bytes[offset]))
                    offset += 1
                } else {
                    postings.counts.append(1)
                }
            }
        }
        (offset, end, previous) = (grouped.flaggedStart[entry], grouped.flaggedStart[entry + 1], Int(firstBlock) - 1)
        grouped.flagged.withUnsafeBytes { flagged in
            while offset < end {
                previous += Self.readVarint(flagged, at: &offset) + 1
                postings.flagged.append(Int32(previous))
            }
        }
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

    /// Counts one occurrence in `slot`; `block` is relative to the first.
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
            log.flags.append(Log.Record(entry: slot.entry, blockAndCount: UInt32(block) << 8 | 1))
        }
    }

    /// Appends a slot's pending block and count to the log.
    @inline(__always)
    private static func flush(_ slot: Slot, _ log: inout Log) {
        guard slot.block >= 0 else { return }
        let count = min(slot.count, UInt32(maxCount))
        log.records.append(Log.Record(entry: slot.entry, blockAndCount: UInt32(slot.block) << 8 | count))
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

    /// A token as the same in every table: its key, or for a word (key 0) the word.
    struct TokenID: Hashable {
        var key: UInt64
        var word: String?
    }

    func tokenID(of entry: Int) -> TokenID {
        let key = keys[entry]
        return TokenID(key: key, word: key == 0 ? words[Int32(entry)] : nil)
    }

    /// The tokens whose postings (blocks, counts and flags) differ between this table and `other`, a table
    /// of the same blocks: those whose postings changed and those only one of them has.
    func changedTokens(since other: PostingsTable) -> Set<TokenID> {
        precondition(finished && other.finished && firstBlock == other.firstBlock, "changedTokens of unfinished or unaligned tables")
        var otherEntries: [TokenID: Int] = [:]
        otherEntries.reserveCapacity(other.keys.count)
        for entry in other.keys.indices { otherEntries[other.tokenID(of: entry)] = entry }
        var changed = Set<TokenID>()
        for entry in keys.indices {
            let id = tokenID(of: entry)
            guard let old = otherEntries.removeValue(forKey: id),
                  grouped.bytes[grouped.start[entry]..<grouped.start[entry + 1]]
                    .sameBytes(as: other.grouped.bytes[other.grouped.start[old]..<other.grouped.start[old + 1]]),
                  grouped.flagged[grouped.flaggedStart[entry]..<grouped.flaggedStart[entry + 1]]
                    .sameBytes(as: other.grouped.flagged[other.grouped.flaggedStart[old]..<other.grouped.flaggedStart[old + 1]])
            else { changed.insert(id); continue }
        }
        changed.formUnion(otherEntries.keys)
        return changed
    }

    /// The token an entry stands for.
    func token(of entry: Int) -> String {
        let key = keys[entry]
        return key == 0 ? words[Int32(entry)]! : SearchTokenizer.token(forKey: key).string
    }
}
