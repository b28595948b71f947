package chat.testsupport;

/**
 * The cast of the tests. Ids are far from the ones the development issuer assigns from 1, so that
 * fixtures never collide with users registered through {@code POST /dev/users/}.
 */
public final class Users {

    private Users() {}

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
