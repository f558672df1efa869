/// When a cache file of many entries (the pack of heads, a print page's articles) is worth writing again.
/// An entry missing from it, or out of date, costs the next build that one entry made or read on its own;
/// writing the file again costs every entry. So an edit to a few cases leaves the file as it is, and it is
/// written again once more than one entry in 64 is stale.
enum CacheRefresh {
    /// True when the file should be written: `stale` entries (made in this build, or in the file but not
    /// used) of the `total` the file would hold.
    static func isDue(stale: Int, of total: Int) -> Bool { stale > total / 64 }

    /// `isDue` for a file that held `filed` entries, of which `kept` are used again among `total`.
    static func isDue(kept: Int, filed: Int, total: Int) -> Bool {
        isDue(stale: (total - kept) + (filed - kept), of: total)
    }
}
