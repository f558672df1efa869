import Foundation

/// The rows of a manifest that changed since its whole form (`manifest.bin`) was last written, kept in
/// `manifest.delta` so that a build which changed a few files writes a few rows, not all of them.
///
/// A delta names the `manifest.bin` it was made against (by its stamp) and holds every row changed since
/// then, not only the last build's; it is read only with that file. When it would hold more than
/// `limit(rows:)` rows, the whole manifest is written again and the delta removed. A delta that is lost or
/// ignored is safe: the older rows it would have replaced no longer match the files, which are then read
/// or written again.
struct ManifestDelta {
    static let baseName = "manifest.bin"
    static let name = "manifest.delta"

    /// Which `manifest.bin` a loaded manifest came from, and the rows its delta changed.
    struct Origin: Sendable {
        var base: FileStamp
        var inputs: Set<String>
        var outputs: Set<String>
    }

    /// A manifest in the form to save.
    enum Bytes: Sendable {
        case whole(Data)
        case delta(Data)
    }

    /// The delta's small fields: the whole summary and the stamp of the `manifest.bin` it changes.
    private struct Header: Codable {
        var summary: BuildManifest.Summary
        var baseSize: Int64
        var baseModified: Int64
        var baseInode: UInt64
    }

    var summary: BuildManifest.Summary
    var inputs: [String: BuildManifest.Input]
    var removedInputs: [String]
    var outputs: [String: BuildManifest.Output]
    var removedOutputs: [String]

    /// The most rows a delta holds for a manifest of `rows` rows before the whole one is written instead.
    static func limit(rows: Int) -> Int { max(512, rows / 16) }

    /// The delta at `path`, if it was made against the `manifest.bin` whose stamp is `base`.
    static func read(_ path: String, base: FileStamp) -> ManifestDelta? {
        guard let parts = SectionedFile.readAll(path), parts.count == 5,
              let header = try? BinaryCoder.decode(Header.self, from: parts[0].array),
              FileStamp(size: header.baseSize, modified: header.baseModified, inode: header.baseInode) == base,
              let inputs = BuildManifest.inputs(from: parts[1]), let outputs = BuildManifest.outputs(from: parts[3]) else { return nil }
        var removedInputs = RawBytes.Reader(parts[2]), removedOutputs = RawBytes.Reader(parts[4])
        guard let goneInputs = removedInputs.readStrings(), removedInputs.isAtEnd,
              let goneOutputs = removedOutputs.readStrings(), removedOutputs.isAtEnd else { return nil }
        return ManifestDelta(summary: header.summary, inputs: inputs, removedInputs: goneInputs, outputs: outputs, removedOutputs: goneOutputs)
    }

    func encoded(base: FileStamp) throws -> Data {
        let header = Header(summary: summary, baseSize: base.size, baseModified: base.modified, baseInode: base.inode)
        var goneInputs = RawBytes.Writer(), goneOutputs = RawBytes.Writer()
        goneInputs.append(strings: removedInputs.sorted())
        goneOutputs.append(strings: removedOutputs.sorted())
        return SectionedFile.join([try BinaryCoder.encode(header), BuildManifest.inputColumns(inputs), goneInputs.bytes,
                                  BuildManifest.outputColumns(outputs), goneOutputs.bytes])
    }
}

extension BuildManifest {
    /// Applies a delta read with this manifest's `manifest.bin`.
    mutating func apply(_ delta: ManifestDelta) {
        apply(delta.summary)
        for (name, row) in delta.inputs { inputs[name] = row }
        for name in delta.removedInputs { inputs[name] = nil }
        for (name, row) in delta.outputs { outputs[name] = row }
        for name in delta.removedOutputs { outputs[name] = nil }
        origin?.inputs.formUnion(delta.inputs.keys)
        origin?.inputs.formUnion(delta.removedInputs)
        origin?.outputs.formUnion(delta.outputs.keys)
        origin?.outputs.formUnion(delta.removedOutputs)
    }

    /// This manifest's bytes to save after `last` was loaded: a delta against `last`'s `manifest.bin`
    /// when few rows changed, otherwise the whole manifest. `outputChanges` are the output files this
    /// build wrote or changed the record of, and those it removed; nil when it did not update `last`'s output.
    func saving(after last: BuildManifest?, outputChanges: (changed: [String], removed: [String])?) throws -> ManifestDelta.Bytes {
        guard let last, let origin = last.origin, let outputChanges else { return .whole(try encoded()) }
        var inputNames = origin.inputs, added = 0
        for (slug, input) in inputs {
            guard let old = last.inputs[slug] else { added += 1; inputNames.insert(slug); continue }
            if old != input { inputNames.insert(slug) }
        }
        if inputs.count - added < last.inputs.count {
            for slug in last.inputs.keys where inputs[slug] == nil { inputNames.insert(slug) }
        }
        var outputNames = origin.outputs
        outputNames.formUnion(outputChanges.changed)
        outputNames.formUnion(outputChanges.removed)
        guard inputNames.count + outputNames.count <= ManifestDelta.limit(rows: inputs.count + outputs.count) else {
            return .whole(try encoded())
        }
        var delta = ManifestDelta(summary: Summary(self), inputs: [:], removedInputs: [], outputs: [:], removedOutputs: [])
        for name in inputNames {
            if let row = inputs[name] { delta.inputs[name] = row } else { delta.removedInputs.append(name) }
        }
        for name in outputNames {
            if let row = outputs[name] { delta.outputs[name] = row } else { delta.removedOutputs.append(name) }
        }
        return .delta(try delta.encoded(base: origin.base))
    }
}
