-- What the customer wrote last, apart from the business's answers: users who may only view incoming messages
-- see this in the conversation list instead of the latest message of either side.
alter table whatsapp.conversation
    add column last_inbound_at      timestamptz,
    add column last_inbound_preview varchar(200) not null default '';

update whatsapp.conversation c
set last_inbound_at      = latest.sent_at,
    last_inbound_preview = left(coalesce(nullif(latest.text, ''), '[' || latest.type || ']'), 200)
from (select distinct on (conversation_id) conversation_id, sent_at, text, type
      from whatsapp.message where direction = 'IN'
      order by conversation_id, sent_at desc, id desc) latest
where latest.conversation_id = c.id;
