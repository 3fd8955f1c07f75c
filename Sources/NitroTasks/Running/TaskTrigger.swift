/// What started a call of a task, as ``TaskRunEvent/trigger`` reports it.
public enum TaskTrigger: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Code: ``runTask(_:payload:context:)`` or ``TaskRunner/run(_:payload:context:trigger:)``
    /// without a trigger.
    case code
    /// The development server's route `/_nitro/tasks/NAME` (so also `nitro task run`).
    case http
    /// A person, with the Run button of the development dashboard (`/_nitro/tasks/~ui`).
    case manual
    /// The in-process ``TaskScheduler``.
    case schedule
    /// Cloudflare's cron trigger, through ``CloudflareScheduled``.
    case cloudflare
    /// Vercel Cron Jobs, through ``VercelCronHandler``.
    case vercel

    public var description: String { rawValue }
}
