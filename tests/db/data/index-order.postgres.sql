-- Hand-edited: the index columns are swapped.
ALTER TABLE vtest ADD vt_flag SMALLINT DEFAULT 0 NOT NULL;
CREATE INDEX vt_name_flag ON vtest (vt_flag, vt_name);
