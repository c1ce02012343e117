DROP TABLE request_notes;
DROP TABLE staff_sessions;
