-- Staff pages and the emails addressed to a staff member are in the language the person chose on
-- their profile page; empty means "the browser's language" for pages and the register's first
-- language for emails.
ALTER TABLE staff_accounts
    ADD COLUMN language TEXT CHECK (language IN ('fi', 'sv', 'en', 'et'));
