package chat.conversation.previews;

import static org.assertj.core.api.Assertions.assertThat;

import chat.testsupport.ChatInfrastructure;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The unread-count rules on this service's own schema, in a database of their own, without Spring. */
class UnreadCountsTests {

    static JdbcClient jdbc;
    static UnreadCounts unread;
    static long conversationIds = 100;

    /** A conversation and users of each test's own: one pair has one conversation. */
    final long conversation = ++conversationIds;

    final long alice = conversation * 10 + 1;
    final long bob = conversation * 10 + 2;
    final long carol = conversation * 10 + 3;

    @BeforeAll
    static void schema() {
        ChatInfrastructure infrastructure = ChatInfrastructure.get();
        DriverManagerDataSource database = new DriverManagerDataSource(
                infrastructure.newDatabase("unread_counts"),
                infrastructure.databaseUser(),
                infrastructure.databasePassword());
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(database);
        unread = new UnreadCounts(jdbc);
    }

    @Test
    void countsTheOtherParticipantsMessagesNotYetRead() {
        between(alice, bob);
        sent(10, bob, false, false);
        sent(11, bob, false, false);
        sent(12, alice, false, false);
        assertThat(countFor(alice)).isEqualTo(2);
        assertThat(countFor(bob)).isEqualTo(1);
    }

    @Test
    void aReadOrDeletedMessageIsNotUnread() {
        between(alice, bob);
        sent(10, bob, true, false);
        sent(11, bob, false, true);
        sent(12, bob, false, false);
        assertThat(countFor(alice)).isEqualTo(1);
    }

    @Test
    void aMessageDeletedAfterItWasSentStopsCounting() {
        between(alice, bob);
        sent(10, bob, false, false);
        unread.changed(new MessageEvent.Message(m(10), bob, "2026-11-29T09:00:00Z", false, true));
        assertThat(countFor(alice)).isZero();
    }

    @Test
    void someoneWhoIsNotAParticipantHasNothingUnreadThere() {
        between(alice, bob);
        sent(10, bob, false, false);
        assertThat(unread.of(List.of(conversation), carol)).isEmpty();
    }

    @Test
    void readingUpToAMessageReadsTheOthersMessagesUpToItOnly() {
        between(alice, bob);
        sent(10, bob, false, false);
        sent(11, alice, false, false);
        sent(12, bob, false, false);
        sent(13, bob, false, false);
        unread.read(new MessageEvent.Data(conversation, alice, null, null, m(12)));
        assertThat(countFor(alice)).isEqualTo(1);
        assertThat(unread.isRead(m(12))).isTrue();
        assertThat(unread.isRead(m(13))).isFalse();
        // the reader's own message stays unread for the other participant
        assertThat(unread.isRead(m(11))).isFalse();
        assertThat(countFor(bob)).isEqualTo(1);
    }

    @Test
    void readingListedMessagesReadsThoseOnly() {
        between(alice, bob);
        sent(10, bob, false, false);
        sent(11, bob, false, false);
        unread.read(new MessageEvent.Data(conversation, alice, null, List.of(m(11)), null));
        assertThat(unread.isRead(m(10))).isFalse();
        assertThat(unread.isRead(m(11))).isTrue();
        assertThat(countFor(alice)).isEqualTo(1);
    }

    @Test
    void aMessageSentTwiceCountsOnce() {
        between(alice, bob);
        sent(10, bob, false, false);
        sent(10, bob, false, false);
        assertThat(countFor(alice)).isEqualTo(1);
    }

    private void between(long one, long other) {
        jdbc.sql("insert into conversation (id, user_low, user_high) overriding system value values (?, ?, ?)")
                .params(conversation, Math.min(one, other), Math.max(one, other))
                .update();
    }

    private void sent(long id, long sender, boolean read, boolean deleted) {
        unread.sent(conversation, new MessageEvent.Message(m(id), sender, "2026-11-29T09:00:00Z", read, deleted));
    }

    /** Message ids are unique across conversations: each test's conversation has its own. */
    private long m(long n) {
        return conversation * 1000 + n;
    }

    private long countFor(long user) {
        Map<Long, Long> counts = unread.of(List.of(conversation), user);
        return counts.getOrDefault(conversation, 0L);
    }
}
