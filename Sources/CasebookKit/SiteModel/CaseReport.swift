/// A case as the site shows it: its front matter, section, summary and the outline of its body (headings,
/// links, figures). The body's text is loaded apart (`CaseTexts`).
///
/// A value type whose fields live in one shared box, copied only when a copy is changed: a book of ten
/// thousand cases puts each report in its part, its tags, its unit and many page jobs, and each of those
/// copies is then one reference, not a copy of every string and array inside.
public struct CaseReport: Sendable, Codable {
    /// The fields as plain values.
    private struct Fields: Sendable {
        var slug: String
        var sourcePath: String
        var metadata: CaseMetadata
        var section: SectionConfig
        var outline: CaseOutline
        var summary: String
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box
    /// Changing a field puts the changed fields in a new box; other copies keep the old one.
    private var fields: Fields {
        get { box.fields }
        set { box = Box(newValue) }
    }

    public init(slug: String, sourcePath: String, metadata: CaseMetadata, section: SectionConfig, outline: CaseOutline, summary: String) {
        box = Box(Fields(slug: slug, sourcePath: sourcePath, metadata: metadata, section: section, outline: outline, summary: summary))
    }

    public var slug: String {
        get { fields.slug }
        set { fields.slug = newValue }
    }
    /// The source file as the editor names it (`Content/cases/x.md`).
    public var sourcePath: String {
        get { fields.sourcePath }
        set { fields.sourcePath = newValue }
    }
    public var metadata: CaseMetadata {
        get { fields.metadata }
        set { fields.metadata = newValue }
    }
    public var section: SectionConfig {
        get { fields.section }
        set { fields.section = newValue }
    }
    public var outline: CaseOutline {
        get { fields.outline }
        set { fields.outline = newValue }
    }
    /// The summary from front matter, or the first paragraph shortened.
    public var summary: String {
        get { fields.summary }
        set { fields.summary = newValue }
    }

    public var title: String { metadata.title }
    public var figures: [Figure] { outline.figures }

    private enum CodingKeys: String, CodingKey {
        case slug, sourcePath, metadata, section, outline, summary
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(slug: try container.decode(String.self, forKey: .slug),
                  sourcePath: try container.decode(String.self, forKey: .sourcePath),
                  metadata: try container.decode(CaseMetadata.self, forKey: .metadata),
                  section: try container.decode(SectionConfig.self, forKey: .section),
                  outline: try container.decode(CaseOutline.self, forKey: .outline),
                  summary: try container.decode(String.self, forKey: .summary))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slug, forKey: .slug)
        try container.encode(sourcePath, forKey: .sourcePath)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(section, forKey: .section)
        try container.encode(outline, forKey: .outline)
        try container.encode(summary, forKey: .summary)
    }

    /// Up to `limit` characters of `text`, cut with `…`.
    static func shorten(_ text: String, limit: Int = 120) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
