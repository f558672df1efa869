import Foundation

/// The commit record of an in-place update: which staged files replace which, and which files go.
/// Writing it (to a temporary name, then renamed) is the moment the build commits; applying it is
/// idempotent, so a build killed halfway through is finished by the next one.
enum OutputJournal {
    static let name = ".casebook-journal"

    struct Record: Codable {
        var moves: [String]
        var deletions: [String]
    }

    static func commit(staging: String, moves: [String], deletions: [String]) throws {
        let data = try JSONEncoder().encode(Record(moves: moves, deletions: deletions))
        let temporary = staging + "/" + name + ".tmp"
        try OutputWriter.writeFile(temporary, data)
        guard rename(temporary, staging + "/" + name) == 0 else {
            throw OutputError.cannotWrite(staging + "/" + name, String(cString: strerror(errno)))
        }
    }

    /// Applies a committed journal in `staging`, if there is one: moves the staged files into `destination`
    /// and deletes the files that are gone. Paths were checked when they were staged and are checked again.
    static func finish(staging: String, destination: String) {
        guard let data = FileManager.default.contents(atPath: staging + "/" + name),
              let record = try? JSONDecoder().decode(Record.self, from: data) else { return }
        var folders: Set<String> = []
        for path in record.moves where OutputWriter.isSafe(path) {
            let target = destination + "/" + path
            let folder = (target as NSString).deletingLastPathComponent
            if folders.insert(folder).inserted { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            _ = rename(staging + "/" + path, target)
        }
        for path in record.deletions where OutputWriter.isSafe(path) { _ = unlink(destination + "/" + path) }
        _ = unlink(staging + "/" + name)
    }
}
