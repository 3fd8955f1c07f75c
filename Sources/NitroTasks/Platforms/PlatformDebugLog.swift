import Foundation

/// Where the platform entry points (``CloudflareScheduled``, ``VercelCronHandler``) report what is
/// normal but worth seeing when investigating: an invocation that ran nothing because it is not
/// an instant of its schedule in the schedule's zone.
public enum PlatformDebugLog {
    /// Writes `debug: MESSAGE` on stderr when the environment variable `NITRO_DEBUG` is set to
    /// anything but `0`; otherwise nothing.
    public static let standardError: @Sendable (String) -> Void = { message in
        guard let flag = ProcessInfo.processInfo.environment["NITRO_DEBUG"], !flag.isEmpty, flag != "0" else { return }
        FileHandle.standardError.write(Data(("debug: " + message + "\n").utf8))
    }
}
