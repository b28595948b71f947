package chat.archfixture.conversation;

/** Fixture: a class of one service. */
public class ConversationTable {}
