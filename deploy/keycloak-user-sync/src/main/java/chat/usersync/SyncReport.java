package chat.usersync;

/**
 * What one run did.
 *
 * @param users users read from the realm
 * @param published profiles sent, because they are new or changed since this process last sent them
 * @param unchanged profiles already sent as they are
 * @param skipped users without a positive integer {@code user_id} (service accounts, staff-only
 *     accounts, users not yet given an id) or without a username
 * @param conflicting users sharing a {@code user_id} with another user: none of them is published
 */
record SyncReport(int users, int published, int unchanged, int skipped, int conflicting) {}
