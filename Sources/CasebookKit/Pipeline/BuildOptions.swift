/// What to build from where.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// Include cases marked `draft: true`.
    public var includeDrafts: Bool

    public init(contentDirectory: String = "Content", templatesDirectory: String = "Templates",
                outputDirectory: String = "output", includeDrafts: Bool = false) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.includeDrafts = includeDrafts
    }
}

/// What a build did, for the command line.
public struct BuildReport: Sendable {
    public var cases: Int
    public var pages: Int
    public var figures: Int
    public var files: Int
    public var seconds: Double
    /// Warnings (a successful build has no errors).
    public var diagnostics: [Diagnostic]
}
