package chat.testsupport;

/** A user of a test: who the token names. */
public record TestUser(long id, String username, boolean staff) {}
