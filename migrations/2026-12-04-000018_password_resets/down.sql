DROP TABLE staff_password_resets;
