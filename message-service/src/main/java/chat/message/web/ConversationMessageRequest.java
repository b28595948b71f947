package chat.message.web;

import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/conversations/{id}/messages/}. */
record ConversationMessageRequest(@Nullable String content) {}
