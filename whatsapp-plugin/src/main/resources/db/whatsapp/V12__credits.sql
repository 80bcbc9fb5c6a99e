-- Credits for paid conversations. The ledger is append-only: every purchase, recharge, reservation, charge, release
-- and refund is a row that is never changed, written once per idempotency key. Each row carries the balance after
-- it, computed while the organisation's account row is locked, so the balance is the latest row's, never edited.
create table whatsapp.credit_account (
    organisation_id        bigint        primary key,
    auto_recharge          boolean       not null default false,
    recharge_threshold     numeric(14, 4) not null default 0,
    recharge_credits       numeric(14, 4) not null default 0,
    recharge_monthly_cap   numeric(14, 4)            -- credits a month auto-recharge may buy at most; null: no cap
);

create table whatsapp.credit_entry (
    id               bigint generated always as identity primary key,
    organisation_id  bigint         not null,
    kind             varchar(20)    not null check (kind in ('PURCHASE', 'AUTO_RECHARGE', 'RESERVATION', 'CHARGE',
                                                               'RELEASE', 'REFUND')),
    credits          numeric(14, 4) not null check (credits >= 0),
    balance_change   numeric(14, 4) not null,        -- what the entry does to the balance: a charge changes nothing
    balance_after    numeric(14, 4) not null check (balance_after >= 0),
    idempotency_key  varchar(200)   not null,
    category         varchar(20),                    -- MARKETING, UTILITY or SERVICE for what sends cost
    billing_window_id bigint,
    top_up_id        bigint,
    created_at       timestamptz    not null,
    unique (organisation_id, idempotency_key)
);
create index credit_entry_ledger on whatsapp.credit_entry (organisation_id, id desc);
create index credit_entry_usage on whatsapp.credit_entry (organisation_id, kind, created_at);

-- What a paid (or counted free) conversation covers: 24 hours of sending in one chat from its first message, or one
-- message under per-message pricing. Messages sent in it point at it.
create table whatsapp.billing_window (
    id               bigint generated always as identity primary key,
    organisation_id  bigint         not null,
    conversation_id  bigint         not null,
    category         varchar(20)    not null,
    state            varchar(10)    not null check (state in ('RESERVED', 'CHARGED', 'RELEASED', 'FREE')),
    credits          numeric(14, 4) not null,
    country_code     varchar(4),
    opened_at        timestamptz    not null,
    ends_at          timestamptz    not null
);
create index billing_window_open on whatsapp.billing_window (conversation_id, ends_at desc);
create index billing_window_free on whatsapp.billing_window (organisation_id, opened_at) where state = 'FREE';

alter table whatsapp.message
    add column billing_window_id    bigint,
    -- what Meta's status webhooks said it billed: pricing.category, pricing.type, pricing.billable, pricing_model
    add column meta_pricing_category varchar(40),
    add column meta_pricing_type     varchar(40),
    add column meta_billable         boolean,
    add column meta_pricing_model    varchar(10);
create index message_by_billing_window on whatsapp.message (billing_window_id) where billing_window_id is not null;

-- Buying credits: by hand or by auto-recharge, each paid through the host once per idempotency key.
create table whatsapp.credit_top_up (
    id               bigint generated always as identity primary key,
    organisation_id  bigint         not null,
    trigger          varchar(10)    not null check (trigger in ('MANUAL', 'AUTO')),
    credits          numeric(14, 4) not null check (credits > 0),
    amount_usd       numeric(14, 2) not null,
    state            varchar(10)    not null check (state in ('PENDING', 'PAID', 'DECLINED')),
    idempotency_key  varchar(200)   not null unique,
    payment_id       varchar(200),
    decline_reason   varchar(1000),
    attempts         int            not null default 0,
    requested_by     bigint,
    created_at       timestamptz    not null,
    settled_at       timestamptz
);
create index credit_top_up_by_organisation on whatsapp.credit_top_up (organisation_id, id desc);
create unique index credit_top_up_one_pending_auto on whatsapp.credit_top_up (organisation_id)
    where trigger = 'AUTO' and state = 'PENDING';
