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
        try data.withUnsafeBytes { try FileWriting.replace(staging + "/" + name, with: $0) }
    }

    /// Applies a committed journal in `staging`, if there is one: moves the staged files into `destination`
    /// and deletes the files that are gone, then drops the journal. Applying it again after a kill is safe: a
    /// move whose file is already in place and a deletion of a file already gone are done. Paths were
    /// checked when they were staged and are checked again. Returns whether there was a journal.
    /// - Throws: `OutputError` naming the first file that could not be moved or deleted; the journal stays,
    ///   so the next build finishes it.
    @discardableResult
    static func finish(staging: String, destination: String) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: staging + "/" + name) else { return false }
        guard let record = try? JSONDecoder().decode(Record.self, from: data) else {
            // Only a whole journal is ever renamed into place: one that does not read was never committed.
            unlink(staging + "/" + name)
            return false
        }
        var folders: Set<String> = []
        for path in record.moves where OutputWriter.isSafe(path) {
            let source = staging + "/" + path, target = destination + "/" + path
            let folder = (target as NSString).deletingLastPathComponent
            if folders.insert(folder).inserted {
                do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                    throw OutputError.cannotWrite(folder, (error as NSError).underlyingErrorCode ?? EACCES)
                }
            }
            if rename(source, target) != 0 {
                let code = errno
                if code == ENOENT, access(target, F_OK) == 0 { continue }   // moved before the last build was killed
                throw OutputError.cannotWrite(target, code)
            }
        }
        for path in record.deletions where OutputWriter.isSafe(path) {
            if unlink(destination + "/" + path) != 0, errno != ENOENT { throw OutputError.cannotWrite(destination + "/" + path, errno) }
        }
        if unlink(staging + "/" + name) != 0, errno != ENOENT { throw OutputError.cannotWrite(staging + "/" + name, errno) }
        return true
    }
}
