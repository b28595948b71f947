package chat.realtime.live;

import chat.realtime.delivery.ServerEvent;
import chat.realtime.frames.AttachmentAdded;
import chat.realtime.frames.MessageDeleted;
import chat.realtime.frames.MessageEdited;
import chat.realtime.frames.MessageRead;
import chat.realtime.frames.NewMessage;
import chat.realtime.frames.SequencedFrame;
import chat.realtime.frames.UserViews;
import chat.realtime.live.EventData.MessageChanged;
import chat.realtime.live.EventData.MessagesRead;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server events of spec A.5.4 (and B.15's {@code message_read}, B.11's {@code attachment_added})
 * made from message-service's CloudEvents, live or replayed, each with its {@code conversation}
 * and the conversation's {@code seq}, and the participants whose user streams hear it.
 */
@Component
class ServerEvents {

    private final UserViews users;
    private final JsonMapper json;

    ServerEvents(UserViews users, JsonMapper json) {
        this.users = users;
        this.json = json;
    }

    /** The server event for {@code event}, or empty for a type sockets do not hear. */
    Optional<ServerEvent> of(CloudEvent event) {
        return switch (event.type()) {
            case "chat.message.created" -> {
                MessageChanged data = data(event, MessageChanged.class);
                NewMessage.Message message = new NewMessage.Message(
                        data.message().id(),
                        users.of(data.message().sender()),
                        data.message().content(),
                        data.message().timestamp());
                yield sent(
                        event,
                        new NewMessage(message, data.clientId(), data.conversation(), data.seq()),
                        data.participants());
            }
            case "chat.message.edited" -> {
                MessageChanged data = data(event, MessageChanged.class);
                MessageEdited.Message message = new MessageEdited.Message(
                        data.message().id(), data.message().content());
                yield sent(event, new MessageEdited(message, data.conversation(), data.seq()), data.participants());
            }
            case "chat.message.deleted" -> {
                MessageChanged data = data(event, MessageChanged.class);
                yield sent(
                        event,
                        new MessageDeleted(data.message().id(), data.conversation(), data.seq()),
                        data.participants());
            }
            case "chat.message.read" -> {
                MessagesRead data = data(event, MessagesRead.class);
                yield sent(
                        event,
                        new MessageRead(data.actor(), data.upTo(), data.messageIds(), data.conversation(), data.seq()),
                        data.participants());
            }
            case "chat.message.attachment_added" -> {
                EventData.AttachmentAdded data = data(event, EventData.AttachmentAdded.class);
                AttachmentAdded.Attachment attachment = new AttachmentAdded.Attachment(
                        data.attachment().id(),
                        data.attachment().message(),
                        data.attachment().uploadedAt());
                yield sent(
                        event,
                        new AttachmentAdded(data.message(), attachment, data.conversation(), data.seq()),
                        data.participants());
            }
            default -> Optional.empty();
        };
    }

    private <T> T data(CloudEvent event, Class<T> type) {
        return json.treeToValue(event.data(), type);
    }

    private Optional<ServerEvent> sent(CloudEvent event, SequencedFrame frame, @Nullable List<Long> participants) {
        return Optional.of(new ServerEvent(
                frame.conversation(),
                frame.seq(),
                json.writeValueAsString(frame),
                createdAtMillis(event),
                participants == null ? List.of() : participants));
    }

    /** When the writing service created the event ({@code time}), 0 if it does not say. */
    private static long createdAtMillis(CloudEvent event) {
        if (event.time() == null) {
            return 0;
        }
        try {
            return Instant.parse(event.time()).toEpochMilli();
        } catch (DateTimeParseException notATime) {
            return 0;
        }
    }
}
