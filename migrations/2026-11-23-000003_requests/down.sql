DROP TABLE request_events;
DROP FUNCTION request_events_append_only();
DROP TABLE requests;
