import Foundation

/// What the last successful build read and wrote, kept in the `CacheStore` beside the output (a summary,
/// a row per case file and a row per output file) so the next build can skip what has not changed.
public struct BuildManifest: Sendable {
    /// A case file as last read: its stamp and the hash of its bytes.
    public struct Input: Sendable, Hashable, BinaryField {
        public var path: String
        public var stamp: FileStamp
        public var hash: ContentHash

        init(path: String, stamp: FileStamp, hash: ContentHash) {
            (self.path, self.stamp, self.hash) = (path, stamp, hash)
        }

        init(reading reader: inout BinaryReader) throws {
            self.init(path: try reader.read(), stamp: try reader.read(), hash: try reader.read())
        }

        func write(to writer: inout BinaryWriter) {
            writer.write(path)
            writer.write(stamp)
            writer.write(hash)
        }
    }

    /// A file of the output as last written, and the key of the inputs it was made from (if it has one).
    public struct Output: Sendable, Hashable, BinaryField {
        public var stamp: FileStamp
        public var hash: ContentHash
        public var key: ContentHash?

        public init(stamp: FileStamp, hash: ContentHash, key: ContentHash?) {
            (self.stamp, self.hash, self.key) = (stamp, hash, key)
        }

        init(reading reader: inout BinaryReader) throws {
            self.init(stamp: try reader.read(), hash: try reader.read(), key: try reader.read())
        }

        func write(to writer: inout BinaryWriter) {
            writer.write(stamp)
            writer.write(hash)
            writer.write(key)
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

    /// The summary the last build into `store` saved, if it saved one: enough, with the rows read where they
    /// lie (`rowsAreCurrent`), to tell that nothing changed.
    static func summary(in store: CacheStore) -> Summary? {
        store.value(.summary, "").flatMap { decoded(Summary.self, $0) }
    }

    /// The manifest of the last build into `store`, whose `summary` is read already: its rows are read, the
    /// case files' beside the output files'.
    static func load(from store: CacheStore, summary: Summary) -> BuildManifest {
        let decodeInputs = { @Sendable in store.decodedValues(.input) { decoded(Input.self, $0) } }
        let inputs = Parallelism.jobs == 1 ? nil : BackgroundWork(decodeInputs)
        let outputs = store.decodedValues(.output) { decoded(Output.self, $0) }
        return BuildManifest(generator: currentGenerator, environment: summary.environment, inputs: inputs?.value ?? decodeInputs(),
                             outputs: outputs, groupKeys: Dictionary(summary.groupKeys, uniquingKeysWith: { $1 }), warnings: summary.warnings,
                             notes: summary.notes, cases: summary.cases, pages: summary.pages, figures: summary.figures)
    }

    /// True when the rows in `store` say that `caseFiles` are the files the last build read, with the same
    /// stamps, and that every file of `output` is as it left it. The rows are read where they lie in the
    /// store: no row becomes a `String` or a dictionary entry, so a build that finds nothing to do is quick.
    static func rowsAreCurrent(in store: CacheStore, caseFiles: [CaseFile], output: String) -> Bool {
        guard store.count(.input) == caseFiles.count else { return false }
        let sameFiles = caseFiles.allSatisfy { file in
            guard let row = store.value(.input, file.slug).flatMap({ decoded(Input.self, $0) }) else { return false }
            return row.path == file.path && row.stamp == file.stamp
        }
        guard sameFiles, let folder = OpenFolder(output) else { return false }
        return store.allValues(.output) { name, value in
            decoded(Output.self, value).map { folder.stamp(ofUTF8: name) == $0.stamp } ?? false
        }
    }

    /// Saves this manifest after a successful build. Only the rows that changed since `last` (the manifest
    /// this build loaded from `store`) are written when it is known which: `outputChanges` are the output
    /// files this build wrote or changed the record of, and those it removed. Otherwise every row is
    /// written and any other row removed. The values of cases whose files are gone are removed too.
    func save(to store: CacheStore, after last: BuildManifest?, outputChanges: (changed: [String], removed: [String])?) {
        var records: [(kind: CacheStore.Kind, name: String, value: [UInt8])] = [(.summary, "", Self.encoded(Summary(self)))]
        if let last, let outputChanges, store.length(.summary, "") != nil {
            for (slug, input) in inputs where last.inputs[slug] != input { records.append((.input, slug, Self.encoded(input))) }
            for slug in last.inputs.keys where inputs[slug] == nil { records.append((.input, slug, [])) }
            for name in outputChanges.changed + outputChanges.removed {
                records.append((.output, name, outputs[name].map(Self.encoded) ?? []))
            }
        } else {
            for (slug, input) in inputs { records.append((.input, slug, Self.encoded(input))) }
            for (name, output) in outputs { records.append((.output, name, Self.encoded(output))) }
            for slug in store.names(.input) where inputs[slug] == nil { records.append((.input, slug, [])) }
            for name in store.names(.output) where outputs[name] == nil { records.append((.output, name, [])) }
        }
        let gone = records.filter { $0.kind == .input && $0.value.isEmpty }.map(\.name)
        for slug in gone {
            for kind in CaseCache.kinds { records.append((kind, slug, [])) }
        }
        store.put(records)
    }

    /// The rows the last build into `store` saved for the output files `names`, of those it has.
    static func outputs(_ names: [String], in store: CacheStore) -> [String: Output] {
        names.reduce(into: [:]) { rows, name in rows[name] = store.value(.output, name).flatMap { decoded(Output.self, $0) } }
    }

    /// Saves a build that changed only the key of the assets and the output files `written` and `removed`,
    /// beside the other rows the last build saved in `store`: the `summary` with the new key, those files' rows.
    static func save(_ summary: Summary, assets: ContentHash, written: [String: Output], removed: [String], to store: CacheStore) {
        var summary = summary
        summary.groupKeys = (summary.groupKeys.filter { $0.0 != "assets" } + [("assets", assets)]).sorted { $0.0 < $1.0 }
        let rows = written.sorted { $0.key < $1.key }.map { (CacheStore.Kind.output, $0.key, encoded($0.value)) } + removed.map { (.output, $0, []) }
        store.put([(.summary, "", encoded(summary))] + rows)
    }

    // MARK: - Stored form

    // The summary and each row are values of the store in `BinaryField` form.

    struct Summary: BinaryField {
        var environment: ContentHash
        var groupKeys: [(String, ContentHash)]
        var warnings: [Diagnostic]
        var notes: [Message]
        var cases: Int
        var pages: Int
        var figures: Int

        /// The key of group `name`, if the last build kept one.
        func groupKey(_ name: String) -> ContentHash? {
            groupKeys.first { $0.0 == name }?.1
        }

        init(_ manifest: BuildManifest) {
            environment = manifest.environment
            groupKeys = manifest.groupKeys.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            warnings = manifest.warnings
            notes = manifest.notes
            cases = manifest.cases
            pages = manifest.pages
            figures = manifest.figures
        }

        init(reading reader: inout BinaryReader) throws {
            environment = try reader.read()
            let names: [String] = try reader.read(), values: [ContentHash] = try reader.read()
            guard names.count == values.count else { throw BinaryReader.Truncated() }
            groupKeys = Array(zip(names, values))
            (warnings, notes) = (try reader.read(), try reader.read())
            (cases, pages, figures) = (try reader.read(), try reader.read(), try reader.read())
        }

        func write(to writer: inout BinaryWriter) {
            writer.write(environment)
            writer.write(groupKeys.map(\.0))
            writer.write(groupKeys.map(\.1))
            writer.write(warnings)
            writer.write(notes)
            writer.write(cases)
            writer.write(pages)
            writer.write(figures)
        }
    }

    private static func encoded(_ value: some BinaryField) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(value)
        return writer.bytes
    }

    private static func decoded<Value: BinaryField>(_ type: Value.Type, _ bytes: FileBytes) -> Value? {
        bytes.withUnsafeBytes { decoded(type, $0) }
    }

    private static func decoded<Value: BinaryField>(_ type: Value.Type, _ raw: UnsafeRawBufferPointer) -> Value? {
        var reader = BinaryReader(bytes: raw.assumingMemoryBound(to: UInt8.self), position: 0)
        guard let value = try? Value(reading: &reader), reader.remaining == 0 else { return nil }
        return value
    }

}

/// The library's version, part of every cache key.
public enum Casebook {
    public static let version = "0.3.0"
}
