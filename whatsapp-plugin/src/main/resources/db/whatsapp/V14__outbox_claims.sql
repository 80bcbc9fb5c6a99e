-- A dispatcher's claim on a queued message is a lease: a node that dies before sending what it claimed leaves those
-- messages to the other nodes once the lease ends. dispatching_since now marks only a message handed to Meta, whose
-- outcome a dead node cannot tell.
alter table whatsapp.message add column claimed_at timestamptz;
