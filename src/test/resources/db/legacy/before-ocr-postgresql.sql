-- The schema that EclipseLink's create-or-extend-tables made on PostgreSQL when Qalam had keys, teams and the
-- LLM gateway but no OCR yet: llm_usage counted tokens in integer columns and had no requests column (each row
-- was one request). Later servers only added what was missing, so such a database kept both.
CREATE TABLE llm_usage (id character varying(32) NOT NULL, completiontokens integer, createdat timestamp without time zone, endpoint character varying(40), key_id character varying(64), latencyms bigint, model character varying(200) NOT NULL, owner_id character varying(200), prompttokens integer, served_by character varying(200));
CREATE TABLE qalam_api_key (id character varying(40) NOT NULL, bootstrap boolean NOT NULL, created_at timestamp without time zone NOT NULL, created_by character varying(300), last_used_at timestamp without time zone, name character varying(200) NOT NULL, ocr_page_balance bigint, owner character varying(300) NOT NULL, request_limit bigint, requests_used bigint NOT NULL, revoked_at timestamp without time zone, scopes character varying(200) NOT NULL, secret_hash character varying(64) NOT NULL, secret_prefix character varying(16) NOT NULL, team_id character varying(40), version bigint);
CREATE TABLE qalam_team (id character varying(40) NOT NULL, created_at timestamp without time zone NOT NULL, name character varying(200) NOT NULL);
ALTER TABLE ONLY llm_usage ADD CONSTRAINT llm_usage_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qalam_api_key ADD CONSTRAINT qalam_api_key_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qalam_team ADD CONSTRAINT qalam_team_pkey PRIMARY KEY (id);
CREATE INDEX llm_usage_key ON llm_usage USING btree (key_id, model);
CREATE UNIQUE INDEX qalam_api_key_hash ON qalam_api_key USING btree (secret_hash);
CREATE INDEX qalam_api_key_owner ON qalam_api_key USING btree (owner);
INSERT INTO qalam_team (id, created_at, name) VALUES ('team_legacy', '2026-11-20 10:00:00', 'Legacy team');
INSERT INTO qalam_api_key (id, bootstrap, created_at, created_by, last_used_at, name, ocr_page_balance, owner, request_limit, requests_used, revoked_at, scopes, secret_hash, secret_prefix, team_id, version) VALUES ('key_legacy', false, '2026-11-20 10:00:00', 'bootstrap', '2026-11-21 08:30:00', 'legacy key', 40, 'team:team_legacy', NULL, 3, NULL, 'llm,models,ocr', '173657050b5457334e9492b2192a3cb1e59772642c000f870e5006662a8cc2e5', 'qk_legac', 'team_legacy', 2);
INSERT INTO llm_usage (id, completiontokens, createdat, endpoint, key_id, latencyms, model, owner_id, prompttokens, served_by) VALUES ('usage_legacy_1', 20, '2026-11-21 09:10:00', 'chat', 'key_legacy', 900, 'llama-3.3-70b', 'team:team_legacy', 100, 'llama-3.3-70b');
INSERT INTO llm_usage (id, completiontokens, createdat, endpoint, key_id, latencyms, model, owner_id, prompttokens, served_by) VALUES ('usage_legacy_2', 5, '2026-11-21 09:11:00', 'chat', 'key_legacy', 300, 'llama-3.3-70b', 'team:team_legacy', 50, 'llama-3.3-70b');
