-- Hand-edited: re-creates vt_count instead of keeping it, so its values are lost.
ALTER TABLE /*_*/vtest DROP vt_count;
ALTER TABLE /*_*/vtest ADD vt_count INT DEFAULT 0 NOT NULL, ADD vt_flag TINYINT DEFAULT 0 NOT NULL;
CREATE INDEX vt_name_flag ON /*_*/vtest (vt_name, vt_flag);
