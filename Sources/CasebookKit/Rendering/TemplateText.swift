import Mustache

/// A string value for the templates; every string a page's values hold is one. swift-mustache renders a
/// plain `String` by asking the Swift runtime, one cast after another, whether it is a lambda, an optional
/// or a custom renderable, and then by describing it; and a name looked up inside a section of a string
/// reflects the string with a `Mirror`. Each such question is a lookup in the runtime's shared conformance
/// cache. A `TemplateText` is rendered at the second question and is looked into as a parent with no children.
///
/// To a template it is the string it holds: escaped the same way, truthy in a section (even when empty, as
/// a `String` is), without children of its own (a name inside its section is found in the enclosing
/// values), and with the string transforms (`uppercased(…)`, `empty(…)` and the rest).
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible {
    let text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }

    func child(named: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
}
