import Foundation

/// What the last successful build read and wrote, kept beside the output (`.output.cache/manifest.bin`,
/// with the rows changed since in `manifest.delta`; see `ManifestDelta`) so the next build can skip what
/// has not changed.
public struct BuildManifest: Sendable {
    /// A case file as last read: its stamp and the hash of its bytes.
    public struct Input: Sendable, Hashable {
        public var path: String
        public var stamp: FileStamp
        public var hash: ContentHash
    }

    /// A file of the output as last written, and the key of the inputs it was made from (if it has one).
    public struct Output: Sendable, Hashable {
        public var stamp: FileStamp
        public var hash: ContentHash
        public var key: ContentHash?

        public init(stamp: FileStamp, hash: ContentHash, key: ContentHash?) {
            self.stamp = stamp
            self.hash = hash
            self.key = key
        }
    }

    /// The generator that wrote it (version and executable); another generator starts from scratch.
    public var generator: String
    /// Hash of everything every page depends on: templates, site.yaml, catalogue.yaml, media and options.
    public var environment: ContentHash
    /// Case files by slug.
    public var inputs: [String: Input]
    /// Files of `output/` by relative path.
    public var outputs: [String: Output]
    /// Keys of groups of outputs that are kept or redone together (the search index).
    public var groupKeys: [String: ContentHash]
    /// The last build's warnings and notes, repeated when nothing changed.
    public var warnings: [Diagnostic]
    public var notes: [Message]
    /// What the last build made, for the report of a build that finds nothing to do.
    public var cases: Int
    public var pages: Int
    public var figures: Int
    /// Set when loaded: which `manifest.bin` was read, and the rows `manifest.delta` changed in it.
    var origin: ManifestDelta.Origin?

    /// This generator: the library version and the stamp of the running executable, so a rebuilt
    /// `casebook` never trusts pages an older one wrote.
    public static let currentGenerator: String = {
        var text = "casebook " + Casebook.version
        if let path = Bundle.main.executablePath, let stamp = FileStamp.of(path) {
            text += " \(stamp.size) \(stamp.modified)"
        }
        return text
    }()

    /// The cache folder of an output folder: a hidden sibling, like the staging folders.
    public static func cacheDirectory(for output: String) -> String {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        return url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).cache"
    }

    /// The manifest of the last build into `output`, if it was made by this generator: `manifest.bin` with
    /// the rows of `manifest.delta` applied, when that delta was written against this `manifest.bin`.
    static func load(for output: String) -> BuildManifest? {
        let directory = cacheDirectory(for: output)
        let path = directory + "/" + ManifestDelta.baseName
        // The stamp a delta names, taken before and after the read: the same, so these are its bytes.
        guard let stamp = FileStamp.of(path), let parts = SectionedFile.readAll(path), FileStamp.of(path) == stamp, parts.count == 3,
              let summary = try? BinaryCoder.decode(Summary.self, from: parts[0].array), summary.generator == currentGenerator,
              let inputs = Self.inputs(from: parts[1]), let outputs = Self.outputs(from: parts[2]) else { return nil }
        var manifest = BuildManifest(generator: summary.generator, environment: summary.environment, inputs: inputs, outputs: outputs,
                                     groupKeys: [:], warnings: [], notes: [], cases: 0, pages: 0, figures: 0,
                                     origin: ManifestDelta.Origin(base: stamp, inputs: [], outputs: []))
        manifest.apply(summary)
        if let delta = ManifestDelta.read(directory + "/" + ManifestDelta.name, base: stamp), delta.summary.generator == currentGenerator {
            manifest.apply(delta)
        }
        return manifest
    }

    /// Takes the small fields from a stored summary.
    mutating func apply(_ summary: Summary) {
        environment = summary.environment
        groupKeys = Dictionary(summary.groupKeys.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        warnings = summary.warnings
        notes = summary.notes
        (cases, pages, figures) = (summary.cases, summary.pages, summary.figures)
    }

    /// Writes the whole manifest after a successful build (to a temporary name, then renamed into place).
    func save(for output: String) throws {
        try Self.save(.whole(try encoded()), for: output)
    }

    /// The whole manifest's bytes, as `manifest.bin` holds them.
    func encoded() throws -> Data {
        SectionedFile.join([try BinaryCoder.encode(Summary(self)), Self.inputColumns(inputs), Self.outputColumns(outputs)])
    }

    /// Writes a manifest's bytes for `output`: a whole one replaces `manifest.bin` and drops the delta;
    /// a delta replaces `manifest.delta` only.
    static func save(_ bytes: ManifestDelta.Bytes, for output: String) throws {
        let directory = cacheDirectory(for: output)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        switch bytes {
        case let .whole(data):
            try CacheFile.replace(directory + "/" + ManifestDelta.baseName, data)
            unlink(directory + "/" + ManifestDelta.name)
        case let .delta(data):
            try CacheFile.replace(directory + "/" + ManifestDelta.name, data)
        }
    }

    // MARK: - Stored form

    // The file is a `SectionedFile` of three parts: the small fields (`Summary`, in `BinaryCoder`'s form),
    // then the inputs and the outputs as columns of plain values (`RawBytes`), so that tens of thousands of
    // rows are read back without decoding each one. Rows are in a fixed order (`sortedRows`), so the same
    // build writes the same bytes.

    struct Summary: Codable {
        struct Named: Codable {
            var name: String
            var value: ContentHash
        }

        var generator: String
        var environment: ContentHash
        var groupKeys: [Named]
        var warnings: [Diagnostic]
        var notes: [Message]
        var cases: Int
        var pages: Int
        var figures: Int

        init(_ manifest: BuildManifest) {
            generator = manifest.generator
            environment = manifest.environment
            groupKeys = manifest.groupKeys.sorted { $0.key < $1.key }.map { Named(name: $0.key, value: $0.value) }
            warnings = manifest.warnings
            notes = manifest.notes
            cases = manifest.cases
            pages = manifest.pages
            figures = manifest.figures
        }
    }

    /// The rows in the order of their names' `ContentHash` (names break a tie): the same order every time,
    /// found several times faster than by comparing tens of thousands of paths.
    private static func sortedRows<Value>(_ table: [String: Value]) -> (names: [String], rows: [Value]) {
        var names: [String] = [], rows: [Value] = [], order: [(hash: UInt64, index: Int)] = []
        names.reserveCapacity(table.count)
        rows.reserveCapacity(table.count)
        order.reserveCapacity(table.count)
        for (name, row) in table {
            order.append((ContentHash(name).value, names.count))
            names.append(name)
            rows.append(row)
        }
        // Plain pairs, compared by a function that captures nothing: several times faster than a comparison
        // that looks names up. Names then order the rows whose hashes are equal (all but never).
        order.sort { $0 < $1 }
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, order[end].hash == order[start].hash { end += 1 }
            if end - start > 1 { order[start..<end].sort { names[$0.index] < names[$1.index] } }
            start = end
        }
        return (order.map { names[$0.index] }, order.map { rows[$0.index] })
    }

    /// Columns: slugs, paths, stamps, hashes.
    static func inputColumns(_ inputs: [String: Input]) -> [UInt8] {
        let (names, rows) = sortedRows(inputs)
        var out = RawBytes.Writer()
        out.append(strings: names)
        out.append(strings: rows.map(\.path))
        append(rows.map(\.stamp), to: &out)
        out.append(rows.map(\.hash.value))
        return out.bytes
    }

    static func inputs(from bytes: FileBytes) -> [String: Input]? {
        var reader = RawBytes.Reader(bytes)
        guard let names = reader.readStrings(), let paths = reader.readStrings(), let stamps = readStamps(&reader),
              let hashes = reader.read(UInt64.self), reader.isAtEnd,
              Set([names.count, paths.count, stamps.count, hashes.count]).count == 1 else { return nil }
        var table: [String: Input] = [:]
        table.reserveCapacity(names.count)
        for row in names.indices {
            table[names[row]] = Input(path: paths[row], stamp: stamps[row], hash: ContentHash(value: hashes[row]))
        }
        return table
    }

    /// Columns: paths, stamps, hashes, keys, and whether each has a key.
    static func outputColumns(_ outputs: [String: Output]) -> [UInt8] {
        let (names, rows) = sortedRows(outputs)
        var out = RawBytes.Writer()
        out.append(strings: names)
        append(rows.map(\.stamp), to: &out)
        out.append(rows.map(\.hash.value))
        out.append(rows.map { $0.key?.value ?? 0 })
        out.append(rows.map { UInt8($0.key == nil ? 0 : 1) })
        return out.bytes
    }

    static func outputs(from bytes: FileBytes) -> [String: Output]? {
        var reader = RawBytes.Reader(bytes)
        guard let names = reader.readStrings(), let stamps = readStamps(&reader), let hashes = reader.read(UInt64.self),
              let keys = reader.read(UInt64.self), let hasKey = reader.read(UInt8.self), reader.isAtEnd,
              Set([names.count, stamps.count, hashes.count, keys.count, hasKey.count]).count == 1 else { return nil }
        var table: [String: Output] = [:]
        table.reserveCapacity(names.count)
        for row in names.indices {
            table[names[row]] = Output(stamp: stamps[row], hash: ContentHash(value: hashes[row]),
                                       key: hasKey[row] == 0 ? nil : ContentHash(value: keys[row]))
        }
        return table
    }

    private static func append(_ stamps: [FileStamp], to out: inout RawBytes.Writer) {
        out.append(stamps.map(\.size))
        out.append(stamps.map(\.modified))
        out.append(stamps.map(\.inode))
    }

    private static func readStamps(_ reader: inout RawBytes.Reader) -> [FileStamp]? {
        guard let sizes = reader.read(Int64.self), let modified = reader.read(Int64.self), let inodes = reader.read(UInt64.self),
              sizes.count == modified.count, sizes.count == inodes.count else { return nil }
        return sizes.indices.map { FileStamp(size: sizes[$0], modified: modified[$0], inode: inodes[$0]) }
    }

    /// True when every output file is still as this manifest recorded it.
    func outputsIntact(in output: String) -> Bool {
        guard let folder = OpenFolder(output) else { return false }
        let rows = Array(outputs)
        return parallelMap(rows) { folder.stamp(of: $0.key) == $0.value.stamp }.allSatisfy { $0 }
    }
}

/// The library's version, part of every cache key.
public enum Casebook {
    public static let version = "0.3.0"
}
