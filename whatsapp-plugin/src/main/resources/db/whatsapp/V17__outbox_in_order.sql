-- The outbox is claimed in id order, the oldest queued message of each conversation first. Its index was ordered by
-- dispatch_after, so with thousands queued the planner walked the primary key instead, past every message ever
-- stored (45 to 65 ms a claim with 10,000 queued among 35,000, the database's largest cost while sending); ordered
-- by id, a claim reads the queued messages it takes and the few it steps over (claimed by another node, due later).
drop index whatsapp.message_outbox;
create index message_outbox on whatsapp.message (id)
    where status = 'QUEUED' and direction = 'OUT' and dispatching_since is null;

-- Whether an earlier message of the same conversation is still queued: the conversation's queued answers alone,
-- rather than every message of the conversation.
create index message_queued_in_chat on whatsapp.message (conversation_id, id)
    where status = 'QUEUED' and direction = 'OUT';
