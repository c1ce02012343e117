DROP INDEX requests_retention_idx;
DROP INDEX suppressions_export_idx;
DROP TABLE api_key_registers;
DROP TABLE api_keys;
