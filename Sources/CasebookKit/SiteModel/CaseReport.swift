/// A case as the site shows it: its front matter, section, summary and the outline of its body (headings,
/// links, figures). The body's text is loaded apart (`CaseTexts`).
public struct CaseReport: Sendable, Codable {
    public var slug: String
    /// The source file as the editor names it (`Content/cases/x.md`).
    public var sourcePath: String
    public var metadata: CaseMetadata
    public var section: SectionConfig
    public var outline: CaseOutline
    /// The summary from front matter, or the first paragraph shortened.
    public var summary: String

    public var title: String { metadata.title }
    public var figures: [Figure] { outline.figures }

    /// Up to `limit` characters of `text`, cut with `…`.
    static func shorten(_ text: String, limit: Int = 120) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
