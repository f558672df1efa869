import Foundation

/// Rendered cases kept between builds in `.output.cache/cases/<slug>.bin`, each tied to the hash of its
/// file and of the build environment. A case whose file is unchanged is not read, parsed or rendered again.
///
/// A file holds four parts (a `SectionedFile`), each in `BinaryCoder`'s form and each read without the
/// others: the head (the stage output without the body's text), which every build reads; the body's HTML,
/// read for the pages that show it; its blocks of text, read for the search index; and its figures'
/// charts, read for the figure index. Every head is also
/// kept in one `CaseHeadPack`, which a build reads instead of each file's head.
struct CaseCache: Sendable {
    let directory: String
    let environment: ContentHash
    /// The last build's inputs, when it ran in the same environment; otherwise empty.
    let previous: [String: BuildManifest.Input]
    /// The last build's heads, read only when there is a last build to take them from.
    let pack: CaseHeadPack

    /// One part of a file, with the hashes of the case file and the environment it was made from.
    struct Part<Value: Codable>: Codable {
        var hash: ContentHash
        var environment: ContentHash
        var value: Value
    }

    /// The parts of a file.
    enum Section: Int { case head, html, textBlocks, charts }

    /// A case's stage output, where it came from, and the stamp to remember it by. The output's text is
    /// left out when the cache holds it.
    struct Result: Sendable {
        var output: CaseStage.Output
        var input: BuildManifest.Input?
        var reused: Bool
        /// The head as the next `CaseHeadPack` keeps it; nil when it is not in the cache.
        var head: CaseHeadPack.Head? = nil
    }

    /// - Parameter pack: the pack of heads, when it was read ahead (it is used only if the last build ran in
    ///   this environment); otherwise it is read here when it is of use.
    init(outputDirectory: String, environment: ContentHash, manifest: BuildManifest?, pack readAhead: CaseHeadPack? = nil) {
        directory = BuildManifest.cacheDirectory(for: outputDirectory) + "/cases"
        self.environment = environment
        previous = manifest?.environment == environment ? manifest?.inputs ?? [:] : [:]
        let reading = !previous.isEmpty
        pack = (reading ? readAhead : nil) ?? CaseHeadPack(cacheDirectory: BuildManifest.cacheDirectory(for: outputDirectory), reading: reading)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The stage output of `file`: from the cache when the file (by stamp, then by content) is unchanged.
    func run(_ file: CaseFile, stage: CaseStage) -> Result {
        let stamp = file.stamp
        if let stamp, let old = previous[file.slug], old.stamp == stamp, old.path == file.path,
           let cached = head(of: file.slug, hash: old.hash) {
            return Result(output: cached.output, input: old, reused: true, head: cached.head)
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return Result(output: stage.run(file, data: nil), input: nil, reused: false)
        }
        let hash = ContentHash(data)
        let input = stamp.map { BuildManifest.Input(path: file.path, stamp: $0, hash: hash) }
        if previous[file.slug]?.hash == hash, let cached = head(of: file.slug, hash: hash) {
            return Result(output: cached.output, input: input, reused: true, head: cached.head)
        }
        var output = stage.run(file, data: data)
        let head = input == nil ? nil : write(file.slug, hash: hash, output)
        if head != nil { output.text = nil }
        return Result(output: output, input: input, reused: false, head: head.map { .made($0) })
    }

    /// The text of `file` rendered again, when its cache file no longer holds it whole; the cache file is
    /// written again. Nil when the file's bytes no longer hash to `hash` (it was edited during the build).
    func restore(_ file: CaseFile, hash: ContentHash, stage: CaseStage) -> CaseText? {
        guard let data = FileManager.default.contents(atPath: file.path), ContentHash(data) == hash else { return nil }
        let output = stage.run(file, data: data)
        _ = write(file.slug, hash: hash, output)
        return output.text
    }

    /// The head of case `slug` as rendered from the file with `hash`: from the pack, else from its file.
    private func head(of slug: String, hash: ContentHash) -> (output: CaseStage.Output, head: CaseHeadPack.Head)? {
        if let kept = pack.head(Part<CaseStage.Output>.self, of: slug), let output = value(of: kept.value, hash: hash) {
            return (output, .kept(kept.range))
        }
        guard let bytes = SectionedFile.read(path(slug), part: Section.head.rawValue),
              let output = value(CaseStage.Output.self, from: bytes, hash: hash) else { return nil }
        return (output, .made(bytes))
    }

    /// Keeps the heads of `results` (of the cases `slugs`) in the pack for the next build, when enough of
    /// the pack is out of date (see `CacheRefresh`): a head the pack lacks is read from the case's own file.
    func saveHeads(slugs: [String], _ results: [Result]) {
        let heads = zip(slugs, results).compactMap { slug, result in result.head.map { (slug: slug, head: $0) } }
        let kept = heads.count { if case .kept = $0.head { true } else { false } }
        if CacheRefresh.isDue(kept: kept, filed: pack.heads.count, total: heads.count) { pack.save(heads) }
    }

    /// Part `section` of case `slug` as rendered from the file with `hash`, if the cache holds it.
    func read<Value: Codable>(_ type: Value.Type, _ section: Section, of slug: String, hash: ContentHash) -> Value? {
        SectionedFile.read(path(slug), part: section.rawValue).flatMap { value(type, from: $0, hash: hash) }
    }

    /// The length in bytes of part `section` of case `slug` as stored, reading only the file's header; nil
    /// when the cache does not hold it.
    func length(_ section: Section, of slug: String) -> Int? {
        SectionedFile.length(path(slug), part: section.rawValue)
    }

    /// The value of a part in `bytes`, if it was made from the file with `hash` in this environment.
    private func value<Value: Codable>(_ type: Value.Type, from bytes: [UInt8], hash: ContentHash) -> Value? {
        (try? BinaryCoder.decode(Part<Value>.self, from: bytes)).flatMap { value(of: $0, hash: hash) }
    }

    /// The value of `part`, if it was made from the file with `hash` in this environment.
    private func value<Value>(of part: Part<Value>, hash: ContentHash) -> Value? {
        part.hash == hash && part.environment == environment ? part.value : nil
    }

    private func path(_ slug: String) -> String { directory + "/" + slug + ".bin" }

    /// Stores `output`; returns its head's bytes, or nil when it could not be stored (the caller then keeps
    /// the text itself).
    private func write(_ slug: String, hash: ContentHash, _ output: CaseStage.Output) -> [UInt8]? {
        var head = output
        head.text = nil
        func encoded<Value: Codable>(_ value: Value) throws -> [UInt8] {
            try BinaryCoder.encode(Part(hash: hash, environment: environment, value: value))
        }
        guard let parts = try? [encoded(head), encoded(output.text?.html ?? ""), encoded(output.text?.textBlocks ?? []), encoded(output.text?.charts ?? [])],
              (try? CacheFile.replace(path(slug), SectionedFile.join(parts))) != nil else { return nil }
        return parts[0]
    }
}

/// A file of parts that can be read one at a time: the number of parts, each one's length, then each one's
/// `ContentHash` (8 bytes little-endian each), then the parts, then `CacheFile`'s trailer. A part read alone
/// is checked against its own hash; the whole file, against the trailer.
enum SectionedFile {
    static func join(_ parts: [[UInt8]]) -> Data {
        var data = Data(capacity: 8 * (2 * parts.count + 1) + parts.reduce(0) { $0 + $1.count })
        for number in [UInt64(parts.count)] + parts.map({ UInt64($0.count) }) + parts.map({ ContentHash($0).value }) {
            withUnsafeBytes(of: number.littleEndian) { data.append(contentsOf: $0) }
        }
        for part in parts { data.append(contentsOf: part) }
        return data
    }

    /// Part `part` of the file at `path`, reading only its header and that part; nil when the file is
    /// missing or malformed, or the part's bytes do not match its hash.
    static func read(_ path: String, part: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, let count = readNumbers(descriptor, at: 0, count: 1)?.first,
              part < count, count < 64, let header = readNumbers(descriptor, at: 8, count: 2 * Int(count)),
              let ranges = ranges(lengths: Array(header[..<Int(count)]), fileSize: Int(info.st_size) - CacheFile.trailerSize),
              let bytes = readBytes(descriptor, at: ranges[part].lowerBound, count: ranges[part].count),
              ContentHash(bytes).value == header[Int(count) + part] else { return nil }
        return bytes
    }

    /// The length of part `part` of the file at `path`, from its header alone; nil when the file is missing
    /// or its header does not fit its size.
    static func length(_ path: String, part: Int) -> Int? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, let count = readNumbers(descriptor, at: 0, count: 1)?.first, part < count, count < 64,
              let lengths = readNumbers(descriptor, at: 8, count: Int(count)),
              let ranges = ranges(lengths: lengths, fileSize: Int(info.st_size) - CacheFile.trailerSize) else { return nil }
        return ranges[part].count
    }

    /// Every part of the file at `path`, read at once; nil when the file is missing or malformed.
    static func readAll(_ path: String) -> [FileBytes]? {
        guard let bytes = RawBytes.readFile(path), bytes.count >= 8 else { return nil }
        let count = number(in: bytes, at: 0)
        guard count < 64, bytes.count >= 8 * (1 + 2 * Int(count)),
              let ranges = ranges(lengths: (0..<Int(count)).map { number(in: bytes, at: 8 * (1 + $0)) }, fileSize: bytes.count)
        else { return nil }
        return ranges.map { bytes[$0] }
    }

    /// Where each part lies, after the header; nil unless the parts fill the rest of the file (before the
    /// trailer) exactly.
    private static func ranges(lengths: [UInt64], fileSize: Int) -> [Range<Int>]? {
        guard fileSize > 0, lengths.allSatisfy({ $0 <= UInt64(fileSize) }),
              UInt64(8 * (1 + 2 * lengths.count)) + lengths.reduce(0, +) == UInt64(fileSize) else { return nil }
        var start = 8 * (1 + 2 * lengths.count)
        return lengths.map { length in
            defer { start += Int(length) }
            return start..<start + Int(length)
        }
    }

    /// The little-endian number of 8 bytes at `offset`.
    private static func number(in bytes: FileBytes, at offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { number(in: $0, at: offset) }
    }

    private static func number(in bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    private static func readNumbers(_ descriptor: Int32, at offset: Int, count: Int) -> [UInt64]? {
        guard let bytes = readBytes(descriptor, at: offset, count: 8 * count) else { return nil }
        return bytes.withUnsafeBytes { raw in (0..<count).map { number(in: raw, at: 8 * $0) } }
    }

    private static func readBytes(_ descriptor: Int32, at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            guard got > 0 else { return nil }
            done += got
        }
        return bytes
    }
}
