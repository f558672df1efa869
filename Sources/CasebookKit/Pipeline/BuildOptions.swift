/// What to build from where.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// Include cases marked `draft: true`.
    public var includeDrafts: Bool
    /// The site's public address, for the feed and sitemap; overrides `base_url` in site.yaml.
    public var baseURL: String?

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
    /// Things the build chose not to do, and why (e.g. no feed without a base URL).
    public var notes: [String] = []
}
