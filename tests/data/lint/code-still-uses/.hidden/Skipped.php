<?php
$q = [ 'wd_name' => 1 ];
