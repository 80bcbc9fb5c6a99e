-- The reference host CRM. Every table carries its organisation; lists are read newest first by id.
create table crm.organisation (
    id             bigint generated always as identity primary key,
    name           varchar(200) not null,
    default_region char(2)      not null,
    created_at     timestamptz  not null
);

create table crm.profile (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references crm.organisation,
    name            varchar(100) not null,
    administrator   boolean      not null,
    unique (organisation_id, name)
);

create table crm.user_account (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references crm.organisation,
    username        varchar(100) not null unique,
    name            varchar(200) not null,
    email           varchar(254),
    password_hash   varchar(500) not null,
    profile_id      bigint       not null references crm.profile,
    active          boolean      not null,
    created_at      timestamptz  not null
);
create index user_account_by_organisation on crm.user_account (organisation_id, id);

create table crm.company (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references crm.organisation,
    name            varchar(200) not null,
    phone           varchar(20),
    website         varchar(500),
    created_at      timestamptz  not null
);
create index company_by_organisation on crm.company (organisation_id, id desc);

create table crm.contact (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references crm.organisation,
    first_name      varchar(100) not null,
    last_name       varchar(100) not null,
    phone           varchar(20),
    email           varchar(254),
    company_id      bigint references crm.company,
    owner_id        bigint references crm.user_account,
    created_at      timestamptz  not null,
    constraint contact_has_a_name check (first_name <> '' or last_name <> '')
);
create index contact_by_organisation on crm.contact (organisation_id, id desc);
create index contact_by_phone on crm.contact (organisation_id, phone) where phone is not null;

create table crm.pipeline_stage (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references crm.organisation,
    position        int          not null,
    name            varchar(100) not null,
    unique (organisation_id, position),
    unique (organisation_id, name)
);

create table crm.deal (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null references crm.organisation,
    name            varchar(200) not null,
    stage           varchar(100) not null,
    amount          numeric(15, 2) check (amount >= 0),
    contact_id      bigint references crm.contact,
    company_id      bigint references crm.company,
    owner_id        bigint references crm.user_account,
    created_at      timestamptz  not null
);
create index deal_by_organisation on crm.deal (organisation_id, id desc);
create index deal_by_contact on crm.deal (organisation_id, contact_id) where contact_id is not null;

create table crm.note (
    id              bigint generated always as identity primary key,
    organisation_id bigint        not null references crm.organisation,
    module          varchar(20)   not null check (module in ('CONTACTS', 'COMPANIES', 'PIPELINES')),
    record_id       bigint        not null,
    text            varchar(10000) not null,
    author_id       bigint        not null references crm.user_account,
    created_at      timestamptz   not null
);
create index note_by_record on crm.note (organisation_id, module, record_id, id);
