package io.crmkit.it.bench;

import io.crmkit.it.support.TestDatabase;

/**
 * Answers the business sent earlier, stored straight into the database so that a benchmark's statuses refer to
 * messages that exist: applying a status is then measured, not parking a status of an unknown message.
 */
final class StoredAnswers {
    private StoredAnswers() {
    }

    /**
     * Stores {@code count} sent answers, wamids {@code <wamidPrefix>0, 1, ...}, dealt round the chats of the channel's
     * customers {@code firstNumber} to {@code firstNumber + customers - 1}, and has the planner learn of them (they came
     * one by one in a real inbox, with its statistics following; here they come at once).
     */
    static void store(String database, long count, long channelId, long firstNumber, int customers, String wamidPrefix) {
        TestDatabase.updateIn(database, """
                insert into whatsapp.message (organisation_id, conversation_id, direction, type, text, status, status_at,
                                              sent_at, created_at, wamid)
                select c.organisation_id, c.id, 'OUT', 'text', 'Answer ' || n, 'SENT', now(), now(), now(), ? || n
                  from generate_series(0, ? - 1) n
                  join whatsapp.conversation c on c.channel_id = ? and c.customer_key = (? + n % ?)::text""",
                wamidPrefix, count, channelId, firstNumber, customers);
        TestDatabase.updateIn(database, "analyze whatsapp.message");
    }
}
