/// What to build from where.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// Include cases marked `draft: true`.
    public var includeDrafts: Bool
    /// The site's public address, for the feed and sitemap; overrides `base_url` in site.yaml.
    public var baseURL: String?
    /// Reuse what the last build into the same output made (`.output.cache/`); false rebuilds everything.
    public var incremental: Bool = true
    /// Warnings count as errors (for CI): the build or check fails on any.
    public var strict = false
    /// Threads to use; 0 means one per core. The output is the same whatever the number.
    public var jobs: Int = 0
    /// Called as the cases go through each `BuildPhase`, with the phase, the number done and the total: at
    /// each whole percent of a phase, in order, from any thread.
    public var progress: (@Sendable (_ phase: BuildPhase, _ done: Int, _ total: Int) -> Void)?

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
    public var notes: [Message] = []
    /// Cases rendered again (the rest came from the cache) and files written (the rest were unchanged).
    public var casesRendered: Int = 0
    public var filesWritten: Int = 0
    /// Files of the last build this one did not make again, so removed from the output.
    public var filesRemoved: Int = 0
    /// True when nothing had changed since the last build, so nothing was done.
    public var upToDate: Bool = false
    /// Wall time of each stage (`BuildStage`), in order: load, cases, pages, search, commit. In an update the
    /// search index is built beside the pages, so those two stages overlap (and so does their CPU time).
    public var stages: [Stage] = []

    /// Whether the output differs from the last build's: some file was written or removed. A source
    /// touched but not edited rebuilds to the same bytes, and the site is unchanged.
    public var changedSite: Bool { !upToDate && (filesWritten > 0 || filesRemoved > 0) }

    public struct Stage: Sendable {
        public var stage: BuildStage
        /// The stage's name and what it does, as `--timings` prints it.
        public var name: String
        public var seconds: Double
        /// CPU time of the whole process (all threads, user and system) during the stage.
        public var cpuSeconds: Double
    }
}
