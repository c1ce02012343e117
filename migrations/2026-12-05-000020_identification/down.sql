DROP TABLE request_identifications;
DROP TABLE oidc_flows;
