-- Predefined replies agents insert from the composer by typing their shortcut.
create table whatsapp.quick_reply (
    id              bigint generated always as identity primary key,
    organisation_id bigint       not null,
    shortcut        varchar(40)  not null,
    text            varchar(4096) not null,
    created_at      timestamptz  not null,
    unique (organisation_id, shortcut)
);
