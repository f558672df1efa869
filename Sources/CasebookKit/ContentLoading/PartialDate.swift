/// A date as precise as the source states it: a year, a month or a day.
public struct PartialDate: Sendable, Hashable, Comparable, Codable {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil when the text is not one of these or not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, let year = Int(parts[0]), year >= 1 else { return nil }
        var month: Int?, day: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, let value = Int(parts[1]), (1...12).contains(value) else { return nil }
            month = value
        }
        if parts.count == 3, let month {
            guard parts[2].count == 2, let value = Int(parts[2]), (1...Self.days(in: month, of: year)).contains(value) else { return nil }
            day = value
        }
        self.init(year: year, month: month, day: day)
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO form as written in front matter.
    public var iso: String {
        var text = zeroPadded(year, width: 4)
        if let month { text += "-" + zeroPadded(month, width: 2) }
        if let day { text += "-" + zeroPadded(day, width: 2) }
        return text
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }
}

/// `value` with leading zeros up to `width` digits.
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
