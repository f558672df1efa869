import Foundation

/// Rendered cases kept between builds in `.output.cache/cases/<slug>.bin` (see `BinaryCoder`), each tied to the hash of its
/// file and of the build environment. A case whose file is unchanged is not read, parsed or rendered again.
struct CaseCache: Sendable {
    let directory: String
    let environment: ContentHash
    /// The last build's inputs, when it ran in the same environment; otherwise empty.
    let previous: [String: BuildManifest.Input]

    struct Entry: Codable {
        var hash: ContentHash
        var environment: ContentHash
        var output: CaseStage.Output
    }

    /// A case's stage output, where it came from, and the stamp to remember it by.
    struct Result: Sendable {
        var output: CaseStage.Output
        var input: BuildManifest.Input?
        var reused: Bool
    }

    init(outputDirectory: String, environment: ContentHash, manifest: BuildManifest?) {
        directory = BuildManifest.cacheDirectory(for: outputDirectory) + "/cases"
        self.environment = environment
        previous = manifest?.environment == environment ? manifest?.inputs ?? [:] : [:]
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The stage output of `file`: from the cache when the file (by stamp, then by content) is unchanged.
    func run(_ file: CaseFile, stage: CaseStage) -> Result {
        let stamp = FileStamp.of(file.path)
        if let stamp, let old = previous[file.slug], old.stamp == stamp, old.path == file.path, let cached = read(file.slug, hash: old.hash) {
            return Result(output: cached, input: old, reused: true)
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return Result(output: stage.run(file, data: nil), input: nil, reused: false)
        }
        let hash = ContentHash(data)
        let input = stamp.map { BuildManifest.Input(path: file.path, stamp: $0, hash: hash) }
        if previous[file.slug]?.hash == hash, let cached = read(file.slug, hash: hash) {
            return Result(output: cached, input: input, reused: true)
        }
        let output = stage.run(file, data: data)
        write(file.slug, Entry(hash: hash, environment: environment, output: output))
        return Result(output: output, input: input, reused: false)
    }

    private func read(_ slug: String, hash: ContentHash) -> CaseStage.Output? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + slug + ".bin"),
              let entry = try? BinaryCoder.decode(Entry.self, from: Array(data)),
              entry.hash == hash, entry.environment == environment else { return nil }
        return entry.output
    }

    private func write(_ slug: String, _ entry: Entry) {
        guard let bytes = try? BinaryCoder.encode(entry) else { return }
        let data = Data(bytes)
        let path = directory + "/" + slug + ".bin"
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        if (try? OutputWriter.writeFile(temporary, data)) != nil { rename(temporary, path) }
    }
}
