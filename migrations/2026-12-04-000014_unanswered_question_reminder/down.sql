DELETE FROM reminders_sent WHERE kind = 'unanswered_question';
ALTER TABLE reminders_sent DROP CONSTRAINT reminders_sent_kind_check;
ALTER TABLE reminders_sent ADD CONSTRAINT reminders_sent_kind_check
    CHECK (kind IN ('due_in_7', 'due_in_2', 'overdue'));
