import Foundation
import Yams

/// One part of the book, in reading order: a display name (often Chinese) and an ASCII slug for its address.
public struct SectionConfig: Sendable, Hashable, Codable {
    public var name: String
    public var slug: String
    public var location: SourceLocation
}

/// `site.yaml`: the book's title, editor, publisher, language and its sections in reading order.
public struct SiteConfig: Sendable {
    public var title: String
    public var subtitle: String?
    public var editor: String?
    public var publisher: String?
    public var language: String
    public var description: String?
    /// Absolute address the site is published at; needed only for the feed and sitemap.
    public var baseURL: String?
    public var sections: [SectionConfig]

    public static let knownKeys = ["title", "subtitle", "editor", "publisher", "language", "description", "base_url", "sections"]

    /// Finds a section by its name or slug.
    public func section(named nameOrSlug: String) -> SectionConfig? {
        sections.first { $0.name == nameOrSlug || $0.slug == nameOrSlug }
    }

    public static func read(yaml: String, file: String) -> (SiteConfig?, [Diagnostic]) {
        let document: YAMLDocument
        do { document = try YAMLDocument(yaml: yaml, file: file, firstLine: 1) } catch { return (nil, [error]) }
        let (pairs, unknown) = document.checkedPairs(document.root, known: knownKeys, context: .inSiteFile)
        var diagnostics = document.warnings + unknown
        var config = SiteConfig(title: "", language: "zh-CN", sections: [])
        var hasTitle = false, hasSections = false
        for (key, value, _) in pairs {
            do throws(Diagnostic) {
                switch key {
                case "title": config.title = try document.string(value, key: key); hasTitle = !config.title.isEmpty
                case "subtitle": config.subtitle = try document.string(value, key: key)
                case "editor": config.editor = try document.string(value, key: key)
                case "publisher": config.publisher = try document.string(value, key: key)
                case "language": config.language = try document.string(value, key: key)
                case "description": config.description = try document.string(value, key: key)
                case "base_url":
                    let url = try document.string(value, key: key)
                    guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                        throw .error(Message(.baseURLScheme), at: document.location(of: value))
                    }
                    config.baseURL = url.hasSuffix("/") ? url : url + "/"
                case "sections":
                    config.sections = try readSections(value, document: document, diagnostics: &diagnostics)
                    hasSections = true
                default: break
                }
            } catch { diagnostics.append(error) }
        }
        let top = SourceLocation(file: file)
        if !hasTitle { diagnostics.append(.error(Message(.siteNoTitle), at: top)) }
        if !hasSections || config.sections.isEmpty {
            diagnostics.append(.error(Message(.siteNoSections), at: top, suggestion: Message(.siteNoSectionsFix)))
        }
        return (diagnostics.hasErrors ? nil : config, diagnostics)
    }

    private static func readSections(_ node: Node, document: YAMLDocument, diagnostics: inout [Diagnostic]) throws(Diagnostic) -> [SectionConfig] {
        guard case let .sequence(items) = node else {
            throw .error(Message(.sectionsNotList), at: document.location(of: node))
        }
        var sections: [SectionConfig] = []
        for (index, item) in items.enumerated() {
            // A plain name is allowed too; its slug is its ASCII form, or `part-N` for a Chinese name.
            if case let .scalar(scalar) = item {
                let name = scalar.string.trimmingWhitespace()
                let slug = Slug.suggestion(for: name).flatMap { Slug.isValid($0) ? $0 : nil } ?? "part-\(index + 1)"
                if name.isEmpty || sections.contains(where: { $0.name == name || $0.slug == slug }) {
                    diagnostics.append(.error(Message(.sectionEmptyOrTwice, name), at: document.location(of: item))); continue
                }
                sections.append(SectionConfig(name: name, slug: slug, location: document.location(of: item)))
                continue
            }
            guard case let .mapping(mapping) = item else {
                diagnostics.append(.error(Message(.sectionNeedsNameSlug), at: document.location(of: item))); continue
            }
            let (pairs, unknown) = document.checkedPairs(mapping, known: ["name", "slug"], context: .inSection)
            diagnostics += unknown
            var name: String?, slug: String?
            for (key, value, _) in pairs {
                do throws(Diagnostic) {
                    if key == "name" { name = try document.string(value, key: key) }
                    if key == "slug" {
                        let text = try document.string(value, key: key)
                        guard Slug.isValid(text) else {
                            throw .error(Message(.sectionSlugChars, text), at: document.location(of: value),
                                         suggestion: Slug.suggestion(for: text).map { Message(.tryValue, $0) })
                        }
                        slug = text
                    }
                } catch { diagnostics.append(error) }
            }
            guard let name, let slug else {
                diagnostics.append(.error(Message(.sectionNeedsNameSlug), at: document.location(of: item))); continue
            }
            if sections.contains(where: { $0.slug.lowercased() == slug.lowercased() || $0.name == name }) {
                diagnostics.append(.error(Message(.sectionListedTwice, name, slug), at: document.location(of: item))); continue
            }
            sections.append(SectionConfig(name: name, slug: slug, location: document.location(of: item)))
        }
        // A long part's later pages and its print volumes add `-N` to its address (`parts/a-2.html`,
        // `print-a-2.html`): a slug of that form would take another part's page.
        for section in sections {
            guard let other = sections.first(where: { other in
                let rest = section.slug.dropFirst(other.slug.count + 1)
                return section.slug.hasPrefix(other.slug + "-") && !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
            }) else { continue }
            diagnostics.append(.error(Message(.sectionSlugCollides, section.name, section.slug, other.name), at: section.location,
                                      suggestion: Message(.tryValue, section.slug.replacingOccurrences(of: "-", with: "_"))))
        }
        return sections
    }
}
