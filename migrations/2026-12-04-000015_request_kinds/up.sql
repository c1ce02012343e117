-- Restriction of processing (GDPR Art 18), the general objection (Art 21(1)) and portability
-- (Art 20) are requests beside the four kinds; the kind's own fields live in `details`.
ALTER TABLE requests DROP CONSTRAINT requests_kind_check;
ALTER TABLE requests ADD CONSTRAINT requests_kind_check
    CHECK (kind IN ('inspection', 'correction', 'objection', 'erasure', 'restriction', 'general_objection',
                    'portability'));
