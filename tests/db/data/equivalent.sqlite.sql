-- Hand-written but equivalent: other spelling, same table.
ALTER TABLE /*_*/vtest ADD COLUMN vt_flag SMALLINT NOT NULL DEFAULT '0';
CREATE INDEX vt_name_flag ON /*_*/vtest (vt_name, vt_flag);
