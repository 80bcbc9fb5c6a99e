-- The WhatsApp plugin's own tables. Every row carries the host organisation it belongs to.
create table whatsapp.profile_permission (
    organisation_id bigint      not null,
    profile_id      bigint      not null,
    level           varchar(20) not null check (level in ('VIEW_AND_REPLY', 'VIEW_ONLY', 'NONE')),
    primary key (organisation_id, profile_id)
);

-- Values generated once per installation when configuration does not provide them.
create table whatsapp.installation (
    id           smallint     primary key check (id = 1),
    verify_token varchar(100) not null,
    app_secret   bytea        not null, -- encrypted
    created_at   timestamptz  not null
);

-- Connected WhatsApp Business numbers. A number belongs to one organisation at a time; a disconnected
-- channel keeps its history and is reused when the number is connected again.
create table whatsapp.channel (
    id                   bigint generated always as identity primary key,
    version              bigint       not null default 0,
    organisation_id      bigint       not null,
    name                 varchar(100) not null,
    mode                 varchar(20)  not null check (mode in ('SANDBOX', 'MANUAL', 'EMBEDDED_SIGNUP')),
    phone_number_id      varchar(40)  not null,
    waba_id              varchar(40)  not null,
    display_phone_number varchar(40)  not null,
    verified_name        varchar(200),
    access_token         bytea        not null, -- encrypted
    status               varchar(20)  not null check (status in ('CONNECTED', 'NEEDS_REAUTH', 'DISCONNECTED')),
    connected_at         timestamptz  not null,
    disconnected_at      timestamptz
);
create unique index channel_one_per_number on whatsapp.channel (phone_number_id);
create index channel_by_organisation on whatsapp.channel (organisation_id, id);

create table whatsapp.channel_assignee (
    channel_id bigint not null references whatsapp.channel on delete cascade,
    position   int    not null,
    user_id    bigint not null,
    primary key (channel_id, position)
);

-- Every event Meta delivers, stored before the webhook is acknowledged; processed afterwards.
create table whatsapp.webhook_event (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null,
    channel_id      bigint       not null references whatsapp.channel,
    kind            varchar(20)  not null check (kind in ('MESSAGE', 'STATUS', 'TEMPLATE_STATUS', 'ERROR')),
    dedupe_key      varchar(300) not null,
    wamid           varchar(200),
    occurred_at     timestamptz  not null,
    payload         jsonb        not null,
    received_at     timestamptz  not null,
    processed_at    timestamptz
);
create unique index webhook_event_once on whatsapp.webhook_event (dedupe_key);
create index webhook_event_unprocessed on whatsapp.webhook_event (id) where processed_at is null;
