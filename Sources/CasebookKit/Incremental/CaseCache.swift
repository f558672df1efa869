import Foundation

/// Rendered cases kept between builds in the `CacheStore`, each tied to the hash of its file and of the
/// build environment. A case whose file is unchanged is not read, parsed or rendered again.
///
/// A case is four values, each in `BinaryField` form and each read without the others: the head (the stage
/// output without the body's text), which every build reads; the body's HTML, read for the pages that show
/// it; its blocks of text, read for the search index; and its figures' charts, read for the figure index.
struct CaseCache: Sendable {
    let store: CacheStore
    let environment: ContentHash
    /// The last build's inputs, when it ran in the same environment; otherwise empty.
    let previous: [String: BuildManifest.Input]

    /// One value of a case, with the hashes of the case file and the environment it was made from.
    struct Part<Value> {
        var hash: ContentHash
        var environment: ContentHash
        var value: Value
    }

    /// The kinds of value the store keeps of a case: head, body HTML, blocks of text, charts.
    static let kinds: [CacheStore.Kind] = [.caseHead, .caseHTML, .caseText, .caseCharts]

    /// A case's stage output, where it came from, and the stamp to remember it by. The output's text is
    /// left out when the cache holds it.
    struct Result: Sendable {
        var output: CaseStage.Output
        var input: BuildManifest.Input?
        var reused: Bool
    }

    init(store: CacheStore, environment: ContentHash, manifest: BuildManifest?) {
        self.store = store
        self.environment = environment
        previous = manifest?.environment == environment ? manifest?.inputs ?? [:] : [:]
    }

    /// The stage output of `file`: from the cache when the file (by stamp, then by content) is unchanged.
    func run(_ file: CaseFile, stage: CaseStage) -> Result {
        let stamp = file.stamp
        if let stamp, let old = previous[file.slug], old.stamp == stamp, old.path == file.path,
           let cached = read(CaseStage.Output.self, .caseHead, of: file.slug, hash: old.hash) {
            return Result(output: cached, input: old, reused: true)
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return Result(output: stage.run(file, data: nil), input: nil, reused: false)
        }
        let hash = ContentHash(data)
        let input = stamp.map { BuildManifest.Input(path: file.path, stamp: $0, hash: hash) }
        if previous[file.slug]?.hash == hash, let cached = read(CaseStage.Output.self, .caseHead, of: file.slug, hash: hash) {
            return Result(output: cached, input: input, reused: true)
        }
        var output = stage.run(file, data: data)
        if input != nil, write(file.slug, hash: hash, output) { output.text = nil }
        return Result(output: output, input: input, reused: false)
    }

    /// The text of `file` rendered again, when the cache no longer holds it whole; it is stored again. Nil
    /// when the file's bytes no longer hash to `hash` (it was edited during the build).
    func restore(_ file: CaseFile, hash: ContentHash, stage: CaseStage) -> CaseText? {
        guard let data = FileManager.default.contents(atPath: file.path), ContentHash(data) == hash else { return nil }
        let output = stage.run(file, data: data)
        write(file.slug, hash: hash, output)
        return output.text
    }

    /// The value of `kind` of case `slug` as rendered from the file with `hash` in this environment, if the
    /// cache holds it.
    func read<Value: BinaryField>(_ type: Value.Type, _ kind: CacheStore.Kind, of slug: String, hash: ContentHash) -> Value? {
        guard let bytes = store.value(kind, slug) else { return nil }
        return bytes.withUnsafeBytes { raw in
            var reader = BinaryReader(bytes: raw.assumingMemoryBound(to: UInt8.self), position: 0)
            guard let part = try? Part<Value>(reading: &reader), reader.remaining == 0,
                  part.hash == hash, part.environment == environment else { return nil }
            return part.value
        }
    }

    /// The length in bytes of the value of `kind` of case `slug` as stored, without reading it; nil when
    /// the cache does not hold it.
    func length(_ kind: CacheStore.Kind, of slug: String) -> Int? {
        store.length(kind, slug)
    }

    /// Removes every value of case `slug` (its file is gone).
    func remove(_ slug: String) {
        for kind in Self.kinds { store.remove(kind, slug) }
    }

    /// Stores `output` (true: the caller may then let go of its text).
    @discardableResult
    private func write(_ slug: String, hash: ContentHash, _ output: CaseStage.Output) -> Bool {
        let text = output.text ?? CaseText(html: "", textBlocks: [], charts: [])
        var head = output
        head.text = nil
        func encoded<Value: BinaryField>(_ value: Value) -> [UInt8] {
            var writer = BinaryWriter()
            writer.write(Part(hash: hash, environment: environment, value: value))
            return writer.bytes
        }
        store.put([(.caseHead, slug, encoded(head)), (.caseHTML, slug, encoded(text.html)),
                   (.caseText, slug, encoded(text.textBlocks)), (.caseCharts, slug, encoded(text.charts))])
        return true
    }
}
