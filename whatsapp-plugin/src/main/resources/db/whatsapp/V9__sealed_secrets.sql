-- The webhook verify token is kept sealed like every other secret (InstallationSecrets moves the plain one
-- there at start, and seals secrets of the first format to their owners).
alter table whatsapp.installation
    add column verify_token_sealed bytea,
    alter column verify_token drop not null;
