-- A second, minimal host CRM: just enough tables for the plugin contract, in a schema of its own.
create table second_host.organisation (
    id         bigint generated always as identity primary key,
    name       varchar(200) not null,
    region     char(2)      not null,
    -- the pipeline's stages, in order
    stages     text[]       not null
);

create table second_host.profile (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references second_host.organisation,
    name            varchar(100) not null,
    administrator   boolean      not null,
    edits_records   boolean      not null
);

create table second_host.person (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references second_host.organisation,
    login           varchar(100) not null unique,
    name            varchar(200) not null,
    email           varchar(254),
    password_hash   varchar(500) not null,
    profile_id      bigint       not null references second_host.profile,
    active          boolean      not null
);

create table second_host.company (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references second_host.organisation,
    name            varchar(300) not null
);

create table second_host.contact (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references second_host.organisation,
    first_name      varchar(300) not null,
    last_name       varchar(300) not null,
    phone           varchar(20),
    email           varchar(254),
    company_id      bigint references second_host.company,
    owner_id        bigint references second_host.person
);
create index contact_by_phone on second_host.contact (organisation_id, phone);

create table second_host.deal (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references second_host.organisation,
    name            varchar(300) not null,
    stage           text         not null,
    amount          numeric(18, 2),
    contact_id      bigint references second_host.contact,
    company_id      bigint references second_host.company,
    owner_id        bigint references second_host.person
);
create index deal_by_contact on second_host.deal (organisation_id, contact_id);

create table second_host.note (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references second_host.organisation,
    record_kind     varchar(20)  not null,
    record_id       bigint       not null,
    body            text         not null,
    author_id       bigint       not null references second_host.person,
    written_at      timestamptz  not null default now()
);
create index note_by_record on second_host.note (organisation_id, record_kind, record_id, id);
