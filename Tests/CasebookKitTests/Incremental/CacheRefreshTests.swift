import Testing
@testable import CasebookKit

@Suite struct CacheRefreshTests {
    @Test func aLargeCacheWaitsForMoreThanOneEntryIn64() {
        // Ten thousand heads: one edited case leaves the pack as it is.
        #expect(!CacheRefresh.isDue(kept: 10_000, filed: 10_000, total: 10_000))
        #expect(!CacheRefresh.isDue(kept: 9_999, filed: 10_000, total: 10_000))
        // Each edited case counts twice (made now, and unused in the file): 78 are 156 stale, 79 are 158.
        #expect(!CacheRefresh.isDue(kept: 10_000 - 78, filed: 10_000, total: 10_000))
        #expect(CacheRefresh.isDue(kept: 10_000 - 79, filed: 10_000, total: 10_000))
        // Cases removed or added count too.
        #expect(CacheRefresh.isDue(kept: 9_000, filed: 10_000, total: 9_000))
        #expect(CacheRefresh.isDue(kept: 9_000, filed: 9_000, total: 10_000))
    }

    @Test func aSmallOrNewCacheIsWrittenOnAnyChange() {
        #expect(CacheRefresh.isDue(kept: 0, filed: 0, total: 5))
        #expect(CacheRefresh.isDue(kept: 1, filed: 2, total: 2))
        #expect(CacheRefresh.isDue(kept: 63, filed: 64, total: 64))
        #expect(!CacheRefresh.isDue(kept: 64, filed: 64, total: 64))
        #expect(!CacheRefresh.isDue(kept: 0, filed: 0, total: 0))
    }
}
