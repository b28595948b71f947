package chat.attachment.upload;

/**
 * The attachment places of a message, counted, not kept: each stored attachment and each upload
 * still pending takes one. A crashed upload's place is free again once its pending record is
 * reaped; nothing else needs recounting.
 *
 * @param attachments attachment records of the message
 * @param pending uploads of the message recorded as started and neither finished nor reaped
 */
record MessageSlots(long attachments, long pending) {

    static final int MAX_PER_MESSAGE = 10;

    boolean haveRoom() {
        return attachments + pending < MAX_PER_MESSAGE;
    }
}
