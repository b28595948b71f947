package chat.testsupport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The cast of the tests. Ids are far from the ones the development issuer assigns from 1, so that
 * fixtures never collide with users registered through {@code POST /dev/users/}.
 */
public final class Users {

    /**
     * Ids of fresh users, one counter for the whole test JVM so that test classes sharing a
     * database never hand out the same id; the start varies per run, as the data may outlive it.
     */
    private static final AtomicLong FRESH = new AtomicLong(3_000_000 + (System.nanoTime() & 0xFFFFF) * 8);

    private Users() {}

    /** A user no other test of this JVM has. */
    public static TestUser fresh(String name) {
        return new TestUser(FRESH.incrementAndGet(), name, false);
    }

    public static TestUser alice() {
        return new TestUser(900_001, "alice", false);
    }

    public static TestUser bob() {
        return new TestUser(900_002, "bob", false);
    }

    /** Takes part in nothing alice and bob share. */
    public static TestUser outsider() {
        return new TestUser(900_003, "mallory", false);
    }

    public static TestUser admin() {
        return new TestUser(900_099, "admin", true);
    }
}
