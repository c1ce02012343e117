DROP TABLE source_erasures;
DROP TABLE collections;
