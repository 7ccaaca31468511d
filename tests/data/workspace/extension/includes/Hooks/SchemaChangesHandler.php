<?php

namespace MediaWiki\Extension\Gadgetry\Hooks;

use MediaWiki\Installer\Hook\LoadExtensionSchemaUpdatesHook;

class SchemaChangesHandler implements LoadExtensionSchemaUpdatesHook {
	/**
	 * @param DatabaseUpdater $updater
	 */
	public function onLoadExtensionSchemaUpdates( $updater ) {
		$dbType = $updater->getDB()->getType();
		$dir = __DIR__ . '/../../sql';

		$updater->addExtensionTable(
			'gadgetry_item',
			"$dir/$dbType/tables-generated.sql"
		);

		if ( $dbType === 'mysql' ) {
			// Only MySQL ever had the old column; see T000001.
			$updater->dropExtensionField(
				'gadgetry_item',
				'gi_old',
				"$dir/mysql/patch-drop-gi_old.sql"
			);
		}

		$updater->addPostDatabaseUpdateMaintenance( FixGadgetry::class );
	}
}
