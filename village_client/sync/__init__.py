"""Sync: one transport interface (`exchange(request) -> reply`) and one engine that verifies replies.

    transport.Transport      HttpTransport (hub or sub-district relay), BundleTransport (USB stick)
    engine.SyncEngine        pushes the outbox, applies acknowledgements and signed feed pages
    scheduler.SyncScheduler  runs the engine every few minutes, backing off while the hub is away
    lock.SyncLock            one sync at a time per laptop, across threads and processes

Errors the engine raises (each with a stable `code`):

    SyncError
    ├── HubError(status, code, message, fields, errors)   the hub (or relay) answered with an error envelope
    ├── HubUnreachable(detail)                            no answer after the engine's retries   unreachable
    ├── NotEnrolled                                      no hub key pinned yet                   not_enrolled
    └── SyncBusy                                         another sync holds the lock             busy
    plus sync_protocol errors (BadSignature, MalformedMessage) for a reply that does not verify,
    and outbox.AckMismatch (fork / restored_backup) when the hub's head is not ours.
"""
