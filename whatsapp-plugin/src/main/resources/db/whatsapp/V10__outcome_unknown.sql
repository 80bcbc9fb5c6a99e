-- "Whether Meta took it cannot be known" is a reason of its own, stored rather than inferred from a failure
-- without Meta's error code: a late status of such a message proves it was sent after all.
alter table whatsapp.message add column outcome_unknown boolean not null default false;
update whatsapp.message set outcome_unknown = true
 where direction = 'OUT' and status = 'FAILED' and error_code is null and send_attempts > 0;
