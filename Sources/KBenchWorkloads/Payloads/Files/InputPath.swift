/// Inputs named by a path, where `-` means standard input (payload files, key files).
package enum InputPath {
    /// The name descriptions and errors show for `path`: `standard input` for `-`, else the path.
    package static func displayName(_ path: String) -> String {
        path == "-" ? "standard input" : path
    }
}
