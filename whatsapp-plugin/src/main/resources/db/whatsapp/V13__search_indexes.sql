-- Searching the inbox for a piece of a name, a number or a message ("like '%text%'") with trigram indexes, where the
-- database has pg_trgm (PostgreSQL's contrib, trusted since version 13, part of the embedded PostgreSQL). Without
-- it the search still works, by reading the rows.
do $$
begin
    begin
        create extension if not exists pg_trgm;
    exception when others then
        raise notice 'pg_trgm is not available: the inbox search reads rows without an index';
        return;
    end;
    create index if not exists conversation_name_trigrams on whatsapp.conversation
        using gin (lower(customer_name) gin_trgm_ops);
    create index if not exists conversation_customer_trigrams on whatsapp.conversation
        using gin (customer_key gin_trgm_ops);
    create index if not exists message_text_trigrams on whatsapp.message
        using gin (lower(text) gin_trgm_ops);
end
$$;
