package chat.realtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.users.UserProfile;
import chat.realtime.delivery.ServerEvent;
import chat.realtime.frames.UserViews;
import chat.testsupport.EventSchemas;
import chat.testsupport.SocketSchemas;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * message-service's events as sockets hear them (spec A.5.4, B.11, B.15): each checked-in example
 * made into its frame byte for byte, by the socket protocol's schema, with the participants the
 * event names for the user streams.
 */
class ServerEventsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServerEvents serverEvents = new ServerEvents(
            UserViews.rendering(id -> new UserProfile(
                    id, "user" + id, "", "", id == 7 ? "https://pictures/7.png" : null, 0, null, null, null)),
            JSON);

    private Optional<ServerEvent> of(String event) {
        return serverEvents.of(JSON.readValue(event, CloudEvent.class));
    }

    private ServerEvent ofExample(String type) {
        return of(EventSchemas.example(type)).orElseThrow();
    }

    @Test
    void makesANewMessageWithItsSenderAndClientIdButNoAttachments() {
        ServerEvent event = ofExample("chat.message.created");
        assertThat(event.text())
                .isEqualTo("{\"type\":\"new_message\",\"message\":{\"id\":345,"
                        + "\"sender\":{\"id\":7,\"username\":\"user7\",\"profile_picture\":\"https://pictures/7.png\"},"
                        + "\"content\":\"سلام! Hello 👋\",\"timestamp\":\"2026-11-24T10:00:01.200Z\"},"
                        + "\"client_id\":\"c-5f2e\",\"conversation\":12,\"seq\":3}");
        assertThat(event.conversation()).isEqualTo(12);
        assertThat(event.seq()).isEqualTo(3);
        assertThat(event.createdAtMillis())
                .isEqualTo(Instant.parse("2026-11-24T10:00:01.250Z").toEpochMilli());
    }

    @Test
    void writesAProfilePictureNobodySetAsNullAndLeavesOutAClientIdNobodyGave() {
        ObjectNode created = (ObjectNode) JSON.readTree(EventSchemas.example("chat.message.created"));
        ((ObjectNode) created.path("data")).remove("client_id");
        ((ObjectNode) created.path("data").path("message")).put("sender", 8);
        String text = of(JSON.writeValueAsString(created)).orElseThrow().text();
        assertThat(text).contains("\"sender\":{\"id\":8,\"username\":\"user8\",\"profile_picture\":null}");
        assertThat(text).doesNotContain("client_id");
        SocketSchemas.assertMatchesSchema(text);
    }

    @Test
    void makesTheOtherChangesIntoTheirFrames() {
        assertThat(ofExample("chat.message.edited").text())
                .isEqualTo("{\"type\":\"message_edited\",\"message\":{\"id\":345,\"content\":\"سلام! Hello again\"},"
                        + "\"conversation\":12,\"seq\":4}");
        assertThat(ofExample("chat.message.deleted").text())
                .isEqualTo("{\"type\":\"message_deleted\",\"message_id\":345,\"conversation\":12,\"seq\":6}");
        assertThat(ofExample("chat.message.read").text())
                .isEqualTo("{\"type\":\"message_read\",\"reader\":8,\"up_to\":345,\"conversation\":12,\"seq\":5}");
        assertThat(ofExample("chat.message.attachment_added").text())
                .isEqualTo("{\"type\":\"attachment_added\",\"message_id\":345,"
                        + "\"attachment\":{\"id\":56,\"message\":345,\"uploaded_at\":\"2026-11-24T10:00:02.480Z\"},"
                        + "\"conversation\":12,\"seq\":4}");
    }

    @Test
    void namesTheMessagesMarkedReadOneByOne() {
        ObjectNode read = (ObjectNode) JSON.readTree(EventSchemas.example("chat.message.read"));
        ((ObjectNode) read.path("data")).remove("up_to");
        ((ObjectNode) read.path("data")).putArray("message_ids").add(345).add(346);
        assertThat(of(JSON.writeValueAsString(read)).orElseThrow().text())
                .isEqualTo(
                        "{\"type\":\"message_read\",\"reader\":8,\"message_ids\":[345,346],\"conversation\":12,\"seq\":5}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "chat.message.created",
                "chat.message.edited",
                "chat.message.deleted",
                "chat.message.read",
                "chat.message.attachment_added"
            })
    void everyMessageEventMakesAFrameOfTheProtocolWithTheParticipantsItNames(String type) {
        ServerEvent event = ofExample(type);
        SocketSchemas.assertMatchesSchema(event.text());
        assertThat(event.participants()).containsExactly(7L, 8L);
    }

    @Test
    void anEventWrittenBeforeParticipantsTravelledNamesNone() {
        ObjectNode older = (ObjectNode) JSON.readTree(EventSchemas.example("chat.message.edited"));
        ((ObjectNode) older.path("data")).remove("participants");
        assertThat(of(JSON.writeValueAsString(older)).orElseThrow().participants())
                .isEmpty();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        ObjectNode created = (ObjectNode) JSON.readTree(EventSchemas.example("chat.message.created"));
        created.put("traceextension", "x");
        ((ObjectNode) created.path("data")).put("added_later", true);
        ((ObjectNode) created.path("data").path("message")).put("reactions", 3);
        String text = of(JSON.writeValueAsString(created)).orElseThrow().text();
        assertThat(text).doesNotContain("added_later").doesNotContain("reactions");
        SocketSchemas.assertMatchesSchema(text);
    }

    @Test
    void sendsNothingForTypesSocketsDoNotHear() {
        assertThat(of(EventSchemas.example("chat.conversation.created"))).isEmpty();
        assertThat(of(EventSchemas.example("chat.user.updated"))).isEmpty();
        ObjectNode future = (ObjectNode) JSON.readTree(EventSchemas.example("chat.message.read"));
        future.put("type", "chat.message.pinned");
        assertThat(of(JSON.writeValueAsString(future))).isEmpty();
    }

    @Test
    void anEventWithoutATimeIsNotTimed() {
        ObjectNode created = (ObjectNode) JSON.readTree(EventSchemas.example("chat.message.created"));
        created.remove("time");
        assertThat(of(JSON.writeValueAsString(created)).orElseThrow().createdAtMillis())
                .isZero();
        created.put("time", "yesterday");
        assertThat(of(JSON.writeValueAsString(created)).orElseThrow().createdAtMillis())
                .isZero();
    }
}
