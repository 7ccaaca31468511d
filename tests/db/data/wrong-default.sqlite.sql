-- Hand-edited: vt_flag gets DEFAULT 1 where the JSON says 0.
ALTER TABLE /*_*/vtest ADD COLUMN vt_flag SMALLINT DEFAULT 1 NOT NULL;
CREATE INDEX vt_name_flag ON /*_*/vtest (vt_name, vt_flag);
