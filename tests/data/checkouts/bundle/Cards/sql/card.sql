-- Hand-written, as bundles of old extensions keep their tables.
CREATE TABLE /*_*/card (
  card_id int unsigned NOT NULL PRIMARY KEY AUTO_INCREMENT
) /*$wgDBTableOptions*/;
