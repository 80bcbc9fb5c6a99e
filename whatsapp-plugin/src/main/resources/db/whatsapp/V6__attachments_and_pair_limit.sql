-- Files users attach to answers are kept with the message like downloaded inbound media (state DOWNLOADED:
-- the bytes are here), so the thread shows them the same way; media_id is Meta's id once the dispatcher
-- has uploaded the file, null before.
alter table whatsapp.media_file alter column media_id drop not null;

-- Meta allows about one message every 6 seconds to the same customer (error 131056); each time it says so,
-- the conversation's next message waits 4^n seconds, n counting those holds.
alter table whatsapp.message add column pair_limit_holds int not null default 0;
