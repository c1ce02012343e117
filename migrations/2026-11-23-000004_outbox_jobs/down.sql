DROP TABLE schedules;
DROP TABLE jobs;
DROP TABLE outbox_messages;
DROP FUNCTION notify_work();
