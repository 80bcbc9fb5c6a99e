-- The WhatsApp plugin's own tables. Every row carries the host organisation it belongs to.
create table whatsapp.profile_permission (
    organisation_id bigint      not null,
    profile_id      bigint      not null,
    level           varchar(20) not null check (level in ('VIEW_AND_REPLY', 'VIEW_ONLY', 'NONE')),
    primary key (organisation_id, profile_id)
);
