DROP TABLE monthly_reports_sent;
