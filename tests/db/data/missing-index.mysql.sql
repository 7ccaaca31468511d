-- Hand-edited: the CREATE INDEX was lost.
ALTER TABLE /*_*/vtest ADD vt_flag TINYINT DEFAULT 0 NOT NULL;
