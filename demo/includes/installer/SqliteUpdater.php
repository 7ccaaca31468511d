<?php
/**
 * SQLite-specific updater of the mwschema demo wiki.
 *
 * This file is part of the demo workspace shipped with mwschema. It has the
 * shape of MediaWiki core's updater so that the tool can be tried on it:
 * getCoreUpdateList() lists the schema changes, grouped by the release that
 * introduced them, and each entry names a patch file in sql/sqlite/.
 *
 * @file
 * @ingroup Installer
 */

namespace MediaWiki\Installer;

/**
 * Update list and SQLite-specific update functions.
 *
 * @ingroup Installer
 */
class SqliteUpdater extends DatabaseUpdater {

	/**
	 * @return array[]
	 */
	protected function getCoreUpdateList() {
		return [
			// 1.43
			[ 'addField', 'page', 'page_lang', 'patch-page-page_lang.sql' ],

			// 1.44
			[ 'addIndex', 'watchlist', 'wl_namespace_title', 'patch-watchlist-wl_namespace_title.sql' ],
		];
	}
}
