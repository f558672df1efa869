/// Patching a finished table: an edit to a few pages of a batch changes only their blocks, so the batch's
/// table is the last build's with those blocks' postings taken out and the pages' new ones put in, instead
/// of gathering every page of the batch again.
extension PostingsTable {
    /// This table with every posting and flag in `replaced` taken out and `patch`'s put in. `patch` is a
    /// finished table with the same first block holding blocks of `replaced` only. Tokens left with no
    /// posting are dropped, so the result has the postings a table gathered from the new text would have
    /// (its entries may come in another order, which no output depends on).
    func patched(replacing replaced: [Range<Int32>], with patch: PostingsTable) -> PostingsTable {
        var patchEntries: [TokenID: Int] = [:]
        patchEntries.reserveCapacity(patch.keys.count)
        for entry in patch.keys.indices { patchEntries[patch.tokenID(of: entry)] = entry }
        func isReplaced(_ id: Int32) -> Bool { replaced.contains { $0.contains(id) } }

        var out = PatchedTable(firstBlock: firstBlock)
        var old = SearchIndex.Postings(), new = SearchIndex.Postings(), merged = SearchIndex.Postings()
        var taken = [Bool](repeating: false, count: patch.keys.count)
        let lowest = replaced.map(\.lowerBound).min() ?? 0, highest = replaced.map(\.upperBound).max() ?? 0
        for entry in keys.indices {
            // Most tokens have no posting in the replaced blocks and none in the patch: their bytes are copied.
            if patchEntries[tokenID(of: entry)] == nil, !hasPosting(of: entry, in: replaced, lowest: lowest, highest: highest) {
                withStoredBytes(of: entry) { out.append(key: keys[entry], word: words[Int32(entry)], stored: $0, flagged: $1) }
                continue
            }
            old.removeAll()
            appendPostings(of: entry, to: &old)
            new.removeAll()
            if let other = patchEntries[tokenID(of: entry)] {
                patch.appendPostings(of: other, to: &new)
                taken[other] = true
            }
            merged.removeAll()
            Self.merge(old, dropping: isReplaced, with: new, into: &merged)
            out.append(key: keys[entry], word: words[Int32(entry)], merged)
        }
        for entry in patch.keys.indices where !taken[entry] {
            new.removeAll()
            patch.appendPostings(of: entry, to: &new)
            out.append(key: patch.keys[entry], word: patch.words[Int32(entry)], new)
        }
        return out.table
    }

    /// `old`'s postings and flags not `dropped`, and `new`'s, in ascending order.
    private static func merge(_ old: SearchIndex.Postings, dropping dropped: (Int32) -> Bool, with new: SearchIndex.Postings,
                              into merged: inout SearchIndex.Postings) {
        var (i, j) = (0, 0)
        while i < old.ids.count || j < new.ids.count {
            if j == new.ids.count || (i < old.ids.count && old.ids[i] < new.ids[j]) {
                if !dropped(old.ids[i]) { merged.ids.append(old.ids[i]); merged.counts.append(old.counts[i]) }
                i += 1
            } else {
                merged.ids.append(new.ids[j]); merged.counts.append(new.counts[j])
                j += 1
            }
        }
        (i, j) = (0, 0)
        while i < old.flagged.count || j < new.flagged.count {
            if j == new.flagged.count || (i < old.flagged.count && old.flagged[i] < new.flagged[j]) {
                if !dropped(old.flagged[i]) { merged.flagged.append(old.flagged[i]) }
                i += 1
            } else {
                merged.flagged.append(new.flagged[j])
                j += 1
            }
        }
    }
}

/// A finished table written entry by entry, in `PostingsTable`'s grouped form (its varints are
/// `BinaryWriter`'s).
private struct PatchedTable {
    let firstBlock: Int32
    var keys: [UInt64] = []
    var words: [Int32: String] = [:]
    var start = [0], postings = BinaryWriter(), flaggedStart = [0], flagged = BinaryWriter()

    init(firstBlock: Int32) { self.firstBlock = firstBlock }

    /// Adds a token's postings as one entry; a token with none is left out.
    mutating func append(key: UInt64, word: String?, _ entry: SearchIndex.Postings) {
        guard !entry.ids.isEmpty else { return }
        if key == 0, let word { words[Int32(keys.count)] = word }
        keys.append(key)
        var previous = firstBlock - 1
        for (id, count) in zip(entry.ids, entry.counts) {
            let gap = UInt64(id - previous - 1)
            previous = id
            postings.varint(count > 1 ? gap << 1 | 1 : gap << 1)
            if count > 1 { postings.bytes.append(UInt8(count)) }
        }
        start.append(postings.bytes.count)
        previous = firstBlock - 1
        for id in entry.flagged {
            flagged.varint(UInt64(id - previous - 1))
            previous = id
        }
        flaggedStart.append(flagged.bytes.count)
    }

    /// Adds a token's entry as another table stored it (`PostingsTable.withStoredBytes`): the same gaps from
    /// the same first block, so the same bytes.
    mutating func append(key: UInt64, word: String?, stored: UnsafeRawBufferPointer, flagged storedFlags: UnsafeRawBufferPointer) {
        guard !stored.isEmpty else { return }
        if key == 0, let word { words[Int32(keys.count)] = word }
        keys.append(key)
        postings.bytes.append(contentsOf: stored)
        start.append(postings.bytes.count)
        flagged.bytes.append(contentsOf: storedFlags)
        flaggedStart.append(flagged.bytes.count)
    }

    var table: PostingsTable {
        PostingsTable(firstBlock: firstBlock, keys: keys, words: words, start: start, postings: postings.bytes,
                      flaggedStart: flaggedStart, flagged: flagged.bytes)
    }
}
