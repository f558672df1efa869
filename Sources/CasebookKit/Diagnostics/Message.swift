import Foundation

/// The language Casebook speaks to editors: Chinese, the casebook's language, unless asked otherwise.
public enum Language: String, Sendable, CaseIterable, Codable {
    case chinese = "zh"
    case english = "en"

    /// `--lang` when given (`zh`, `en`, or a locale name such as `zh_CN.UTF-8`), else the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set: Chinese for `zh…`, English for any other language. With none set,
    /// or only `C`/`POSIX` (a bare terminal, CI), Chinese.
    public static func choose(flag: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let flag, !flag.isEmpty { return named(flag) ?? .chinese }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            return named(value) ?? .chinese
        }
        return .chinese
    }

    /// The language a locale name means, or nil for `C` and `POSIX`, which name none.
    static func named(_ locale: String) -> Language? {
        let name = locale.lowercased()
        if name == "c" || name.hasPrefix("c.") || name == "posix" { return nil }
        return name.hasPrefix("zh") ? .chinese : .english
    }
}

/// Words for the reader of a message: one entry of the message table (`MessageKey`) with the values it
/// names, or several joined (a fix followed by a list of choices). Rendered only when printed, in the
/// language the editor reads.
public struct Message: Sendable, Hashable, Codable {
    public struct Part: Sendable, Hashable, Codable {
        public var key: MessageKey
        public var arguments: [Argument]
    }

    /// A value a message names: text as written (a file name, a key, a number), a word of the table
    /// (the name of a character or a folder), or a whole message; the last two in the reader's language.
    public enum Argument: Sendable, Hashable {
        case text(String)
        case word(MessageKey)
        case message(Message)
        /// Messages listed with the language's separator (`、` or `, `).
        case list([Message])
    }

    public var parts: [Part]

    public init(_ key: MessageKey, _ arguments: String...) {
        parts = [Part(key: key, arguments: arguments.map(Argument.text))]
    }

    init(parts: [Part]) { self.parts = parts }

    public init(_ key: MessageKey, arguments: [Argument]) {
        parts = [Part(key: key, arguments: arguments)]
    }

    /// Text that came from elsewhere (an error of the system), shown as it is in every language.
    public static func verbatim(_ text: String) -> Message { Message(.systemError, text) }

    /// The stable code of this kind of message (its first part's key), for `--format json`.
    public var code: String { parts.first?.key.rawValue ?? "" }

    /// The message in `language`: each part's text from that language's table with `{1}`, `{2}`… replaced.
    public func text(_ language: Language) -> String {
        let texts = parts.map { part in
            let values = part.arguments.map { argument in
                switch argument {
                case let .text(text): text
                case let .word(key): MessageTable.template(key, language)
                case let .message(message): message.text(language)
                case let .list(messages): messages.map { $0.text(language) }.joined(separator: language == .chinese ? "、" : ", ")
                }
            }
            return MessageTable.fill(MessageTable.template(part.key, language), values)
        }
        // English parts are joined by a space, except before a part that begins a new line.
        return texts.dropFirst().reduce(texts.first ?? "") { text, next in
            text + (language == .chinese || next.hasPrefix("\n") ? "" : " ") + next
        }
    }

    /// Both messages, one after the other.
    public static func + (lhs: Message, rhs: Message) -> Message {
        var joined = lhs
        joined.parts += rhs.parts
        return joined
    }

    /// `lhs`, when there is one, followed by `rhs`.
    public static func + (lhs: Message?, rhs: Message) -> Message {
        lhs.map { $0 + rhs } ?? rhs
    }

    /// `lhs` followed by `rhs` when there is one.
    public static func + (lhs: Message, rhs: Message?) -> Message {
        rhs.map { lhs + $0 } ?? lhs
    }
}

/// The message tables: one per language, each a dictionary from `MessageKey` to a template with `{1}`,
/// `{2}`… for the values. A test checks that both hold every key with the same placeholders.
public enum MessageTable {
    /// The template of `key` in `language`.
    public static func template(_ key: MessageKey, _ language: Language) -> String {
        let table = language == .chinese ? chinese : english
        return table[key] ?? english[key] ?? key.rawValue
    }

    /// `template` with each `{n}` replaced by `arguments[n - 1]`.
    static func fill(_ template: String, _ arguments: [String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var text = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let number = Int(after[..<close]), number >= 1, number <= arguments.count {
                text += arguments[number - 1]
                rest = after[after.index(after: close)...]
            } else {
                text += "{"
                rest = after
            }
        }
        return text + rest
    }

    /// The placeholder numbers a template uses, for the completeness test.
    public static func placeholders(_ template: String) -> Set<Int> {
        var found: Set<Int> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let number = Int(after[..<close]) { found.insert(number) }
            rest = after
        }
        return found
    }
}

/// An error that says what went wrong in the message table's words.
public protocol MessageError: Error {
    var message: Message { get }
}

extension Message {
    /// The words of an error: a `MessageError`'s own message, else the error's description as it is
    /// (an error of the system).
    public init(describing error: any Error) {
        if let known = error as? any MessageError { self = known.message } else { self = .verbatim("\(error)") }
    }
}

/// Coded as four optional fields in a fixed order (one of them set), so that the build cache's binary
/// coder, which reads fields in order and cannot code an enum with values, can store it.
extension Message.Argument: Codable {
    private enum CodingKeys: String, CodingKey { case text, word, message, list }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decodeIfPresent(String.self, forKey: .text)
        let word = try container.decodeIfPresent(MessageKey.self, forKey: .word)
        let message = try container.decodeIfPresent(Message.self, forKey: .message)
        let list = try container.decodeIfPresent([Message].self, forKey: .list)
        if let text { self = .text(text) } else if let word { self = .word(word) } else if let message { self = .message(message) }
        else if let list { self = .list(list) } else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "an empty message argument"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(fields.text, forKey: .text)
        try container.encodeIfPresent(fields.word, forKey: .word)
        try container.encodeIfPresent(fields.message, forKey: .message)
        try container.encodeIfPresent(fields.list, forKey: .list)
    }

    /// The four fields, one of them set.
    var fields: (text: String?, word: MessageKey?, message: Message?, list: [Message]?) {
        switch self {
        case let .text(text): (text, nil, nil, nil)
        case let .word(word): (nil, word, nil, nil)
        case let .message(message): (nil, nil, message, nil)
        case let .list(list): (nil, nil, nil, list)
        }
    }
}
