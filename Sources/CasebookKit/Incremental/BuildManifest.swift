import Foundation

/// What the last successful build read and wrote, kept beside the output (`.output.cache/manifest.bin`,
/// in `BinaryCoder`'s form) so the next build can skip what has not changed.
public struct BuildManifest: Sendable, Codable {
    /// A case file as last read: its stamp and the hash of its bytes.
    public struct Input: Sendable, Codable, Hashable {
        public var path: String
        public var stamp: FileStamp
        public var hash: ContentHash
    }

    /// A file of the output as last written, and the key of the inputs it was made from (if it has one).
    public struct Output: Sendable, Codable, Hashable {
        public var stamp: FileStamp
        public var hash: ContentHash
        public var key: ContentHash?

        public init(stamp: FileStamp, hash: ContentHash, key: ContentHash?) {
            self.stamp = stamp
            self.hash = hash
            self.key = key
        }

        /// Encoded as `[stamp, hash]` or `[stamp, hash, key]`.
        public init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            stamp = try container.decode(FileStamp.self)
            hash = try container.decode(ContentHash.self)
            key = container.isAtEnd ? nil : try container.decode(ContentHash.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(stamp)
            try container.encode(hash)
            if let key { try container.encode(key) }
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
    public var notes: [String]
    /// What the last build made, for the report of a build that finds nothing to do.
    public var cases: Int
    public var pages: Int
    public var figures: Int

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

    /// The manifest of the last build into `output`, if it was made by this generator.
    static func load(for output: String) -> BuildManifest? {
        let path = cacheDirectory(for: output) + "/manifest.bin"
        guard let data = FileManager.default.contents(atPath: path),
              let stored = try? BinaryCoder.decode(Stored.self, from: Array(data)),
              stored.generator == currentGenerator else { return nil }
        return restored(stored)
    }

    /// Writes the manifest after a successful build (to a temporary name, then renamed into place).
    func save(for output: String) throws {
        let directory = Self.cacheDirectory(for: output)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/manifest.bin.tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try OutputWriter.writeFile(temporary, Data(try BinaryCoder.encode(Stored(self))))
        guard rename(temporary, directory + "/manifest.bin") == 0 else {
            throw OutputError.cannotWrite(directory + "/manifest.bin", String(cString: strerror(errno)))
        }
    }

    /// The manifest as stored: the tables as lists sorted by name (the binary form has no dictionaries).
    private struct Stored: Codable {
        struct Named<Value: Codable>: Codable {
            var name: String
            var value: Value
        }

        var generator: String
        var environment: ContentHash
        var inputs: [Named<Input>]
        var outputs: [Named<Output>]
        var groupKeys: [Named<ContentHash>]
        var warnings: [Diagnostic]
        var notes: [String]
        var cases: Int
        var pages: Int
        var figures: Int

        init(_ manifest: BuildManifest) {
            func list<Value>(_ table: [String: Value]) -> [Named<Value>] {
                table.sorted { $0.key < $1.key }.map { Named(name: $0.key, value: $0.value) }
            }
            generator = manifest.generator
            environment = manifest.environment
            inputs = list(manifest.inputs)
            outputs = list(manifest.outputs)
            groupKeys = list(manifest.groupKeys)
            warnings = manifest.warnings
            notes = manifest.notes
            cases = manifest.cases
            pages = manifest.pages
            figures = manifest.figures
        }
    }

    private static func restored(_ stored: Stored) -> BuildManifest {
        func table<Value>(_ list: [Stored.Named<Value>]) -> [String: Value] {
            Dictionary(list.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        }
        return BuildManifest(generator: stored.generator, environment: stored.environment, inputs: table(stored.inputs),
                  outputs: table(stored.outputs), groupKeys: table(stored.groupKeys), warnings: stored.warnings,
                  notes: stored.notes, cases: stored.cases, pages: stored.pages, figures: stored.figures)
    }

    /// True when every output file is still as this manifest recorded it.
    func outputsIntact(in output: String) -> Bool {
        let paths = Array(outputs.keys)
        return parallelMap(paths) { FileStamp.of(output + "/" + $0) == outputs[$0]?.stamp }.allSatisfy { $0 }
    }
}

/// The library's version, part of every cache key.
public enum Casebook {
    public static let version = "0.3.0"
}
