-- Conversations with customers and their messages, built from the stored webhook events.

-- Whose turn it is to receive the next new chat of a channel; locked row, so fair across nodes and restarts.
create table whatsapp.round_robin (
    channel_id    bigint primary key references whatsapp.channel,
    next_position int    not null default 0
);

create table whatsapp.conversation (
    id                   bigint generated always as identity primary key,
    organisation_id      bigint       not null,
    channel_id           bigint       not null references whatsapp.channel,
    contact_id           bigint       not null,
    -- The customer: a phone number's WhatsApp id, or a username-based id for users without a number.
    customer_key         varchar(100) not null,
    customer_name        varchar(200) not null,
    owner_id             bigint,
    window_expires_at    timestamptz,
    last_message_at      timestamptz  not null,
    last_message_preview varchar(200) not null default '',
    unread_count         int          not null default 0,
    created_at           timestamptz  not null,
    unique (channel_id, customer_key)
);
create index conversation_newest on whatsapp.conversation (organisation_id, last_message_at desc, id desc);
create index conversation_by_owner on whatsapp.conversation (organisation_id, owner_id, last_message_at desc, id desc);

create table whatsapp.message (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null,
    conversation_id bigint       not null references whatsapp.conversation,
    direction       varchar(3)   not null check (direction in ('IN', 'OUT')),
    type            varchar(30)  not null,
    wamid           varchar(200),
    text            text,
    details         text,         -- JSON: media, location, quoted message, reaction ...
    status          varchar(10)  not null check (status in ('QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'RECEIVED')),
    status_at       timestamptz,
    error_code      int,
    error_detail    varchar(1000),
    sent_at         timestamptz  not null,
    created_at      timestamptz  not null
);
create unique index message_once on whatsapp.message (conversation_id, wamid) where wamid is not null;
create index message_by_wamid on whatsapp.message (wamid) where wamid is not null;
create index message_thread on whatsapp.message (conversation_id, sent_at, id);

-- A status that arrived before the message it speaks of is known (the send call had not returned yet).
create table whatsapp.early_status (
    wamid       varchar(200) not null,
    status      varchar(10)  not null,
    occurred_at timestamptz  not null,
    error_code  int,
    error_detail varchar(1000),
    primary key (wamid, status)
);

-- An event whose processing fails is retried a few times, then parked for an operator instead of
-- blocking the events behind it.
alter table whatsapp.webhook_event
    add column attempts   int          not null default 0,
    add column last_error varchar(1000),
    add column parked_at  timestamptz;
drop index whatsapp.webhook_event_unprocessed;
create index webhook_event_unprocessed on whatsapp.webhook_event (id) where processed_at is null and parked_at is null;
