-- Identifiers and names come from Meta and customers in any length: unbounded text instead of varchar(n).
-- (varchar to text changes no stored byte; the indexes stay as they are.)
alter table whatsapp.webhook_event alter column dedupe_key type text, alter column wamid type text;
alter table whatsapp.conversation alter column customer_key type text;
alter table whatsapp.message alter column wamid type text, alter column context_wamid type text;
alter table whatsapp.early_status alter column wamid type text;
alter table whatsapp.media_file alter column media_id type text, alter column mime_type type text,
    alter column file_name type text;

-- An event that failed waits before its next attempt, longer after each failure. A parked event stays until
-- an administrator retries it (attempts start again) or dismisses it.
alter table whatsapp.webhook_event
    add column next_attempt_at timestamptz,
    add column dismissed_at    timestamptz;
create index webhook_event_parked on whatsapp.webhook_event (organisation_id, id desc)
    where parked_at is not null and dismissed_at is null;
