// The case cache's values in `BinaryField` form: each reads and writes its fields in declaration order.

extension CaseStage.Output: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(report: try reader.read(), text: try reader.read(), searchSize: try reader.read(), listing: try reader.read(),
                  draft: try reader.read(), diagnostics: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(report)
        writer.write(text)
        writer.write(searchSize)
        writer.write(listing)
        writer.write(draft)
        writer.write(diagnostics)
    }
}

extension CaseReport: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(slug: try reader.read(), sourcePath: try reader.read(), metadata: try reader.read(), section: try reader.read(),
                  outline: try reader.read(), summary: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(sourcePath)
        writer.write(metadata)
        writer.write(section)
        writer.write(outline)
        writer.write(summary)
    }
}

extension CaseMetadata: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(title: try reader.read(), org: try reader.read(), section: try reader.read(), sectionLocation: try reader.read(),
                  date: try reader.read(), page: try reader.read(), tags: try reader.read(), summary: try reader.read(),
                  draft: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(title)
        writer.write(org)
        writer.write(section)
        writer.write(sectionLocation)
        writer.write(date)
        writer.write(page)
        writer.write(tags)
        writer.write(summary)
        writer.write(draft)
    }
}

extension PartialDate: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(year: try reader.read(), month: try reader.read(), day: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
    }
}

extension SectionConfig: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(name: try reader.read(), slug: try reader.read(), location: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(slug)
        writer.write(location)
    }
}

extension SourceLocation: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(file: try reader.read(), line: try reader.read(), column: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(file)
        writer.write(line)
        writer.write(column)
    }
}

extension CaseOutline: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(headings: try reader.read(), caseLinks: try reader.read(), figures: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(headings)
        writer.write(caseLinks)
        writer.write(figures)
    }
}

extension Heading: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(level: try reader.read(), text: try reader.read(), id: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(level)
        writer.write(text)
        writer.write(id)
    }
}

extension CaseLink: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(slug: try reader.read(), fragment: try reader.read(), location: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(slug)
        writer.write(fragment)
        writer.write(location)
    }
}

extension Figure: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(id: try reader.read(), title: try reader.read(), kind: try reader.read(), base: try reader.read(),
                  population: try reader.read(), source: try reader.read(), series: try reader.read(), rows: try reader.read(),
                  location: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(title)
        writer.write(kind)
        writer.write(base)
        writer.write(population)
        writer.write(source)
        writer.write(series)
        writer.write(rows)
        writer.write(location)
    }
}

extension Figure.Row: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(label: try reader.read(), values: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(label)
        writer.write(values)
    }
}

extension ChartKind: BinaryField {}

extension Diagnostic: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        let severity: Severity = try reader.read(), location: SourceLocation? = try reader.read()
        self.init(severity, at: location, try reader.read(), suggestion: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(severity)
        writer.write(location)
        writer.write(message)
        writer.write(suggestion)
    }
}

extension Diagnostic.Severity: BinaryField {}

extension MessageKey: BinaryField {}

extension Message: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(parts: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(parts)
    }
}

extension Message.Part: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(key: try reader.read(), arguments: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(key)
        writer.write(arguments)
    }
}

extension Message.Argument: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        let text: String? = try reader.read(), word: MessageKey? = try reader.read(), message: Message? = try reader.read()
        let list: [Message]? = try reader.read()
        if let text { self = .text(text) } else if let word { self = .word(word) } else if let message { self = .message(message) }
        else if let list { self = .list(list) } else {
            throw BinaryReader.Truncated()
        }
    }

    func write(to writer: inout BinaryWriter) {
        let fields = self.fields
        writer.write(fields.text)
        writer.write(fields.word)
        writer.write(fields.message)
        writer.write(fields.list)
    }
}

extension SearchIndex.PageSize: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(blocks: try reader.read(), weight: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(blocks)
        writer.write(weight)
    }
}

extension ContentHash: BinaryField {
    init(reading reader: inout BinaryReader) throws { self.init(value: try reader.varint()) }
    func write(to writer: inout BinaryWriter) { writer.varint(value) }
}

extension CaseText: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(html: try reader.read(), textBlocks: try reader.read(), charts: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(html)
        writer.write(textBlocks)
        writer.write(charts)
    }
}

extension TextBlock: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(headingID: try reader.read(), headingText: try reader.read(), text: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(headingID)
        writer.write(headingText)
        writer.write(text)
    }
}

extension CaseCache.Part: BinaryField where Value: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(hash: try reader.read(), environment: try reader.read(), value: try reader.read())
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(hash)
        writer.write(environment)
        writer.write(value)
    }
}

extension FileStamp: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self.init(size: Int64(try reader.signed()), modified: Int64(try reader.signed()), inode: try reader.varint())
    }

    func write(to writer: inout BinaryWriter) {
        writer.signed(size)
        writer.signed(modified)
        writer.varint(inode)
    }
}
