-- Media of inbound messages, downloaded after the message is stored: a failed download never loses the
-- message, is retried with growing delays, and can be retried by a user once it gave up.
create table whatsapp.media_file (
    message_id      bigint        primary key references whatsapp.message,
    organisation_id bigint        not null,
    channel_id      bigint        not null references whatsapp.channel,
    media_id        varchar(200)  not null,
    mime_type       varchar(200)  not null,
    file_name       varchar(300),
    size            bigint,
    content         bytea,
    state           varchar(12)   not null check (state in ('PENDING', 'DOWNLOADED', 'FAILED')),
    attempts        int           not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000)
);
create index media_file_due on whatsapp.media_file (next_attempt_at) where state = 'PENDING';
