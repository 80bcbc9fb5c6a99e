-- The outbox: answers are stored QUEUED and committed before any call to Meta; a dispatcher sends them.
alter table whatsapp.message
    add column reference_id      varchar(40),
    add column author_id         bigint,
    add column context_wamid     varchar(200),
    add column dispatch_after    timestamptz,
    add column dispatching_since timestamptz,
    add column send_attempts     int not null default 0;
create unique index message_reference on whatsapp.message (reference_id) where reference_id is not null;
create index message_outbox on whatsapp.message (dispatch_after, id)
    where status = 'QUEUED' and direction = 'OUT' and dispatching_since is null;
create index message_in_flight on whatsapp.message (dispatching_since)
    where status = 'QUEUED' and dispatching_since is not null;
