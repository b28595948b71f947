package chat.realtime.frames;

/**
 * A server event of a conversation (spec A.5.4, B.15): a stored change, with the conversation it
 * belongs to and its place in the conversation's {@code seq}.
 */
public sealed interface SequencedFrame permits NewMessage, MessageEdited, MessageDeleted, MessageRead, AttachmentAdded {

    long conversation();

    long seq();
}
