-- Hand-written clean-up patch; 'LIMIT' and SYSDATE() in strings or comments are fine.
DELETE FROM /*_*/widget WHERE wd_name = 'LIMIT 1' ORDER BY wd_id LIMIT 100;
INSERT INTO /*_*/user(user_name) VALUES ('SELECT 1');
UPDATE /*_*/widget SET wd_touched = '20240101000000' WHERE wd_id = 1; -- not SYSDATE()
/* INSERT INTO x SELECT y; */
