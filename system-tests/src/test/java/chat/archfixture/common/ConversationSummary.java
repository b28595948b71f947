package chat.archfixture.common;

/** Fixture: a domain type that crept into common. */
public record ConversationSummary(long id) {}
