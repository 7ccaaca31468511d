<?php
/**
 * Postgres-specific updater (test fixture shaped like MediaWiki core's).
 */

namespace MediaWiki\Installer;

class PostgresUpdater extends DatabaseUpdater {
	protected function getCoreUpdateList() {
		return [
			// 1.44
			[ 'addField', 'widget', 'wd_page', 'patch-widget-wd_page.sql' ],
			[ 'dropTable', 'old_widget' ],

			// 1.45
			[ 'addIndex', 'widget', 'wd_page', 'patch-widget-wd_page-index.sql' ],
		];
	}

	/**
	 * A helper after the list: ] and ; here must not confuse the insertion.
	 */
	protected function helper() {
		return [ 'x' ];
	}
}
