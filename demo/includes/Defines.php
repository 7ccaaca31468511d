<?php
/**
 * Global constants of the mwschema demo wiki.
 *
 * This file is part of the demo workspace shipped with mwschema. Like
 * MediaWiki core's includes/Defines.php it names the release in
 * development: 1.43 and 1.44 are out, so the updaters' blocks for them are
 * closed and a new schema change is registered under "// 1.45".
 *
 * @file
 */

/**
 * The MediaWiki version this checkout is developing.
 */
define( 'MW_VERSION', '1.45.0-alpha' );
