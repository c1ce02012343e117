DROP TABLE reminders_sent;
DROP TABLE download_codes;
DROP TABLE answer_attachments;
DROP TABLE request_answers;
ALTER TABLE requests DROP COLUMN entered_by;
ALTER TABLE requests DROP COLUMN identity_method;
ALTER TABLE request_pauses DROP COLUMN answer;
ALTER TABLE request_pauses DROP COLUMN question;
