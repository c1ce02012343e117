-- A reminder to close or refuse a request whose question stayed unanswered (answers.unanswered_question_days).
ALTER TABLE reminders_sent DROP CONSTRAINT reminders_sent_kind_check;
ALTER TABLE reminders_sent ADD CONSTRAINT reminders_sent_kind_check
    CHECK (kind IN ('due_in_7', 'due_in_2', 'overdue', 'unanswered_question'));
