-- Whose turn it is to receive a channel's next new chat: a sequence per channel (whatsapp.round_robin_<channel id>),
-- made when the channel deals its first chat. Taking a turn is a nextval in the chat's own transaction, which no
-- other transaction waits for and no rollback gives back, where the locked row needed a transaction of its own for
-- each new chat. A channel dealing already goes on with the assignee whose turn it was.
do $$
declare
    turn record;
begin
    for turn in select channel_id, next_position from whatsapp.round_robin loop
        execute format('create sequence whatsapp.%I minvalue 0 start with %s', 'round_robin_' || turn.channel_id,
                       turn.next_position + 1);
    end loop;
end
$$;

drop table whatsapp.round_robin;
