-- What the emulated Meta knows, kept across restarts so that a demo channel keeps working: its accounts'
-- numbers, the tokens that may manage them (as SHA-256 hashes: a token is only ever checked), the accounts whose
-- webhooks are subscribed, and when each customer last wrote (the 24-hour window).
create table whatsapp_sandbox.number (
    id                   text    primary key,
    waba_id              text    not null,
    display_phone_number text    not null,
    verified_name        text    not null,
    registered           boolean not null
);
create index number_waba on whatsapp_sandbox.number (waba_id);

create table whatsapp_sandbox.token_grant (
    token_sha256 bytea not null,
    waba_id      text  not null,
    primary key (token_sha256, waba_id)
);

create table whatsapp_sandbox.subscription (
    waba_id text primary key
);

create table whatsapp_sandbox.customer_window (
    phone_number_id  text        not null,
    wa_id            text        not null,
    last_inbound_at  timestamptz not null,
    primary key (phone_number_id, wa_id)
);
