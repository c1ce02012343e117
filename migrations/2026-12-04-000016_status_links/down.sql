DROP TABLE request_status_links;
