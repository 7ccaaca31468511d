-- Hand-written clean-up patch.
DELETE FROM /*_*/widget WHERE wd_name = 'x' LIMIT 100;
INSERT INTO /*_*/gadget (gd_name)
  SELECT wd_name FROM /*_*/widget;
UPDATE /*_*/widget SET wd_touched = SYSDATE() WHERE wd_id = 1;
