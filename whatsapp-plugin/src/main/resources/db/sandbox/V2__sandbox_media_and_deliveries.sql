-- Files as the emulated Meta keeps them (sent by customers, uploaded by the business), the oldest forgotten past a
-- size, and webhook deliveries the plugin has not taken yet, retried with backoff, after a restart too.
create table whatsapp_sandbox.medium (
    seq       bigserial primary key,
    id        text      not null unique,
    waba_id   text      not null,
    mime_type text      not null,
    file_name text,
    sha256    text      not null,
    size      bigint    not null,
    bytes     bytea     not null
);

create table whatsapp_sandbox.pending_delivery (
    id     bigserial primary key,
    target text      not null,
    body   bytea     not null
);
