-- Contacts by phone number are listed in id order: an index that holds the order too serves the lookup alone. With
-- only (organisation_id, phone), the planner sometimes took the organisation's index for its order and read every
-- contact of the organisation for one number (25 ms with 70,000 contacts, against 0.04 ms).
create index contact_by_phone_in_order on crm.contact (organisation_id, phone, id) where phone is not null;
drop index crm.contact_by_phone;
