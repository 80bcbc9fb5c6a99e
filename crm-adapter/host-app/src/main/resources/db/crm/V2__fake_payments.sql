-- Payments plugins asked for, taken by the fake processor: nothing leaves the machine and no money moves. A payment
-- is kept once per idempotency key, so that asking again answers the first outcome.
create table crm.payment (
    id              bigint generated always as identity primary key,
    organisation_id bigint         not null references crm.organisation,
    idempotency_key varchar(200)   not null,
    amount          numeric(12, 2) not null check (amount > 0),
    currency        char(3)        not null,
    description     varchar(500)   not null,
    outcome         varchar(10)    not null check (outcome in ('PAID', 'DECLINED')),
    created_at      timestamptz    not null,
    unique (organisation_id, idempotency_key)
);
create index payment_by_organisation on crm.payment (organisation_id, id desc);

-- The fake processor's one setting: whether it declines every payment, to try what a declined card does.
alter table crm.organisation add column fake_processor_declines boolean not null default false;
