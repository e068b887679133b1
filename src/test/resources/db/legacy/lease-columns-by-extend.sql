-- What create-or-extend added to a database of the earlier schema once tracked jobs had leases: the two columns,
-- but not their index (it never adds an index to an existing table). Same SQL on Derby and PostgreSQL.
ALTER TABLE QALAM_OCR_JOB ADD COLUMN LEASE_OWNER VARCHAR(120);
ALTER TABLE QALAM_OCR_JOB ADD COLUMN LEASE_UNTIL TIMESTAMP;
UPDATE QALAM_OCR_JOB SET LEASE_OWNER = 'server-that-died', LEASE_UNTIL = '2026-11-21 09:00:30' WHERE ID = 'ocr_legacy';
