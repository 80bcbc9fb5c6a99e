-- Message templates of each WhatsApp Business Account, as written here or imported from Meta, with Meta's review.
create table whatsapp.template (
    id                 bigserial   primary key,
    organisation_id    bigint      not null,
    waba_id            text        not null,
    name               text        not null,
    language           text        not null,  -- normalised: en_US, ja
    category           text        not null,
    status             text        not null,
    content            text        not null,  -- JSON: body, header, footer, buttons, syntax
    meta_template_id   text,
    status_reason      text,                  -- Meta's rejection reason, or why it is paused or disabled
    recommendation     text,                  -- Meta's advice with a rejection
    quality            text,                  -- GREEN, YELLOW, RED, UNKNOWN
    previous_category  text,                  -- set when Meta changed the category
    paused_until       timestamptz,
    created_by         bigint,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    unique (waba_id, name, language)
);
create index template_organisation on whatsapp.template (organisation_id, status, name);
create unique index template_meta_id on whatsapp.template (meta_template_id) where meta_template_id is not null;

-- Customers who stopped marketing messages (Meta's 131050): no marketing template is sent to them again.
create table whatsapp.marketing_opt_out (
    organisation_id bigint      not null,
    contact_id      bigint      not null,
    opted_out_at    timestamptz not null,
    primary key (organisation_id, contact_id)
);

-- Samples of templates' image, video and document headers, by Meta's handle: sent again as the header of each send.
create table whatsapp.template_sample (
    handle          text        primary key,
    organisation_id bigint      not null,
    mime_type       text        not null,
    file_name       text        not null,
    content         bytea       not null,
    created_at      timestamptz not null
);
