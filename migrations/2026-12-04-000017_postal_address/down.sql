DROP TABLE letters;
ALTER TABLE requests DROP COLUMN requester_postal_address;
