<?php
// vendor/ is someone else's code: never indexed.
$q = [ 'wd_name' => 1 ];
