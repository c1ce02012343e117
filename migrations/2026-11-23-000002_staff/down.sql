DROP TABLE staff_registers;
DROP TABLE staff_accounts;
