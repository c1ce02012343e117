ALTER TABLE staff_sessions DROP COLUMN sign_in_method;
DROP TABLE staff_sign_in_challenges;
DROP TABLE staff_recovery_codes;
ALTER TABLE staff_accounts
    DROP COLUMN totp_secret,
    DROP COLUMN totp_enabled_at,
    DROP COLUMN totp_last_step,
    DROP COLUMN totp_pending;
