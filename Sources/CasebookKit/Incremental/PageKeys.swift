import Foundation

/// The inputs a page is made from, as one hash: the environment, the shape of the book (every case's slug,
/// title and part, in reading order: what navigation shows) and the content of the cases it shows. Keys
/// are hashed from numbers (other hashes), not from their text: a build makes tens of thousands.
struct PageKeys {
    let shape: ContentHash
    let environment: ContentHash
    let inputs: [String: BuildManifest.Input]
    /// Per case, the hash of what pages that list it show: front matter, part, summary and figures.
    let listings: [String: ContentHash]

    /// What starts each kind of key, so that a page key and a listing key of the same cases differ.
    private enum Kind: UInt64 { case page = 1, listing, print }

    init(checked: Builder.Checked) {
        // Hashed a run of cases at a time, on all cores; the runs' hashes are then hashed in order.
        let cases = checked.model.cases, run = 1024
        let runs = parallelMap(Array(stride(from: 0, to: cases.count, by: run))) { first -> UInt64 in
            var hasher = Hasher64()
            for report in cases[first..<min(cases.count, first + run)] {
                hasher.combine(part: report.slug)
                hasher.combine(part: report.title)
                hasher.combine(part: report.section.slug)
            }
            return hasher.finish()
        }
        // Which case each entry of the printed contents links to (a title can link one).
        let links = ContentHash(checked.model.catalogue.map { $0.caseSlug ?? "" }.joined(separator: "\n"))
        shape = ContentHash(numbers: [checked.environment.value, UInt64(cases.count), links.value] + runs)
        environment = checked.environment
        inputs = checked.inputs
        listings = checked.listings
    }

    /// The key of case `slug`'s article on the print page `page`: its content and the book's shape (which
    /// says which cases share the page and where the others are printed); nil when its file was not read.
    func printKey(for slug: String, page: String) -> ContentHash? {
        inputs[slug].map { input in
            var hasher = start(.print)
            hasher.combine(part: page)
            hasher.combine(part: slug)
            hasher.mix(input.hash.value)
            return ContentHash(value: hasher.finish())
        }
    }

    /// The key of the search documents of each of `slugs` that was read: made from its file alone, in this
    /// environment (not from the book's shape, so a part of the index outlives moves and renames elsewhere).
    func searchKeys(for slugs: [String]) -> [ContentHash] {
        slugs.compactMap { inputs[$0].map { ContentHash(numbers: [environment.value, $0.hash.value]) } }
    }

    /// The key of a page made from the whole content of `slugs` (a case page, a print page, the index).
    func key(for slugs: [String]) -> ContentHash {
        key(.page, slugs.lazy.map { inputs[$0]?.hash })
    }

    /// The key of a page that lists `slugs` by title, summary and figures but does not show their bodies.
    func listingKey(for slugs: [String]) -> ContentHash {
        key(.listing, slugs.lazy.map { listings[$0] })
    }

    private func start(_ kind: Kind) -> Hasher64 {
        var hasher = Hasher64()
        hasher.mix(kind.rawValue)
        hasher.mix(shape.value)
        return hasher
    }

    /// A key of `kind` over the shape and each case's hash in order; a case not read counts apart from any hash.
    private func key(_ kind: Kind, _ hashes: some Sequence<ContentHash?>) -> ContentHash {
        var hasher = start(kind)
        var count: UInt64 = 0
        for hash in hashes {
            hasher.mix(hash == nil ? 0 : 1)
            hasher.mix(hash?.value ?? 0)
            count += 1
        }
        hasher.mix(count)
        return ContentHash(value: hasher.finish())
    }

    /// Everything of a case a listing can show. Places in files are left out (a figure's and the part
    /// field's in the case file, the part's in site.yaml): no page shows them, so moving a figure, or
    /// building from another working folder (which names the files otherwise), keeps the listings.
    static func listing(_ report: CaseReport) -> ContentHash {
        var metadata = report.metadata, section = report.section, figures = report.figures
        metadata.sectionLocation = SourceLocation(file: "")
        section.location = SourceLocation(file: "")
        for index in figures.indices { figures[index].location = SourceLocation(file: "") }
        var writer = BinaryWriter()
        writer.write(metadata)
        writer.write(section)
        writer.write(report.summary)
        writer.write(figures)
        return ContentHash(writer.bytes)
    }
}
