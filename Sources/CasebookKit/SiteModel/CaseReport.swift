/// A case as the site shows it: its front matter, section, summary and the outline of its body (headings,
/// links, figures). The body's text is loaded apart (`CaseTexts`).
///
/// An immutable value whose fields live in one shared box: a book of ten thousand cases puts each report in
/// its part, its tags, its unit and many page jobs, and each of those copies is then one reference, not a
/// copy of every string and array inside.
public struct CaseReport: Sendable, Codable {
    /// The fields as plain values.
    private struct Fields: Sendable, Codable {
        let slug: String
        let sourcePath: String
        let metadata: CaseMetadata
        let section: SectionConfig
        let outline: CaseOutline
        let summary: String
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private let box: Box

    public init(slug: String, sourcePath: String, metadata: CaseMetadata, section: SectionConfig, outline: CaseOutline, summary: String) {
        box = Box(Fields(slug: slug, sourcePath: sourcePath, metadata: metadata, section: section, outline: outline, summary: summary))
    }

    public var slug: String { box.fields.slug }
    /// The source file as the editor names it (`Content/cases/x.md`).
    public var sourcePath: String { box.fields.sourcePath }
    public var metadata: CaseMetadata { box.fields.metadata }
    public var section: SectionConfig { box.fields.section }
    public var outline: CaseOutline { box.fields.outline }
    /// The summary from front matter, or the first paragraph shortened.
    public var summary: String { box.fields.summary }

    public var title: String { metadata.title }
    public var figures: [Figure] { outline.figures }

    /// Coded as the fields are, keyed by their names.
    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try box.fields.encode(to: encoder)
    }

    /// Up to `limit` characters of `text`, cut with `…`.
    static func shorten(_ text: String, limit: Int = 120) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
