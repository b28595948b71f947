package chat.archfixture.message;

import chat.archfixture.conversation.ConversationTable;

/** Fixture: a service reaching into another service's classes. */
public class ReadsConversationTables {
    ConversationTable table = new ConversationTable();
}
